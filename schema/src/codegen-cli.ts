#!/usr/bin/env node
/**
 * `npm run codegen`: writes schema/generated/operations.ts, the TypeScript
 * types and typed documents of the saved operations in schema/operations,
 * from the API schema of the committed supergraph.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateOperationTypes, operationTypesFile } from './operation-types';
import { schemaWorkspaceDir, supergraphPath } from './paths';

async function main(): Promise<void> {
  const output = join(schemaWorkspaceDir, '..', operationTypesFile);
  const module = await generateOperationTypes(readFileSync(supergraphPath, 'utf8'), join(schemaWorkspaceDir, 'operations'));
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, module);
  process.stdout.write(`Wrote ${operationTypesFile}.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`codegen failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
