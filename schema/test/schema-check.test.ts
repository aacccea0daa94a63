import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { composeSupergraphFromConfig } from '../src/compose-supergraph';
import { formatReport, runSchemaCheck, type SchemaCheckSection } from '../src/check/schema-check';
import { generateAllResolverTypes } from '../src/resolver-types';
import { parseSupergraphConfig } from '../src/supergraph-config';
import { renderSupergraphFile } from '../src/supergraph-file';

const repository = resolve(__dirname, '../..');
const subgraphFiles = ['schema.graphql', 'resolvers-types.yaml', 'generated/resolvers-types.ts'];
const copied = [
  ...[
    'schema/supergraph.yaml',
    'schema/supergraph.graphql',
    'schema/contract',
    'schema/operations',
    'schema/breaking-changes.yaml',
    'schema/persisted-operations.json',
    'schema/generated/operations.ts',
    // What subgraph schemas import, resolved as in a checkout: through node_modules.
    'packages/subgraph-kit/package.json',
    'packages/subgraph-kit/src/shared.graphql',
    'packages/subgraph-kit/src/mutation.graphql',
  ],
  ...parseSupergraphConfig(readFileSync(join(repository, 'schema/supergraph.yaml'), 'utf8'), join(repository, 'schema')).flatMap((source) =>
    subgraphFiles.map((file) => relative(repository, join(dirname(source.schemaFile), file))),
  ),
];
const researchSdl = 'services/research-innovation/src/schema.graphql';

/** A throwaway repository holding what schema:check reads, committed on `main`. */
function scratchRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'nlai-schema-check-'));
  for (const path of copied) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    cpSync(join(repository, path), join(root, path), { recursive: true });
  }
  mkdirSync(join(root, 'node_modules/@nlai'), { recursive: true });
  symlinkSync('../../packages/subgraph-kit', join(root, 'node_modules/@nlai/subgraph-kit'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.org', 'commit', '-qm', 'base');
  return root;
}

/** Edits a subgraph's SDL; the way a working group would: recomposes (`npm run compose`) and regenerates the resolver types (`npm run codegen`), unless told otherwise. */
async function change(root: string, edit: (sdl: string) => string, run: { compose?: boolean; codegen?: boolean } = {}): Promise<void> {
  const file = join(root, researchSdl);
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
  if (run.compose ?? true)
    writeFileSync(
      join(root, 'schema/supergraph.graphql'),
      renderSupergraphFile(composeSupergraphFromConfig(join(root, 'schema/supergraph.yaml')).supergraphSdl),
    );
  if (run.codegen ?? true) {
    const sources = parseSupergraphConfig(readFileSync(join(root, 'schema/supergraph.yaml'), 'utf8'), join(root, 'schema'));
    for (const generated of await generateAllResolverTypes(root, sources)) writeFileSync(join(root, generated.file), generated.module);
  }
}

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
      'Core contract',
      'Breaking changes',
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
    expect(run.stdout).toContain('schema:check failed: 2 of 9 checks.');
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
