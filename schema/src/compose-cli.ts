#!/usr/bin/env node
/**
 * `npm run compose`: composes the subgraphs listed in schema/supergraph.yaml
 * and writes schema/supergraph.graphql.
 * `npm run compose -- --check`: writes nothing; fails when the committed file
 * differs from a fresh composition.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { composeSupergraphFromConfig, formatHints } from './compose-supergraph';
import { supergraphConfigPath, supergraphPath } from './paths';
import { describeStaleSupergraph, renderSupergraphFile } from './supergraph-file';

const usage = 'Usage: npm run compose [-- --check]';

function main(): void {
  const { values } = parseArgs({
    options: { check: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
    allowPositionals: false,
  });
  if (values.help) {
    process.stderr.write(`${usage}\n`);
    return;
  }
  const { supergraphSdl, hints } = composeSupergraphFromConfig(supergraphConfigPath);
  const fresh = renderSupergraphFile(supergraphSdl);
  if (values.check) {
    const committed = existsSync(supergraphPath) ? readFileSync(supergraphPath, 'utf8') : undefined;
    const problem = describeStaleSupergraph(committed, fresh);
    if (problem) throw new Error(problem);
    const hintNote = hints.length ? ` (${hintCount(hints.length)}; \`npm run compose\` prints them)` : '';
    process.stdout.write(`schema/supergraph.graphql is up to date${hintNote}.\n`);
    return;
  }
  if (hints.length) process.stderr.write(`${hintCount(hints.length)}:\n${formatHints(hints)}\n\n`);
  writeFileSync(supergraphPath, fresh);
  process.stdout.write('Wrote schema/supergraph.graphql.\n');
}

function hintCount(count: number): string {
  return `${count} composition hint${count === 1 ? '' : 's'}`;
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
