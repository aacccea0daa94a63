import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, graphql, testDialects, type TestDatabase } from '@nlai/testing';
import { useGraph } from './graph-fixture';

const repository = resolve(__dirname, '../..');
const researchSdl = 'services/research-innovation/src/schema.graphql';
const dashboard = { 'apollographql-client-name': 'lab-dashboard', 'apollographql-client-version': '2.1.0' };
const organisationsWithPlaceholders = '{ organisations(first: 3) { edges { node { name placeholder } } } }';
const labsInDelft = 'query LabsIn($city: String) { labs(filter: { city: $city }) { edges { node { name } } } }';

/** Waits until the spool holds a batch that names `coordinate`. */
async function spooled(directory: string, coordinate: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const files = (() => {
      try {
        return readdirSync(directory).filter((name) => name.endsWith('.jsonl'));
      } catch {
        return [];
      }
    })();
    if (files.some((name) => readFileSync(join(directory, name), 'utf8').includes(`"${coordinate}"`))) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`no batch naming ${coordinate} in ${directory}`);
}

/** Runs a built command line of the repository as a real process. */
const run = (script: string, args: string[], env: Record<string, string | undefined>) =>
  spawnSync(process.execPath, [join(repository, script), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });

/**
 * A scratch copy of what schema:check reads, committed, with a field of
 * Research & Innovation's SDL removed, recomposed and its types
 * regenerated, as a working group would. In a process of its own: the
 * codegen packages load an ES module Jest cannot.
 */
function scratchRepositoryWithout(field: string, description: string): string {
  const script = `const { editSubgraphSdl, scratchRepository } = require('@nlai/schema/dist/check/scratch-repository');
const [repository, sdl, removed] = process.argv.slice(1);
const root = scratchRepository(repository);
editSubgraphSdl(root, sdl, (text) => text.replace(removed, ''), { operationTypes: true }).then(() => process.stdout.write(root));`;
  const made = spawnSync(process.execPath, ['-e', script, repository, researchSdl, `  "${description}"\n  ${field}\n`], {
    cwd: __dirname,
    encoding: 'utf8',
  });
  if (made.status !== 0) throw new Error(`could not make the scratch repository: ${made.stderr}`);
  return made.stdout;
}

describe.each(testDialects())('field usage, with the usage store on %s', (dialect) => {
  const work = mkdtempSync(join(tmpdir(), 'nlai-field-usage-'));
  const spool = join(work, 'spool');
  const graph = useGraph(dialect, { USAGE_RECORDING: 'true', USAGE_SPOOL_DIR: spool, USAGE_FLUSH_INTERVAL_MS: '300' });
  let store: TestDatabase;
  let usageEnvironment: Record<string, string | undefined>;
  beforeAll(async () => {
    store = await createTestDatabase(dialect, 'usage');
    usageEnvironment = { USAGE_DATABASE_URL: store.url, USAGE_SQLITE_FILE: store.sqliteFile, USAGE_SPOOL_DIR: spool };
  });
  afterAll(async () => {
    await store.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('answers every request while the usage store cannot be written, and logs the lost batch as an error', async () => {
    writeFileSync(spool, 'a file where the spool directory should be');
    try {
      for (let request = 0; request < 3; request += 1) {
        const answer = await graphql(graph().gateway.url, organisationsWithPlaceholders, { headers: dashboard });
        expect(answer.status).toBe(200);
        expect(answer.errors).toBeUndefined();
      }
      const deadline = Date.now() + 10_000;
      while (!graph().gateway.output().includes('a batch could not be written to the usage store') && Date.now() < deadline)
        await new Promise((done) => setTimeout(done, 100));
      const errorLine = graph()
        .gateway.output()
        .split('\n')
        .find((line) => line.includes('a batch could not be written to the usage store'));
      expect(JSON.parse(errorLine ?? '{}')).toMatchObject({ level: 50 });
      // Several flush intervals more: every batch of these requests meets the broken store, and is lost.
      await new Promise((done) => setTimeout(done, 1500));
    } finally {
      rmSync(spool, { force: true });
    }
  });

  it('fails schema:check for a removed field a client used, naming the client, its version, when it was last seen and how often; npm run usage says who', async () => {
    for (let request = 0; request < 4; request += 1)
      expect((await graphql(graph().gateway.url, organisationsWithPlaceholders, { headers: dashboard })).status).toBe(200);
    expect((await graphql(graph().gateway.url, labsInDelft, { variables: { city: 'Delft' } })).status).toBe(200);
    await spooled(spool, 'Organisation.placeholder');
    await spooled(spool, 'LabFilter.city');
    const hour = new Date(Date.now() - (Date.now() % 3_600_000)).toISOString().slice(0, 16).replace('T', ' ');

    const root = scratchRepositoryWithout(
      'placeholder: Boolean!',
      'True for a sample stand-in where no public source names the organisation.',
    );
    try {
      const check = run('schema/dist/check-cli.js', ['--root', root], usageEnvironment);
      expect(check.status).toBe(1);
      expect(check.stdout).toContain('✗ Field usage, last 30 days');
      expect(check.stdout).toContain(`Organisation.placeholder: client lab-dashboard 2.1.0, last seen ${hour} UTC, 4 uses`);
      expect(check.stdout).toContain('BREAKING api: Organisation.placeholder');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }

    const who = run('packages/usage/dist/usage-cli.js', ['Organisation.placeholder', 'LabFilter.city', 'Lab.sourceUrl'], usageEnvironment);
    expect(who.status).toBe(0);
    expect(who.stdout).toContain(`Organisation.placeholder: client lab-dashboard 2.1.0, last seen ${hour} UTC, 4 uses`);
    // Without the headers, a client is counted as unknown.
    expect(who.stdout).toContain(`LabFilter.city: client unknown unknown, last seen ${hour} UTC, 1 use`);
    expect(who.stdout).toContain('Lab.sourceUrl: no client used it in the last 30 days.');
  });

  it('passes schema:check for a removed field no client used', async () => {
    const root = scratchRepositoryWithout('partnerId: ID', 'Only labs this organisation runs or ran, by its id.');
    try {
      const check = run('schema/dist/check-cli.js', ['--root', root], usageEnvironment);
      expect(check.stdout).toContain('unused api: LabFilter.partnerId');
      expect(check.stdout).toContain('✓ Field usage, last 30 days');
      expect(check.stdout).toContain('schema:check passed');
      expect(check.status).toBe(0);
      // With no usage store to ask, the same removal fails as before: nobody can tell it is unused.
      const blind = run('schema/dist/check-cli.js', ['--root', root], {
        USAGE_SQLITE_FILE: join(work, 'none.sqlite'),
        USAGE_SPOOL_DIR: join(work, 'none'),
      });
      expect(blind.stdout).toContain('No usage store');
      expect(blind.stdout).toContain('BREAKING api: LabFilter.partnerId');
      expect(blind.status).toBe(1);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
