import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, runToExit, startGraph, type TestGraph } from '@nlai/testing';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
// As @apollo/generate-persisted-query-manifest writes it: Apollo Client adds __typename to every selection set.
const body =
  'query LabNames($first: Int) {\n  labs(first: $first) {\n    edges {\n      node {\n        name\n        __typename\n      }\n      __typename\n    }\n    __typename\n  }\n}';
const apolloManifest = {
  format: 'apollo-persisted-query-manifest',
  version: 1,
  operations: [{ id: sha256(body), name: 'LabNames', type: 'query', body }],
};

describe("the gateway's safelist reads Apollo's persisted query manifest", () => {
  const directory = mkdtempSync(join(tmpdir(), 'nlai-manifest-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const write = (name: string, content: unknown) => {
    const file = join(directory, name);
    writeFileSync(file, JSON.stringify(content));
    return file;
  };

  describe('with a manifest written by Apollo tooling', () => {
    let graph: TestGraph;
    beforeAll(async () => {
      graph = await startGraph({
        dialect: 'sqlite',
        envFor: { gateway: { PERSISTED_OPERATIONS_ONLY: 'true', PERSISTED_OPERATIONS_FILE: write('apollo.json', apolloManifest) } },
      });
    });
    afterAll(() => graph?.stop());

    const post = async (request: Record<string, unknown>) => {
      const response = await fetch(graph.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      return {
        status: response.status,
        body: (await response.json()) as { data?: { labs: { edges: unknown[] } }; errors?: Array<{ extensions?: { code?: string } }> },
      };
    };

    it('runs its operation by id, as Apollo Client sends it', async () => {
      const answer = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(body) } }, variables: { first: 2 } });
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.labs.edges).toHaveLength(2);
    });

    it('runs its operation sent as text in another layout', async () => {
      const answer = await post({ query: body.replace(/\n\s*/g, ' '), variables: { first: 1 } });
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.labs.edges).toHaveLength(1);
    });
  });

  const boot = async (manifestFile: string) =>
    runToExit(require.resolve('@nlai/gateway'), {
      PERSISTED_OPERATIONS_ONLY: 'true',
      PERSISTED_OPERATIONS_FILE: manifestFile,
      GATEWAY_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    });

  it('refuses to start with a manifest in another format, naming the one it reads', async () => {
    const { code, output } = await boot(
      write('old.json', { format: 'nlai-persisted-operations/1', operations: apolloManifest.operations }),
    );
    expect(code).toBe(1);
    expect(output).toContain('apollo-persisted-query-manifest');
  });

  it('refuses to start with a manifest whose id is not the SHA-256 of its body', async () => {
    const { code, output } = await boot(
      write('bad-id.json', { ...apolloManifest, operations: [{ ...apolloManifest.operations[0], id: sha256('something else') }] }),
    );
    expect(code).toBe(1);
    expect(output).toContain('LabNames');
  });
});
