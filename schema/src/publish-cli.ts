#!/usr/bin/env node
/**
 * `npm run schema:publish [-- --to <file>]`: composes schema/supergraph.yaml,
 * checks that every running subgraph serves every field it is composed with,
 * and only then writes the supergraph where the gateways load it (--to, else
 * SUPERGRAPH_PUBLISH_FILE, else schema/supergraph.graphql). Subgraphs are
 * reached and signed as the gateway does: <PREFIX>_URL (or <PREFIX>_PORT, or
 * the routing URL) and <PREFIX>_SUBGRAPH_SECRET. Exit 1 when refused.
 */
import { parseArgs } from 'node:util';
import { formatRefusal, publishSupergraph } from './publish-supergraph';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { to: { type: 'string' }, help: { type: 'boolean', default: false } },
    allowPositionals: false,
  });
  if (values.help) {
    process.stderr.write('Usage: npm run schema:publish [-- --to <file>]\n');
    return;
  }
  const result = await publishSupergraph({ to: values.to, environment: process.env });
  if (!result.published) {
    process.stderr.write(`${formatRefusal(result.gaps)}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`Published the supergraph to ${result.file}: ${result.subgraphs.join(', ')} serve every field of it.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`schema:publish could not run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
