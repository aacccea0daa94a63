import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AdmittedRequest } from '@nlai/http-server';
import { parse, print } from 'graphql';

/** schema/persisted-operations.json, as `npm run operations:manifest` writes it. */
export interface Manifest {
  format: string;
  operations: Array<{ id: string; name: string; body: string }>;
}

export const readManifest = (manifestFile: string): Manifest => JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;

const refuse = (message: string): AdmittedRequest => ({ refused: { status: 400, code: 'PERSISTED_QUERY_NOT_ALLOWED', message } });

/** The canonical id of a document: SHA-256 of its printed form, as the manifest's generator computes it. */
function idOf(query: string): string | undefined {
  try {
    return createHash('sha256').update(print(parse(query))).digest('hex');
  } catch {
    return undefined;
  }
}

/**
 * Safelist mode (PERSISTED_OPERATIONS_ONLY): admits only the operations of
 * the manifest generated from schema/operations, sent by id
 * (`extensions.persistedQuery.sha256Hash`, the query text then optional) or
 * as their full text; anything else is refused before it is parsed for
 * execution.
 */
export function safelist(manifestFile: string): (request: { method: string; body: unknown; search: string }) => AdmittedRequest {
  const bodies = new Map(readManifest(manifestFile).operations.map((operation) => [operation.id, operation.body]));
  return ({ method, body, search }) => {
    let request: { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown> } & Record<string, unknown>;
    const parameters = new URLSearchParams(search);
    if (method === 'GET') {
      let extensions: unknown;
      try {
        extensions = JSON.parse(parameters.get('extensions') ?? '{}');
      } catch {
        return refuse('The extensions parameter is not JSON.');
      }
      request = { query: parameters.get('query') ?? undefined, extensions: extensions as Record<string, unknown> };
    } else if (body && typeof body === 'object' && !Array.isArray(body)) {
      request = { ...(body as Record<string, unknown>) };
    } else {
      return { body, search };
    }
    const hash = request.extensions?.persistedQuery?.sha256Hash;
    const id = typeof hash === 'string' ? hash : typeof request.query === 'string' ? idOf(request.query) : undefined;
    const stored = id ? bodies.get(id) : undefined;
    if (!stored) return refuse('Only the operations of the persisted-operations manifest run here; this one is not among them.');
    // Run the manifest's text: the id settles what runs, whatever text came with it.
    const { persistedQuery: _persistedQuery, ...extensions } = request.extensions ?? {};
    if (method === 'GET') {
      parameters.set('query', stored);
      parameters.set('extensions', JSON.stringify(extensions));
      return { body, search: `?${parameters.toString()}` };
    }
    return { body: { ...request, query: stored, extensions }, search };
  };
}
