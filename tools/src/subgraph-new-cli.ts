#!/usr/bin/env node
/**
 * `npm run subgraph:new -- --name <name> [--entity <Type>] [--owner <@team>] [--no-install]`
 * Scaffolds a working subgraph and registers it; see scaffoldSubgraph.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scaffoldSubgraph } from './scaffold-subgraph';

const usage = 'Usage: npm run subgraph:new -- --name <kebab-name> [--entity <PascalCaseType>] [--owner <@org/team>] [--no-install]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      entity: { type: 'string' },
      owner: { type: 'string' },
      root: { type: 'string' },
      'no-install': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help || !values.name) {
    process.stderr.write(`${usage}\n`);
    if (!values.help) process.exitCode = 1;
    return;
  }
  const root = resolve(values.root ?? resolve(__dirname, '../..'));
  const result = await scaffoldSubgraph({ root, name: values.name, entity: values.entity, owner: values.owner });
  const { names } = result;
  process.stdout.write(
    [
      `Created the ${names.title} subgraph (${names.package}) in services/${names.service}, entity ${names.entity}, port ${result.port}.`,
      `Registered it in ${result.registered.join(', ')}.`,
    ].join('\n') + '\n',
  );
  if (!values['no-install']) {
    // Links the new workspace and records it in package-lock.json; every dependency is there already.
    execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  process.stdout.write(
    [
      '',
      'Next:',
      `  npx turbo run test --filter=${names.package}   # its tests`,
      '  npm run schema:check                           # composition, contract, lint',
      `  npm start                                      # the graph, now with ${names.service} on :${result.port}`,
      `Its write scope is ${names.writeScope}; in production set ${names.prefix}_SUBGRAPH_SECRET for it and the gateway.`,
    ].join('\n') + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`subgraph:new: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
