import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createTestDatabase, testDialects, type TestDatabase } from '@nlai/testing';
import { databaseOptions, databaseUrlProblem, dialectOf, hasReached, openDatabase, parseGtidPosition } from '../src';
import { CreateLab1764374400000, LabSchema, migrationsFor } from './lab-table';

describe('dialectOf', () => {
  it('is MySQL when a database URL is set and SQLite otherwise', () => {
    expect(dialectOf('mysql://root@127.0.0.1:3306/nlai')).toBe('mysql');
    expect(dialectOf(undefined)).toBe('sqlite');
    expect(dialectOf('')).toBe('sqlite');
  });
});

describe('databaseOptions', () => {
  const input = { sqliteFile: ':memory:', entities: [LabSchema], migrations: { sqlite: [CreateLab1764374400000], mysql: [] } };

  it('picks MySQL with its own migrations when a URL is set', () => {
    const options = databaseOptions({ ...input, url: 'mysql://root@127.0.0.1:3306/nlai' });

    expect(options).toMatchObject({ type: 'mysql', url: 'mysql://root@127.0.0.1:3306/nlai', migrations: [] });
  });

  it("uses TypeORM's replication with replica URLs: the primary as master, the replicas as slaves, nodes never dropped for good", () => {
    const options = databaseOptions({
      ...input,
      url: 'mysql://root@db:3306/nlai?connectTimeout=2000',
      replicaUrls: ['mysql://root@replica:3306/nlai?connectTimeout=2000'],
    });
    expect(options).toMatchObject({
      type: 'mysql',
      replication: {
        master: { url: 'mysql://root@db:3306/nlai' },
        slaves: [{ url: 'mysql://root@replica:3306/nlai' }],
        canRetry: false,
        removeNodeErrorCount: Number.MAX_SAFE_INTEGER,
      },
      extra: { connectTimeout: 2000 },
    });
    expect(options).not.toHaveProperty('url');
  });

  it('picks SQLite with its own migrations when no URL is set', () => {
    expect(databaseOptions(input)).toMatchObject({ type: 'better-sqlite3', database: ':memory:', migrations: [CreateLab1764374400000] });
  });

  it('never lets TypeORM change the schema on its own: neither synchronize nor run migrations implicitly', () => {
    for (const url of [undefined, 'mysql://root@127.0.0.1:3306/nlai']) {
      expect(databaseOptions({ ...input, url })).toMatchObject({ synchronize: false, migrationsRun: false });
    }
  });
});

describe('options in a database URL', () => {
  const input = { sqliteFile: ':memory:', entities: [LabSchema], migrations: { sqlite: [], mysql: [] } };

  it.each(['debug=true', 'multipleStatements=true', 'trace=1', 'ssl=true&localInfile=1', 'infileStreamFactory=x'])(
    'refuses ?%s: only reviewed options pass',
    (query) => {
      const url = `mysql://app:pw@db.internal:3306/nlai?${query}`;
      expect(databaseUrlProblem(url)).toMatch(/^the option "\w+" is not allowed \(allowed: ssl, connectTimeout\)$/);
      expect(() => databaseOptions({ ...input, url })).toThrow(/is not allowed/);
    },
  );

  it('applies the reviewed options itself, with the URL’s query removed', () => {
    expect(databaseUrlProblem('mysql://app:pw@db.internal:3306/nlai?ssl=true&connectTimeout=5000')).toBeUndefined();
    const options = databaseOptions({ ...input, url: 'mysql://app:pw@db.internal:3306/nlai?ssl=true&connectTimeout=5000' });
    expect(options).toMatchObject({
      url: 'mysql://app:pw@db.internal:3306/nlai',
      ssl: { rejectUnauthorized: true },
      extra: { connectTimeout: 5000 },
    });
  });

  it.each(['ssl=false', 'ssl=maybe', 'connectTimeout=soon', 'connectTimeout=0'])(
    'refuses a reviewed option with a value it does not take: ?%s',
    (query) => {
      expect(databaseUrlProblem(`mysql://db/nlai?${query}`)).toMatch(/^the option "\w+" takes /);
    },
  );
});

describe.each(testDialects())('a database opened with databaseOptions on %s', (dialect) => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase(dialect, 'options');
  });

  afterEach(async () => {
    await database.drop();
  });

  it('stores text outside the Basic Multilingual Plane intact (utf8mb4 on MySQL)', async () => {
    const { dataSource } = await openDatabase(
      databaseOptions({
        url: database.url,
        sqliteFile: database.sqliteFile,
        entities: [LabSchema],
        migrations: migrationsFor(dialect, [CreateLab1764374400000]),
      }),
    );
    try {
      await dataSource.query('INSERT INTO lab (id, name) VALUES (?, ?)', ['emoji', 'Lab 🤖 𝔸𝕀 Ωmega']);
      expect(await dataSource.query('SELECT name FROM lab')).toEqual([{ name: 'Lab 🤖 𝔸𝕀 Ωmega' }]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('connects with the reviewed URL options', async () => {
    const url = database.url ? `${database.url}?connectTimeout=5000` : undefined;
    const { dataSource } = await openDatabase(
      databaseOptions({
        url,
        sqliteFile: database.sqliteFile,
        entities: [LabSchema],
        migrations: migrationsFor(dialect, [CreateLab1764374400000]),
      }),
    );
    try {
      expect(await dataSource.query('SELECT COUNT(*) AS n FROM lab')).toHaveLength(1);
    } finally {
      await dataSource.destroy();
    }
  });

  it('creates no table from the entities: the schema comes from migrations only', async () => {
    const { dataSource } = await openDatabase(
      databaseOptions({ url: database.url, sqliteFile: database.sqliteFile, entities: [LabSchema], migrations: { sqlite: [], mysql: [] } }),
    );
    try {
      await expect(dataSource.getRepository(LabSchema).count()).rejects.toThrow(/lab/i);
    } finally {
      await dataSource.destroy();
    }
  });
});

describe('the embedded SQLite database', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite', 'wal');
  });

  afterEach(async () => {
    await database.drop();
  });

  it('creates the folder of its file when it does not exist yet', async () => {
    const sqliteFile = join(dirname(database.sqliteFile), 'not', 'there', 'yet', 'lab.sqlite');

    const { dataSource } = await openDatabase(
      databaseOptions({ sqliteFile, entities: [LabSchema], migrations: { sqlite: [CreateLab1764374400000], mysql: [] } }),
    );
    await dataSource.destroy();

    expect(existsSync(sqliteFile)).toBe(true);
  });

  it('runs in WAL mode, so readers go on while one writer writes', async () => {
    const { dataSource } = await openDatabase(
      databaseOptions({ sqliteFile: database.sqliteFile, entities: [LabSchema], migrations: { sqlite: [], mysql: [] } }),
    );
    try {
      expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    } finally {
      await dataSource.destroy();
    }
  });
});

describe('GTID positions', () => {
  it('reads the last sequence number of each replication domain, and compares domain by domain', () => {
    expect(parseGtidPosition('0-1-42,1-2-7')).toEqual(
      new Map([
        [0, 42],
        [1, 7],
      ]),
    );
    expect(parseGtidPosition('')).toEqual(new Map());
    const replica = parseGtidPosition('0-1-42,1-2-7');
    expect(hasReached(replica, parseGtidPosition('0-1-42'))).toBe(true);
    expect(hasReached(replica, parseGtidPosition('0-3-41,1-2-7'))).toBe(true);
    expect(hasReached(replica, parseGtidPosition('0-1-43'))).toBe(false);
    expect(hasReached(replica, parseGtidPosition('2-1-1'))).toBe(false);
    expect(hasReached(replica, new Map())).toBe(true);
  });
});
