import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { env, loadConfig, z } from '@nlai/config';
import { databaseUrlVariable } from '@nlai/database';
import { UsageStore, type CollectedSpool, type UsageStoreLocation } from './usage-store';

const schema = z.object({
  /** The usage store on MySQL/MariaDB; unset means the SQLite file. */
  USAGE_DATABASE_URL: databaseUrlVariable(),
  USAGE_SQLITE_FILE: z.string().default('.data/usage.sqlite'),
  /** Where the gateway spools its batches (the gateway's USAGE_SPOOL_DIR). */
  USAGE_SPOOL_DIR: z.string().default('.data/usage'),
  /** How far back a use counts, in days. */
  USAGE_DAYS: env.integer(30, 1, 3650),
});

/** Where the usage store and the spool are, and the window; relative paths from `root`. */
export interface UsageConfig {
  store: UsageStoreLocation;
  spoolDirectory: string;
  days: number;
}

/** Parses the usage variables; throws a ConfigError naming every bad one. */
export function usageConfigFrom(environment: Record<string, string | undefined>, root: string): UsageConfig {
  const parsed = loadConfig(schema, environment);
  return Object.freeze({
    store: Object.freeze({ url: parsed.USAGE_DATABASE_URL, sqliteFile: resolve(root, parsed.USAGE_SQLITE_FILE) }),
    spoolDirectory: resolve(root, parsed.USAGE_SPOOL_DIR),
    days: parsed.USAGE_DAYS,
  });
}

const hasSpoolFiles = (directory: string) => {
  try {
    return readdirSync(directory).some((name) => name.endsWith('.jsonl'));
  } catch {
    return false;
  }
};

/** How the store was described to a reader: MySQL's URL without its password, or the SQLite file. */
export function describeStore(location: UsageStoreLocation): string {
  if (!location.url) return location.sqliteFile;
  const url = new URL(location.url);
  url.password = url.password ? '***' : '';
  return url.toString();
}

/**
 * The usage store with the spool collected into it, or undefined when there
 * is none: no USAGE_DATABASE_URL, no SQLite file and nothing spooled (a
 * fresh clone; CI).
 */
export async function openUsage(config: UsageConfig): Promise<{ store: UsageStore; collected: CollectedSpool } | undefined> {
  if (!config.store.url && !existsSync(config.store.sqliteFile) && !hasSpoolFiles(config.spoolDirectory)) return undefined;
  const store = await UsageStore.open(config.store);
  try {
    return { store, collected: await store.collectSpool(config.spoolDirectory) };
  } catch (error) {
    await store.close();
    throw error;
  }
}
