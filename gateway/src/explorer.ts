import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The in-browser query explorer, served from the gateway itself (nothing
 * from a CDN): GET routes by path. To be written.
 */
export function explorerRoutes(): Record<string, (request: IncomingMessage, response: ServerResponse) => void> {
  return {};
}
