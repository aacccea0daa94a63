import type { IncomingMessage, ServerResponse } from 'node:http';

/** Adds CORS headers for an allowed origin; answers a preflight itself (returns true then). */
export type ApplyCors = (request: IncomingMessage, response: ServerResponse) => boolean;

/** CORS for the given origins (['*'] for any; none: no browser origin may call). */
export function cors(origins: readonly string[] = []): ApplyCors {
  const allowedOrigins = new Set(origins);
  return (request, response) => {
    const origin = request.headers.origin;
    const allowed = typeof origin === 'string' && (allowedOrigins.has('*') || allowedOrigins.has(origin));
    if (allowed) {
      response.setHeader('access-control-allow-origin', allowedOrigins.has('*') ? '*' : origin);
      response.setHeader('vary', 'Origin');
    }
    if (request.method !== 'OPTIONS') return false;
    if (allowed) {
      response.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      response.setHeader(
        'access-control-allow-headers',
        'authorization, content-type, apollo-require-preflight, x-request-id, x-apollo-operation-name',
      );
      response.setHeader('access-control-max-age', '600');
    }
    response.writeHead(allowed ? 204 : 403).end();
    return true;
  };
}
