import { describeStore, formatUse, openUsage, type CoordinateUse, type UsageConfig } from '@nlai/usage';
import type { BreakingChange } from './breaking-changes';
import type { SchemaCheckSection } from './schema-check';

/** `used` by a client in the window, `unused` by all, or `unknown` without usage data. */
export type FieldUsageVerdict = 'used' | 'unused' | 'unknown';

/**
 * A field, argument, input field or enum value: what usage is recorded by.
 * A change to a whole type (a union losing a member, an interface dropped)
 * or a directive breaks clients through type conditions that usage does not
 * record, so no usage can clear it.
 */
const clearable = (path: string) => /^\w+\.\w+(\.\w+)?$/.test(path);

/**
 * Asks the usage store who used, in the last `usage.days` days, what each
 * breaking change touches (a removed type covers its fields, a field its
 * arguments). Without a store (a fresh clone, CI) every change stays
 * `unknown` and the section says the part was skipped.
 */
export async function fieldUsageOf(
  changes: BreakingChange[],
  usage: UsageConfig,
): Promise<{ verdict: Map<BreakingChange, FieldUsageVerdict>; section: SchemaCheckSection }> {
  const title = `Field usage, last ${usage.days} days`;
  const verdict = new Map<BreakingChange, FieldUsageVerdict>(changes.map((change) => [change, 'unknown']));
  let opened: Awaited<ReturnType<typeof openUsage>>;
  try {
    opened = await openUsage(usage);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      verdict,
      section: { title, ok: false, details: [`The usage store at ${describeStore(usage.store)} could not be read: ${reason}`] },
    };
  }
  if (!opened)
    return {
      verdict,
      section: {
        title,
        ok: true,
        details: [
          `No usage store (${describeStore(usage.store)}, nothing spooled in ${usage.spoolDirectory}): skipped; every breaking change counts as used.`,
        ],
      },
    };
  try {
    const since = new Date(Date.now() - usage.days * 86_400_000);
    const usesByPath = new Map<string, CoordinateUse[]>();
    for (const path of new Set(changes.map((change) => change.path)))
      usesByPath.set(path, /^\w+(\.\w+){0,2}$/.test(path) ? await opened.store.usesOf(path, since) : []);
    const details = [
      `Usage from ${describeStore(usage.store)}${opened.collected.files ? ` (${opened.collected.files} spool files collected)` : ''}.`,
    ];
    for (const change of changes)
      verdict.set(change, usesByPath.get(change.path)!.length > 0 ? 'used' : clearable(change.path) ? 'unused' : 'unknown');
    const usedPaths = [...usesByPath].filter(([, uses]) => uses.length > 0);
    for (const [path, uses] of usedPaths)
      details.push(`${path} is changed in a breaking way, and clients used it:`, ...uses.map((use) => `  ${formatUse(use)}`));
    const unclearable = new Set(changes.filter((change) => verdict.get(change) === 'unknown').map((change) => change.path));
    if (unclearable.size)
      details.push(
        `${[...unclearable].join(', ')}: a change to a whole type or a directive; usage cannot clear it, acknowledge it if intended.`,
      );
    if (usedPaths.length === 0)
      details.push(
        changes.length ? `No client used what the ${changes.length} breaking changes touch.` : 'No breaking changes to look up.',
      );
    return { verdict, section: { title, ok: usedPaths.length === 0, details } };
  } finally {
    await opened.store.close();
  }
}
