import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageStore, type UsageConfig } from '@nlai/usage';
import { formatReport, runSchemaCheck, type SchemaCheckSection } from '../src/check/schema-check';
import { editSubgraphSdl, scratchRepository as scratchCopy } from '../src/check/scratch-repository';

const repository = resolve(__dirname, '../..');
const researchSdl = 'services/research-innovation/src/schema.graphql';
const scratchRepository = () => scratchCopy(repository);
/** Edits Research & Innovation's SDL, then recomposes and regenerates the resolver types unless told otherwise. */
const change = (root: string, edit: (sdl: string) => string, run: { compose?: boolean; codegen?: boolean } = {}) =>
  editSubgraphSdl(root, researchSdl, edit, run);

const failed = (sections: SchemaCheckSection[]) =>
  sections.filter((section) => !section.ok).map((section) => section.title.split(' against')[0]);
const dropField = (field: string, description: string) => (sdl: string) => sdl.replace(`  "${description}"\n  ${field}\n`, '');

describe('npm run schema:check', () => {
  let root: string;
  beforeEach(() => {
    root = scratchRepository();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('passes on an unchanged repository', async () => {
    const sections = await runSchemaCheck({ root });
    expect(failed(sections)).toEqual([]);
    expect(sections.map((section) => section.title.split(' against')[0])).toEqual([
      'Composition',
      'Committed supergraph',
      'Apollo Router',
      'Core contract',
      'Breaking changes',
      'Field usage, last 30 days',
      'Saved operations',
      'Persisted operations manifest',
      'Operation types',
      'Resolver types',
      'Schema lint',
    ]);
  });

  it('passes when a field is added', async () => {
    await change(root, (sdl) =>
      sdl.replace(
        '  "Public page the lab\'s facts come from."\n  sourceUrl: String\n',
        '  "Public page the lab\'s facts come from."\n  sourceUrl: String\n  "The lab\'s own web site."\n  website: String\n',
      ),
    );
    expect(failed(await runSchemaCheck({ root }))).toEqual([]);
  });

  it('fails when a field a saved operation uses is dropped, naming the field and the operation', async () => {
    await change(root, dropField('sourceUrl: String', "Public page the lab's facts come from."));
    const sections = await runSchemaCheck({ root });
    expect(failed(sections)).toEqual(['Breaking changes', 'Saved operations']);
    const report = formatReport(sections);
    expect(report).toContain('BREAKING research-innovation: Lab.sourceUrl');
    expect(report).toContain('BREAKING api: Lab.sourceUrl');
    expect(report).toContain('lab-page.graphql LabPage: Cannot query field "sourceUrl" on type "Lab".');
  });

  it('passes a breaking change once the working group acknowledges it, with a reason', async () => {
    await change(root, dropField('placeholder: Boolean!', 'True for a sample stand-in where no public source names the organisation.'));
    expect(failed(await runSchemaCheck({ root }))).toEqual(['Breaking changes']);

    writeFileSync(
      join(root, 'schema/breaking-changes.yaml'),
      [
        'acknowledged:',
        ...['research-innovation', 'api'].map(
          (schema) =>
            `  - schema: ${schema}\n    path: Organisation.placeholder\n    reason: Placeholders are marked in the name only; frontends were told.`,
        ),
      ].join('\n'),
    );
    const sections = await runSchemaCheck({ root });
    expect(failed(sections)).toEqual([]);
    expect(formatReport(sections)).toContain('acknowledged api: Organisation.placeholder');
  });

  it('fails when the committed supergraph is stale', async () => {
    await change(root, (sdl) => sdl.replace("Public page the lab's facts come from.", 'Where the facts come from.'), { compose: false });
    expect(failed(await runSchemaCheck({ root }))).toEqual(['Committed supergraph']);
  });

  it('fails when a type or field lacks a description or breaks a naming convention', async () => {
    await change(root, (sdl) =>
      sdl.replace(
        '  "Adds a lab in an existing location, optionally with its partners."\n  labCreate(',
        '  createLab(input: LabCreateInput!): LabCreatePayload!\n  "Adds a lab in an existing location, optionally with its partners."\n  labCreate(',
      ),
    );
    const sections = await runSchemaCheck({ root });
    expect(failed(sections)).toEqual(['Schema lint']);
    expect(formatReport(sections)).toContain('Mutation.createLab has no description.');
    expect(formatReport(sections)).toContain('Mutation.createLab should name its object first');
  });

  it("fails when the manifest is not in Apollo's persisted query manifest format, saying to regenerate it", async () => {
    const file = join(root, 'schema/persisted-operations.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { operations: Array<Record<string, unknown>> };
    writeFileSync(
      file,
      `${JSON.stringify({ format: 'nlai-persisted-operations/1', operations: manifest.operations.map(({ type: _type, ...operation }) => operation) }, null, 2)}\n`,
    );
    const sections = await runSchemaCheck({ root });
    expect(failed(sections)).toEqual(['Persisted operations manifest']);
    expect(formatReport(sections)).toContain('Run `npm run operations:manifest` and commit the result.');
  });

  it('fails when a root field is non-null, so one failing part of an answer would blank the rest', async () => {
    await change(root, (sdl) => sdl.replace('lab(id: ID!): Lab\n', 'lab(id: ID!): Lab!\n'));
    const sections = await runSchemaCheck({ root });
    expect(formatReport(sections)).toContain('Query.lab is non-null');
    expect(failed(sections)).toContain('Schema lint');
  });

  it('fails when a saved operation is added without regenerating its types, saying to run npm run codegen', async () => {
    writeFileSync(join(root, 'schema/operations/lab-name.graphql'), 'query LabName($id: ID!) {\n  lab(id: $id) {\n    name\n  }\n}\n');
    const sections = await runSchemaCheck({ root });
    expect(failed(sections)).toEqual(['Persisted operations manifest', 'Operation types']);
    expect(formatReport(sections)).toContain('schema/generated/operations.ts is stale');
    expect(formatReport(sections)).toContain('Run `npm run codegen` and commit the result.');
  });

  it("fails when a subgraph's schema changes without regenerating its resolver types, saying to run npm run codegen", async () => {
    await change(
      root,
      (sdl) =>
        sdl.replace(
          '  "Public page the lab\'s facts come from."\n  sourceUrl: String\n',
          '  "Public page the lab\'s facts come from."\n  sourceUrl: String\n  "The lab\'s own web site."\n  website: String\n',
        ),
      { codegen: false },
    );
    const sections = await runSchemaCheck({ root });
    expect(failed(sections)).toEqual(['Resolver types']);
    const report = formatReport(sections);
    expect(report).toContain('services/research-innovation/src/generated/resolvers-types.ts is stale');
    expect(report).not.toContain('services/human-capital/src/generated/resolvers-types.ts is stale');
    expect(report).toContain('Run `npm run codegen` and commit the result.');
  });

  it('exits non-zero from the command line and prints the report', async () => {
    await change(root, dropField('sourceUrl: String', "Public page the lab's facts come from."));
    const run = spawnSync(process.execPath, [resolve(__dirname, '../dist/check-cli.js'), '--root', root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✗ Saved operations');
    expect(run.stdout).toContain('schema:check failed: 2 of 11 checks.');
  });

  it('compares with the revision given by --base', async () => {
    await change(root, dropField('sourceUrl: String', "Public page the lab's facts come from."));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
    git('add', '-A');
    git('-c', 'user.name=test', '-c', 'user.email=test@example.org', 'commit', '-qm', 'drop sourceUrl');
    // Against main's HEAD (the drop itself) nothing breaks any more; against the commit before, it does.
    expect(failed(await runSchemaCheck({ root }))).toEqual(['Saved operations']);
    expect(failed(await runSchemaCheck({ root, base: 'HEAD~1' }))).toEqual(['Breaking changes', 'Saved operations']);
  });
});

describe('npm run schema:check with a usage store', () => {
  let root: string;
  let work: string;
  let usage: UsageConfig;
  beforeEach(async () => {
    root = scratchRepository();
    work = mkdtempSync(join(tmpdir(), 'nlai-usage-check-'));
    usage = { store: { sqliteFile: join(work, 'usage.sqlite') }, spoolDirectory: join(work, 'spool'), days: 30 };
    const store = await UsageStore.open(usage.store);
    const hour = new Date(Date.now() - (Date.now() % 3_600_000)).toISOString();
    const longAgo = new Date(Date.now() - 45 * 86_400_000).toISOString();
    await store.add([
      { hour, client: 'lab-dashboard', version: '2.1.0', coordinate: 'Organisation.placeholder', count: 7 },
      { hour: longAgo, client: 'old-report', version: '0.1', coordinate: 'LabFilter.partnerId', count: 3 },
    ]);
    await store.close();
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('fails a removed field a client used in the window, naming the client, version, last seen and count', async () => {
    await change(root, dropField('placeholder: Boolean!', 'True for a sample stand-in where no public source names the organisation.'));
    const sections = await runSchemaCheck({ root, usage });
    expect(failed(sections)).toEqual(['Breaking changes', 'Field usage, last 30 days']);
    const lastSeen = new Date(Date.now() - (Date.now() % 3_600_000)).toISOString().slice(0, 16).replace('T', ' ');
    expect(formatReport(sections)).toContain(`Organisation.placeholder: client lab-dashboard 2.1.0, last seen ${lastSeen} UTC, 7 uses`);
  });

  it('passes a removed field last used before the window, and fails it with a wider window', async () => {
    await change(root, dropField('partnerId: ID', 'Only labs this organisation runs or ran, by its id.'));
    const sections = await runSchemaCheck({ root, usage });
    expect(failed(sections)).toEqual(['Operation types']);
    expect(formatReport(sections)).toContain('unused api: LabFilter.partnerId');
    expect(failed(await runSchemaCheck({ root, usage: { ...usage, days: 60 } }))).toEqual([
      'Breaking changes',
      'Field usage, last 60 days',
      'Operation types',
    ]);
  });

  it('still fails a change to a whole type, which usage cannot clear', async () => {
    await change(root, (sdl) =>
      sdl
        .replace('organisations(filter: OrganisationFilter, orderBy:', 'organisations(orderBy:')
        .replace(/"Filters of the organisations list."\ninput OrganisationFilter \{[^}]*\}\n\n/, ''),
    );
    const sections = await runSchemaCheck({ root, usage });
    const report = formatReport(sections);
    expect(report).toContain('BREAKING api: OrganisationFilter:');
    expect(report).toContain('OrganisationFilter: a change to a whole type or a directive; usage cannot clear it');
    expect(failed(sections)).toContain('Breaking changes');
  });
});
