import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { composeSupergraphFromConfig } from '../compose-supergraph';
import { generateOperationTypes, operationTypesFile } from '../operation-types';
import { generateAllResolverTypes } from '../resolver-types';
import { parseSupergraphConfig } from '../supergraph-config';
import { renderSupergraphFile } from '../supergraph-file';

const subgraphFiles = ['schema.graphql', 'resolvers-types.yaml', 'generated/resolvers-types.ts'];

/**
 * A throwaway git repository holding what schema:check reads from
 * `repository`, committed on `main`: where tests try schema changes without
 * touching the checkout.
 */
export function scratchRepository(repository: string): string {
  const copied = [
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
    ...parseSupergraphConfig(readFileSync(join(repository, 'schema/supergraph.yaml'), 'utf8'), join(repository, 'schema')).flatMap(
      (source) => subgraphFiles.map((file) => relative(repository, join(dirname(source.schemaFile), file))),
    ),
  ];
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

/**
 * Edits a subgraph's SDL in a scratch repository the way a working group
 * would: then recomposes (`npm run compose`) and regenerates the resolver
 * types (`npm run codegen`), unless told otherwise; with `operationTypes`,
 * the saved operations' types too (which fails while one of them breaks).
 * Throws when the edit changes nothing.
 */
export async function editSubgraphSdl(
  root: string,
  sdlFile: string,
  edit: (sdl: string) => string,
  run: { compose?: boolean; codegen?: boolean; operationTypes?: boolean } = {},
): Promise<void> {
  const file = join(root, sdlFile);
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`The edit left ${sdlFile} unchanged.`);
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
  if (run.operationTypes)
    writeFileSync(
      join(root, operationTypesFile),
      await generateOperationTypes(readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8'), join(root, 'schema/operations')),
    );
}
