import { readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { databaseOptions, dialectOf, isUniqueViolation, openDatabase, retryingTransaction, type Dialect } from '@nlai/database';
import { z } from '@nlai/config';
import type { DataSource, EntityManager } from 'typeorm';
import { FieldUsageEntity, UsageSpoolFileEntity } from './field-usage.entity';
import { FieldUsageMysql1764489600000, FieldUsageSqlite1764489600000 } from './migrations/field-usage';

/** One line of a spool file, as the gateway writes it (gateway/src/usage-aggregator.ts). */
const spoolRecord = z.object({
  hour: z.iso.datetime(),
  client: z.string().min(1).max(100),
  version: z.string().min(1).max(100),
  coordinate: z.string().min(3).max(255),
  count: z.number().int().positive(),
});
export type SpoolRecord = z.infer<typeof spoolRecord>;

/** Who used a coordinate: one client version, over the window asked about. */
export interface CoordinateUse {
  coordinate: string;
  client: string;
  version: string;
  /** The start of the last hour it was used in. */
  lastSeen: Date;
  uses: number;
}

/** What {@link UsageStore.collectSpool} did. */
export interface CollectedSpool {
  files: number;
  records: number;
  /** Lines that were not usage records, skipped. */
  rejectedLines: number;
}

/** Where the store is: MySQL when `url` is set, else the SQLite file. */
export interface UsageStoreLocation {
  url?: string | undefined;
  sqliteFile: string;
}

const spoolFileName = /^usage-[A-Za-z0-9-]+\.jsonl$/;
/** `2026-11-30T07:00:00.000Z` → `2026-11-30 07:00:00`: one text form for both dialects' datetime columns (UTC). */
const sqlTime = (time: Date | string) => new Date(time).toISOString().slice(0, 19).replace('T', ' ');
/** SQLite hands datetimes back as text (UTC here), MySQL as Dates. */
const timeFrom = (value: Date | string) => (value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`));

/**
 * A schema path as @graphql-inspector names it, or a coordinate as a person
 * writes it, as conditions on stored coordinates: `Lab` covers every field
 * of Lab (and its arguments), `Lab.talentStats` the field and its arguments,
 * `Lab.talentStats.year` or `Lab.talentStats(year:)` that argument. Ranges,
 * not LIKE: binary comparison in both dialects, names are case-sensitive.
 */
export function coordinateConditions(path: string): { exact: string[]; prefixes: string[] } {
  const argument = /^(\w+)\.(\w+)\((\w+):?\)$/.exec(path);
  const parts = argument ? argument.slice(1) : path.split('.');
  if (parts.length === 1) return { exact: [], prefixes: [`${parts[0]}.`] };
  if (parts.length === 2) return { exact: [path], prefixes: [`${path}(`] };
  return { exact: [`${parts[0]}.${parts[1]}(${parts[2]}:)`], prefixes: [] };
}

/** The string right after every string starting with `prefix`, in binary order. */
const prefixEnd = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/** The usage store: counts per hour, client, version and coordinate. */
export class UsageStore {
  private constructor(
    readonly dataSource: DataSource,
    readonly dialect: Dialect,
  ) {}

  /** Opens (creating an SQLite file if need be) and migrates the store. */
  static async open(location: UsageStoreLocation): Promise<UsageStore> {
    const { dataSource } = await openDatabase(
      databaseOptions({
        url: location.url,
        sqliteFile: location.sqliteFile,
        entities: [FieldUsageEntity, UsageSpoolFileEntity],
        migrations: { sqlite: [FieldUsageSqlite1764489600000], mysql: [FieldUsageMysql1764489600000] },
        poolSize: 2,
      }),
    );
    return new UsageStore(dataSource, dialectOf(location.url));
  }

  async close(): Promise<void> {
    await this.dataSource.destroy();
  }

  /** Adds counts, in one transaction: a count for a key already stored adds to it. */
  async add(records: SpoolRecord[], manager?: EntityManager): Promise<void> {
    const merged = new Map<string, SpoolRecord>();
    for (const record of records) {
      const key = JSON.stringify([sqlTime(record.hour), record.client, record.version, record.coordinate]);
      const held = merged.get(key);
      merged.set(key, held ? { ...held, count: held.count + record.count } : record);
    }
    const rows = [...merged.values()];
    const write = async (into: EntityManager) => {
      for (let start = 0; start < rows.length; start += 200) {
        const chunk = rows.slice(start, start + 200);
        const values = chunk.map(() => '(?, ?, ?, ?, ?)').join(', ');
        const upsert =
          this.dialect === 'mysql'
            ? 'ON DUPLICATE KEY UPDATE uses = uses + VALUES(uses)'
            : 'ON CONFLICT (hour, client, version, coordinate) DO UPDATE SET uses = uses + excluded.uses';
        await into.query(
          `INSERT INTO field_usage (hour, client, version, coordinate, uses) VALUES ${values} ${upsert}`,
          chunk.flatMap((row) => [sqlTime(row.hour), row.client, row.version, row.coordinate, row.count]),
        );
      }
    };
    if (manager) await write(manager);
    else await retryingTransaction(this.dataSource, write);
  }

  /**
   * Moves the gateway's spooled batches into the store: each file in its own
   * transaction together with its name, so a file is counted once even when
   * two collectors race or deleting it fails; then deletes it.
   */
  async collectSpool(directory: string): Promise<CollectedSpool> {
    const names = (await readdir(directory).catch(() => [] as string[])).filter((name) => spoolFileName.test(name)).sort();
    const collected: CollectedSpool = { files: 0, records: 0, rejectedLines: 0 };
    for (const name of names) {
      const file = join(directory, name);
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined) continue; // another collector took it
      const records: SpoolRecord[] = [];
      for (const line of text.split('\n').filter((line) => line.trim())) {
        let parsed: ReturnType<typeof spoolRecord.safeParse>;
        try {
          parsed = spoolRecord.safeParse(JSON.parse(line));
        } catch {
          parsed = spoolRecord.safeParse(undefined);
        }
        if (parsed.success) records.push(parsed.data);
        else collected.rejectedLines += 1;
      }
      try {
        await retryingTransaction(this.dataSource, async (manager) => {
          await manager.insert(UsageSpoolFileEntity, { name, collectedAt: new Date() });
          await this.add(records, manager);
        });
        collected.files += 1;
        collected.records += records.length;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      await unlink(file).catch(() => undefined);
    }
    return collected;
  }

  /** Who used what a schema path covers since `since`: per coordinate, client and version, the most used first. */
  async usesOf(path: string, since: Date): Promise<CoordinateUse[]> {
    const { exact, prefixes } = coordinateConditions(path);
    const conditions = [...exact.map(() => 'coordinate = ?'), ...prefixes.map(() => '(coordinate >= ? AND coordinate < ?)')];
    const rows: Array<{ coordinate: string; client: string; version: string; lastSeen: Date | string; uses: string | number }> =
      await this.dataSource.query(
        `SELECT coordinate, client, version, MAX(hour) AS lastSeen, SUM(uses) AS uses FROM field_usage
         WHERE (${conditions.join(' OR ')}) AND hour >= ?
         GROUP BY coordinate, client, version ORDER BY uses DESC, coordinate, client, version`,
        [...exact, ...prefixes.flatMap((prefix) => [prefix, prefixEnd(prefix)]), sqlTime(since)],
      );
    return rows.map((row) => ({ ...row, lastSeen: timeFrom(row.lastSeen), uses: Number(row.uses) }));
  }
}
