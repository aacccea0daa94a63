import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, freePort, runToExit, startProcess, type ServiceProcess, type TestDatabase } from '@nlai/testing';
import { composeSupergraphFromConfig } from '../src/compose-supergraph';
import { supergraphConfigPath } from '../src/paths';
import { formatRefusal, publishSupergraph, type PublishResult } from '../src/publish-supergraph';
import { loadSubgraphs } from '../src/supergraph-config';
import { renderSupergraphFile } from '../src/supergraph-file';

// Each subgraph's own secret, as in production: a subgraph answers only requests signed with it.
const secrets = {
  RESEARCH_INNOVATION_SUBGRAPH_SECRET: 'publish-test-research-innovation-secret-0123456789',
  HUMAN_CAPITAL_SUBGRAPH_SECRET: 'publish-test-human-capital-secret-0123456789abcdef',
};
const subgraphs = [
  { name: 'research-innovation', prefix: 'RESEARCH_INNOVATION', packageName: '@nlai/research-innovation' },
  { name: 'human-capital', prefix: 'HUMAN_CAPITAL', packageName: '@nlai/human-capital' },
];

/** The refusal's lines for one subgraph, as a user reads them. */
const refusal = (result: PublishResult) => (result.published ? '' : formatRefusal(result.gaps));

describe('npm run schema:publish', () => {
  const running: ServiceProcess[] = [];
  const databases: TestDatabase[] = [];
  /** Where the gateway reaches each running subgraph, as its environment says. */
  const urls: Record<string, string> = {};
  let scratch: string;
  let target: string;

  beforeAll(async () => {
    // The subgraphs as built now (dist/), each on its own database, signing required.
    await Promise.all(
      subgraphs.map(async ({ name, prefix, packageName }) => {
        const database = await createTestDatabase('sqlite', name);
        databases.push(database);
        const port = await freePort();
        const service = await startProcess(name, require.resolve(packageName), port, {
          [`${prefix}_PORT`]: String(port),
          [`${prefix}_SQLITE_FILE`]: database.sqliteFile,
          [`${prefix}_SUBGRAPH_SECRET`]: secrets[`${prefix}_SUBGRAPH_SECRET` as keyof typeof secrets],
        });
        running.push(service);
        urls[`${prefix}_URL`] = service.url;
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    await Promise.all(databases.map((database) => database.drop()));
  });

  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'nlai-publish-'));
    target = join(scratch, 'published', 'supergraph.graphql');
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('writes the composed supergraph when every running subgraph serves all of it', async () => {
    const result = await publishSupergraph({ to: target, environment: { ...urls, ...secrets } });
    expect(refusal(result)).toBe('');
    expect(result).toEqual({ published: true, file: target, subgraphs: ['research-innovation', 'human-capital'] });
    // Exactly what `npm run compose` writes.
    expect(readFileSync(target, 'utf8')).toBe(renderSupergraphFile(composeSupergraphFromConfig().supergraphSdl));
  });

  it('writes to SUPERGRAPH_PUBLISH_FILE when no --to is given', async () => {
    const result = await publishSupergraph({ environment: { ...urls, ...secrets, SUPERGRAPH_PUBLISH_FILE: target } });
    expect(result.published).toBe(true);
    expect(existsSync(target)).toBe(true);
  });

  it('refuses a supergraph ahead of a running subgraph, naming the subgraph and every field it does not serve yet', async () => {
    // A working group adds Lab.website and an argument to Query.labs in its SDL; the running subgraph has neither yet.
    const config = join(scratch, 'supergraph.yaml');
    const sources = loadSubgraphs(supergraphConfigPath);
    const lines = ['subgraphs:'];
    for (const source of sources) {
      let sdl = source.sdl;
      if (source.name === 'research-innovation') {
        sdl = sdl
          .replace('  sourceUrl: String\n}', '  sourceUrl: String\n  "The lab\'s own web site."\n  website: String\n}')
          .replace('labs(filter: LabFilter,', 'labs(region: String, filter: LabFilter,');
        expect(sdl).toContain('website: String');
        expect(sdl).toContain('labs(region: String,');
      }
      const file = join(scratch, `${source.name}.graphql`);
      writeFileSync(file, sdl);
      lines.push(`  ${source.name}:`, `    routing_url: ${source.routingUrl}`, `    schema:`, `      file: ${file}`);
    }
    writeFileSync(config, `${lines.join('\n')}\n`);

    const result = await publishSupergraph({ configPath: config, to: target, environment: { ...urls, ...secrets } });
    expect(result).toEqual({
      published: false,
      gaps: [{ subgraph: 'research-innovation', url: urls.RESEARCH_INNOVATION_URL, missing: ['Query.labs(region:)', 'Lab.website'] }],
    });
    expect(refusal(result)).toContain(
      `research-innovation (${urls.RESEARCH_INNOVATION_URL}) does not serve yet:\n    Query.labs(region:)\n    Lab.website`,
    );
    expect(existsSync(target)).toBe(false);
  });

  it('refuses when a subgraph does not answer, naming it', async () => {
    const nothingThere = `http://127.0.0.1:${await freePort()}/graphql`;
    const result = await publishSupergraph({ to: target, environment: { ...urls, ...secrets, HUMAN_CAPITAL_URL: nothingThere } });
    expect(result.published).toBe(false);
    if (result.published) return;
    expect(result.gaps.map((gap) => [gap.subgraph, gap.url])).toEqual([['human-capital', nothingThere]]);
    expect(refusal(result)).toContain(`human-capital (${nothingThere}) no answer (`);
    expect(existsSync(target)).toBe(false);
  });

  it('runs as `npm run schema:publish`: exit 0 and the file written, or exit 1 naming what is wrong and writing nothing', async () => {
    const cli = join(__dirname, '../dist/publish-cli.js');
    const nothingThere = `http://127.0.0.1:${await freePort()}/graphql`;
    const refused = await runToExit(cli, { ...urls, ...secrets, RESEARCH_INNOVATION_URL: nothingThere, SUPERGRAPH_PUBLISH_FILE: target });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`research-innovation (${nothingThere}) no answer`);
    expect(existsSync(target)).toBe(false);

    const published = await runToExit(cli, { ...urls, ...secrets, SUPERGRAPH_PUBLISH_FILE: target });
    expect(published).toEqual({
      code: 0,
      output: `Published the supergraph to ${target}: research-innovation, human-capital serve every field of it.\n`,
    });
    expect(readFileSync(target, 'utf8')).toBe(renderSupergraphFile(composeSupergraphFromConfig().supergraphSdl));
  }, 60_000); // two CLI processes, each loading composition

  it('signs its questions as the gateway does: without the right secret a subgraph refuses to answer, and nothing is written', async () => {
    const wrong = { ...secrets, HUMAN_CAPITAL_SUBGRAPH_SECRET: 'not-the-human-capital-secret-0123456789abcdef' };
    const result = await publishSupergraph({ to: target, environment: { ...urls, ...wrong } });
    expect(result.published).toBe(false);
    if (result.published) return;
    expect(result.gaps.map((gap) => gap.subgraph)).toEqual(['human-capital']);
    expect(refusal(result)).toContain('human-capital');
    expect(refusal(result)).toMatch(/answered HTTP 40[13]; is HUMAN_CAPITAL_SUBGRAPH_SECRET its secret\?/);

    const unsigned = await publishSupergraph({ to: target, environment: { ...urls } });
    expect(unsigned.published ? [] : unsigned.gaps.map((gap) => gap.subgraph)).toEqual(['research-innovation', 'human-capital']);
    expect(existsSync(target)).toBe(false);
  });
});
