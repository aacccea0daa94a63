#!/usr/bin/env node
/**
 * `npm run usage -- Lab.talentStats [--days 30]`: who used a schema
 * coordinate (client, version, last seen, count), after collecting what the
 * gateway spooled. `npm run usage -- --collect [--every SECONDS]` only
 * collects: beside a gateway whose store is MySQL, run it with `--every`.
 */
import { parseArgs } from 'node:util';
import { describeStore, openUsage, usageConfigFrom } from './usage-config';
import { formatUse } from './format-use';

const usage =
  'Usage: npm run usage -- <Type.field | Type.field(argument:) | Input.field | Enum.VALUE | Type> [--days N]\n       npm run usage -- --collect [--every SECONDS]\n';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      days: { type: 'string' },
      collect: { type: 'boolean', default: false },
      every: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (values.help || (!values.collect && positionals.length === 0)) {
    process.stderr.write(usage);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const config = usageConfigFrom({ ...process.env, ...(values.days ? { USAGE_DAYS: values.days } : {}) }, process.cwd());
  if (values.collect) {
    const every = values.every === undefined ? undefined : Number(values.every);
    if (every !== undefined && !(Number.isInteger(every) && every >= 1)) throw new Error('--every takes a whole number of seconds from 1');
    do {
      const opened = await openUsage(config);
      if (!opened)
        process.stdout.write(
          `Nothing to collect: no usage store at ${describeStore(config.store)} and nothing in ${config.spoolDirectory}.\n`,
        );
      else {
        const { files, records, rejectedLines } = opened.collected;
        process.stdout.write(
          `Collected ${files} spool files (${records} records${rejectedLines ? `, ${rejectedLines} lines rejected` : ''}) into ${describeStore(config.store)}.\n`,
        );
        await opened.store.close();
      }
      if (every !== undefined) await new Promise((done) => setTimeout(done, every * 1000));
    } while (every !== undefined);
    return;
  }
  const opened = await openUsage(config);
  if (!opened) {
    process.stdout.write(
      `No usage store: ${describeStore(config.store)} does not exist and nothing is spooled in ${config.spoolDirectory}.\n`,
    );
    return;
  }
  try {
    const since = new Date(Date.now() - config.days * 86_400_000);
    for (const coordinate of positionals) {
      const uses = await opened.store.usesOf(coordinate, since);
      process.stdout.write(
        uses.length
          ? `${coordinate}, used in the last ${config.days} days:\n${uses.map((use) => `  ${formatUse(use)}`).join('\n')}\n`
          : `${coordinate}: no client used it in the last ${config.days} days.\n`,
      );
    }
  } finally {
    await opened.store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`usage could not run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
