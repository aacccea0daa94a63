#!/usr/bin/env node
/**
 * `npm run schema:check [-- --base REF] [--root DIR] [--usage-days N]`: what
 * a working group runs before merging a schema change, and CI runs on every
 * change. Field usage comes from the store the USAGE_* variables name.
 */
import { parseArgs } from 'node:util';
import { usageConfigFrom } from '@nlai/usage';
import { formatReport, runSchemaCheck } from './check/schema-check';
import { schemaWorkspaceDir } from './paths';
import { resolve } from 'node:path';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      base: { type: 'string' },
      root: { type: 'string' },
      'usage-days': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stderr.write('Usage: npm run schema:check [-- --base <git ref>] [--root <repository>] [--usage-days <days>]\n');
    return;
  }
  const root = resolve(values.root ?? resolve(schemaWorkspaceDir, '..'));
  const usageDays = values['usage-days'];
  const usage = usageConfigFrom({ ...process.env, ...(usageDays === undefined ? {} : { USAGE_DAYS: usageDays }) }, root);
  const sections = await runSchemaCheck({ root, base: values.base, usage });
  process.stdout.write(`${formatReport(sections)}\n`);
  if (sections.some((section) => !section.ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`schema:check could not run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
