import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startGraph, type TestGraph } from '@nlai/testing';

const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../schema/persisted-operations.json'), 'utf8')) as {
  operations: Array<{ id: string; name: string; body: string }>;
};
const labList = manifest.operations.find((operation) => operation.name === 'LabList')!;

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> },
  };
}
const persisted = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

describe('for frontend teams', () => {
  describe('automatic persisted queries', () => {
    let graph: TestGraph;
    beforeAll(async () => {
      graph = await startGraph({
        dialect: 'sqlite',
        envFor: { gateway: { CORS_ORIGINS: 'https://app.nlai.example, https://explore.nlai.example' } },
      });
    });
    afterAll(() => graph?.stop());

    it('asks for the query once, then runs it by its hash alone', async () => {
      const query = '{ labs(first: 3) { totalCount } }';
      const hash = createHash('sha256').update(query).digest('hex');
      const unknown = await post(graph.gateway.url, { extensions: persisted(hash) });
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      const registered = await post(graph.gateway.url, { query, extensions: persisted(hash) });
      expect(registered.body).toEqual({ data: { labs: { totalCount: 30 } } });
      const byHash = await post(graph.gateway.url, { extensions: persisted(hash) });
      expect(byHash.body).toEqual({ data: { labs: { totalCount: 30 } } });
    });

    it('allows the origins of the CORS allow-list, and no other', async () => {
      const allowed = await post(graph.gateway.url, { query: '{ __typename }' }, { origin: 'https://app.nlai.example' });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.nlai.example');
      const other = await post(graph.gateway.url, { query: '{ __typename }' }, { origin: 'https://evil.example' });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();

      const preflight = (origin: string) =>
        fetch(graph.gateway.url, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
        });
      const ok = await preflight('https://explore.nlai.example');
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
      expect((await preflight('https://evil.example')).status).toBe(403);
    });
  });

  describe('safelist mode (PERSISTED_OPERATIONS_ONLY=true)', () => {
    let graph: TestGraph;
    beforeAll(async () => {
      graph = await startGraph({ dialect: 'sqlite', envFor: { gateway: { PERSISTED_OPERATIONS_ONLY: 'true' } } });
    });
    afterAll(() => graph?.stop());

    it('runs an operation of the manifest by its id', async () => {
      const result = await post(graph.gateway.url, { extensions: persisted(labList.id), variables: { first: 2 } });
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data).toMatchObject({ labs: { totalCount: 30 } });
    });

    it('runs an operation of the manifest sent as text, whatever its layout', async () => {
      const reformatted = labList.body.replace(/\n\s*/g, ' ');
      const result = await post(graph.gateway.url, { query: reformatted, variables: { first: 1 } });
      expect(result.body.errors).toBeUndefined();
    });

    it('refuses any other operation, by text or by hash, before it runs', async () => {
      const adHoc = await post(graph.gateway.url, { query: '{ labs(first: 1) { totalCount } }' });
      expect(adHoc.status).toBe(400);
      expect(adHoc.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      const unknownHash = await post(graph.gateway.url, { extensions: persisted('0'.repeat(64)) });
      expect(unknownHash.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      // An id of the manifest with other text still runs the manifest's operation, never the text.
      const smuggled = await post(graph.gateway.url, {
        query: '{ organisations(first: 1) { totalCount } }',
        extensions: persisted(labList.id),
        variables: { first: 1 },
      });
      expect(smuggled.body.data).toHaveProperty('labs');
      expect(smuggled.body.data).not.toHaveProperty('organisations');
    });

    it('takes an id in a GET request too', async () => {
      const search = new URLSearchParams({ extensions: JSON.stringify(persisted(labList.id)), variables: JSON.stringify({ first: 1 }) });
      const response = await fetch(`${graph.gateway.url}?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: unknown }).data).toMatchObject({ labs: { totalCount: 30 } });
    });
  });
});
