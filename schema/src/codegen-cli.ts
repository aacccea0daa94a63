#!/usr/bin/env node
/**
 * `npm run codegen`: writes schema/generated/operations.ts, the TypeScript
 * types and typed documents of the saved operations in schema/operations,
 * from the API schema of the committed supergraph; and, for every subgraph in
 * supergraph.yaml, its resolver types (src/generated/resolvers-types.ts)
 * from its own SDL.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateOperationTypes, operationTypesFile } from './operation-types';
import { schemaWorkspaceDir, supergraphConfigPath, supergraphPath } from './paths';
import { generateAllResolverTypes } from './resolver-types';
import { parseSupergraphConfig } from './supergraph-config';

function write(file: string, contents: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, contents);
  process.stdout.write(`Wrote ${file.slice(root.length + 1)}.\n`);
}

const root = join(schemaWorkspaceDir, '..');

async function main(): Promise<void> {
  write(
    join(root, operationTypesFile),
    await generateOperationTypes(readFileSync(supergraphPath, 'utf8'), join(schemaWorkspaceDir, 'operations')),
  );
  const sources = parseSupergraphConfig(readFileSync(supergraphConfigPath, 'utf8'), schemaWorkspaceDir);
  for (const { file, module } of await generateAllResolverTypes(root, sources)) write(join(root, file), module);
}

main().catch((error: unknown) => {
  process.stderr.write(`codegen failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
