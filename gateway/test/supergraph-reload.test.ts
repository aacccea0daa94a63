import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { graphql, startGraph, type TestGraph } from '@nlai/testing';

const committed = resolve(__dirname, '../../schema/supergraph.graphql');

describe('the gateway reloads its supergraph file without a restart', () => {
  const directory = mkdtempSync(join(tmpdir(), 'nlai-supergraph-'));
  const file = join(directory, 'supergraph.graphql');
  let graph: TestGraph;

  beforeAll(async () => {
    copyFileSync(committed, file);
    graph = await startGraph({ dialect: 'sqlite', envFor: { gateway: { SUPERGRAPH_FILE: file, SUPERGRAPH_POLL_MS: '100' } } });
  });
  afterAll(async () => {
    await graph?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  const labDescription = async () =>
    (await graphql<{ __type: { description: string } }>(graph.gateway.url, '{ __type(name: "Lab") { description } }')).data!.__type
      .description;

  async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (accept(value) || Date.now() > deadline) return value;
      await new Promise((wait) => setTimeout(wait, 100));
    }
  }

  it('serves a valid new supergraph, then keeps it when an invalid one follows', async () => {
    const original = await labDescription();
    expect(original).toMatch(/^An ICAI lab/);

    writeFileSync(file, readFileSync(committed, 'utf8').replace('An ICAI lab:', 'A reloaded ICAI lab:'));
    expect(await eventually(labDescription, (description) => description.startsWith('A reloaded'))).toMatch(/^A reloaded ICAI lab/);

    writeFileSync(file, 'this is not a supergraph');
    await eventually(
      async () => graph.gateway.output(),
      (output) => output.includes('keeping the last good one'),
    );
    expect(graph.gateway.output()).toContain('keeping the last good one');
    expect(await labDescription()).toMatch(/^A reloaded ICAI lab/);
    const labs = await graphql<{ labs: { totalCount: number } }>(graph.gateway.url, '{ labs(first: 1) { totalCount } }');
    expect(labs.data!.labs.totalCount).toBe(30);
  });

  it('counts the cost with the list sizes of the supergraph it serves', async () => {
    // 50 locations of 20 labs each: 1,050 objects; declared as 5,000 locations, 105,000.
    const citiesAndLabs = () => graphql(graph.gateway.url, '{ locations { city labs { name } } }');
    expect((await citiesAndLabs()).errors).toBeUndefined();
    const declared = '@join__field(graph: RESEARCH_INNOVATION) @listSize(assumedSize: 50)';
    const committedSdl = readFileSync(committed, 'utf8');
    expect(committedSdl).toContain(`locations: [Location!] ${declared}`);
    writeFileSync(
      file,
      committedSdl.replace(`locations: [Location!] ${declared}`, `locations: [Location!] ${declared.replace('50', '5000')}`),
    );
    const refused = await eventually(citiesAndLabs, (result) => result.errors !== undefined);
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['OPERATION_TOO_COSTLY']);
  });
});
