import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AdmittedRequest } from '@nlai/http-server';
import { parse, print } from 'graphql';

/**
 * Apollo's persisted query manifest: what `npm run operations:manifest` writes
 * to schema/persisted-operations.json, and what `@apollo/generate-persisted-query-manifest`
 * writes for an Apollo Client app.
 */
export interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: Array<{ id: string; name: string; type: string; body: string }>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Reads and checks a manifest: Apollo's format, version 1, and each id the
 * SHA-256 of its body (as Apollo computes it), so an id the client sends
 * can only ever run the body it was made from.
 */
export function readManifest(manifestFile: string): Manifest {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Partial<Manifest> | null;
  if (manifest?.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(
      `${manifestFile} is not an Apollo persisted query manifest: expected { "format": "apollo-persisted-query-manifest", "version": 1, "operations": [...] }.`,
    );
  }
  for (const operation of manifest.operations) {
    if (typeof operation?.body !== 'string' || operation.id !== sha256(operation.body)) {
      throw new Error(
        `${manifestFile}: the id of operation ${operation?.name ?? '(unnamed)'} is not the SHA-256 of its body; regenerate the manifest.`,
      );
    }
  }
  return manifest as Manifest;
}

const refuse = (message: string): AdmittedRequest => ({ refused: { code: 'PERSISTED_QUERY_NOT_ALLOWED', message } });

/** A document's canonical text (its printed form), whatever its layout and comments. */
function canonical(query: string): string | undefined {
  try {
    return print(parse(query));
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
  const { operations } = readManifest(manifestFile);
  const bodies = new Map(operations.map((operation) => [operation.id, operation.body]));
  // Full text is matched on its printed form, so a manifest from any generator (layout kept or not) admits it.
  const byText = new Map(
    operations.flatMap((operation) => {
      const text = canonical(operation.body);
      return text ? [[text, operation.body] as const] : [];
    }),
  );
  return ({ method, body, search }) => {
    let request: { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown> } & Record<
      string,
      unknown
    >;
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
    const text = typeof hash !== 'string' && typeof request.query === 'string' ? canonical(request.query) : undefined;
    const stored = typeof hash === 'string' ? bodies.get(hash) : text ? byText.get(text) : undefined;
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
