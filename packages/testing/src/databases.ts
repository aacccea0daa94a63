import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { testEnvironment } from './config';

/** The dialects every database test runs on. */
export type TestDialect = 'sqlite' | 'mysql';

let noticeShown = false;

/**
 * SQLite always; MySQL too when TEST_MYSQL_URL is set (e.g.
 * mysql://root@127.0.0.1:3306). Says so once when MySQL is left out, so the
 * narrower run is never silent.
 */
export function testDialects(): TestDialect[] {
  if (testEnvironment.mysqlUrl) return ['sqlite', 'mysql'];
  if (!noticeShown) {
    noticeShown = true;
    process.stderr.write('[@nlai/testing] TEST_MYSQL_URL is not set: database tests run on SQLite only.\n');
  }
  return ['sqlite'];
}

/** A throwaway database for one test suite. */
export interface TestDatabase {
  dialect: TestDialect;
  /** mysql://… for MySQL, undefined for SQLite. */
  url: string | undefined;
  /** The file for SQLite (also set for MySQL, unused there). */
  sqliteFile: string;
  /** Removes the database; safe to call twice. */
  drop(): Promise<void>;
}

function mysqlServerUrl(override?: string): URL {
  const url = override ?? testEnvironment.mysqlUrl;
  if (!url) throw new Error('TEST_MYSQL_URL is not set');
  // The server only: a database named in the URL (a service's own URL, say) is not the one created here.
  const server = new URL(url);
  server.pathname = '/';
  return server;
}

/**
 * Creates an empty database (a temp file, or a fresh MySQL database with a
 * random name on TEST_MYSQL_URL's server, or on `mysqlServer` when given).
 */
export async function createTestDatabase(dialect: TestDialect, label: string, mysqlServer?: string): Promise<TestDatabase> {
  const directory = mkdtempSync(join(tmpdir(), `nlai-${label}-`));
  const sqliteFile = join(directory, `${label}.sqlite`);
  if (dialect === 'sqlite') {
    return { dialect, url: undefined, sqliteFile, drop: async () => rmSync(directory, { recursive: true, force: true }) };
  }
  const server = mysqlServerUrl(mysqlServer);
  const name = `nlai_test_${label.replace(/[^a-z0-9]/gi, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({ uri: server.toString() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    dialect,
    url: url.toString(),
    sqliteFile,
    async drop() {
      if (dropped) return;
      dropped = true;
      const connection = await createConnection({ uri: server.toString() });
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
