#!/usr/bin/env node
/**
 * `npm run schema:check [-- --base REF] [--root DIR]`: what a working group
 * runs before merging a schema change, and CI runs on every change.
 */
import { parseArgs } from 'node:util';
import { formatReport, runSchemaCheck } from './check/schema-check';
import { schemaWorkspaceDir } from './paths';
import { resolve } from 'node:path';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { base: { type: 'string' }, root: { type: 'string' }, help: { type: 'boolean', default: false } },
    allowPositionals: false,
  });
  if (values.help) {
    process.stderr.write('Usage: npm run schema:check [-- --base <git ref>] [--root <repository>]\n');
    return;
  }
  const sections = await runSchemaCheck({ root: resolve(values.root ?? resolve(schemaWorkspaceDir, '..')), base: values.base });
  process.stdout.write(`${formatReport(sections)}\n`);
  if (sections.some((section) => !section.ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`schema:check could not run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
