import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, testDialects, type TestDatabase } from '@nlai/testing';
import { formatUse, UsageStore } from '../src';

const line = (hour: string, client: string, version: string, coordinate: string, count: number) =>
  JSON.stringify({ hour, client, version, coordinate, count });

describe.each(testDialects())('the usage store on %s', (dialect) => {
  let database: TestDatabase;
  let store: UsageStore;
  let spool: string;
  beforeEach(async () => {
    database = await createTestDatabase(dialect, 'usage');
    store = await UsageStore.open({ url: database.url, sqliteFile: database.sqliteFile });
    spool = mkdtempSync(join(tmpdir(), 'nlai-usage-spool-'));
  });
  afterEach(async () => {
    await store.close();
    await database.drop();
    rmSync(spool, { recursive: true, force: true });
  });

  const recent = new Date(Date.now() - 3_600_000);
  const hour = (time: Date) => new Date(time.getTime() - (time.getTime() % 3_600_000)).toISOString();

  it('collects spool files once, adding counts of the same key, and deletes them', async () => {
    writeFileSync(
      join(spool, 'usage-a-000001.jsonl'),
      [line(hour(recent), 'dashboard', '1.4.0', 'Lab.talentStats', 3), line(hour(recent), 'dashboard', '1.4.0', 'Query.labs', 1)].join(
        '\n',
      ) + '\n',
    );
    writeFileSync(join(spool, 'usage-a-000002.jsonl'), line(hour(recent), 'dashboard', '1.4.0', 'Lab.talentStats', 2) + '\nnot json\n');
    writeFileSync(join(spool, '.usage-a-000003.jsonl.tmp'), line(hour(recent), 'dashboard', '1.4.0', 'Lab.talentStats', 100));
    expect(await store.collectSpool(spool)).toEqual({ files: 2, records: 3, rejectedLines: 1 });
    expect(readdirSync(spool)).toEqual(['.usage-a-000003.jsonl.tmp']);
    const uses = await store.usesOf('Lab.talentStats', new Date(Date.now() - 86_400_000));
    expect(uses).toEqual([
      { coordinate: 'Lab.talentStats', client: 'dashboard', version: '1.4.0', lastSeen: new Date(hour(recent)), uses: 5 },
    ]);
    expect(formatUse(uses[0]!)).toBe(
      `Lab.talentStats: client dashboard 1.4.0, last seen ${hour(recent).slice(0, 16).replace('T', ' ')} UTC, 5 uses`,
    );
  });

  it('does not count a file again that was collected but could not be deleted', async () => {
    const name = 'usage-b-000001.jsonl';
    writeFileSync(join(spool, name), line(hour(recent), 'app', '1', 'Lab.name', 4) + '\n');
    await store.collectSpool(spool);
    writeFileSync(join(spool, name), line(hour(recent), 'app', '1', 'Lab.name', 4) + '\n');
    expect(await store.collectSpool(spool)).toEqual({ files: 0, records: 0, rejectedLines: 0 });
    expect((await store.usesOf('Lab.name', new Date(0)))[0]?.uses).toBe(4);
    expect(readdirSync(spool)).toEqual([]);
  });

  it('answers for a type, a field with its arguments, one argument, an input field or an enum value, case-sensitively and within the window', async () => {
    const old = new Date(Date.now() - 40 * 86_400_000);
    await store.add([
      { hour: hour(recent), client: 'app', version: '1', coordinate: 'Lab.talentStats', count: 1 },
      { hour: hour(recent), client: 'app', version: '1', coordinate: 'Lab.talentStats(year:)', count: 2 },
      { hour: hour(recent), client: 'app', version: '2', coordinate: 'Lab.name', count: 4 },
      { hour: hour(recent), client: 'app', version: '1', coordinate: 'Lab_Extra.name', count: 8 },
      { hour: hour(recent), client: 'app', version: '1', coordinate: 'LabStatus.ACTIVE', count: 16 },
      { hour: hour(recent), client: 'app', version: '1', coordinate: 'LabStatus.active', count: 32 },
      { hour: hour(old), client: 'legacy', version: '0.9', coordinate: 'Lab.sourceUrl', count: 64 },
    ]);
    const since = new Date(Date.now() - 30 * 86_400_000);
    const total = async (path: string) => (await store.usesOf(path, since)).reduce((sum, use) => sum + use.uses, 0);
    expect(await total('Lab')).toBe(1 + 2 + 4);
    expect(await total('Lab.talentStats')).toBe(1 + 2);
    expect(await total('Lab.talentStats.year')).toBe(2);
    expect(await total('Lab.talentStats(year:)')).toBe(2);
    expect(await total('LabStatus.ACTIVE')).toBe(16);
    expect(await total('Lab.sourceUrl')).toBe(0);
    expect(await store.usesOf('Lab.sourceUrl', new Date(Date.now() - 60 * 86_400_000))).toEqual([
      { coordinate: 'Lab.sourceUrl', client: 'legacy', version: '0.9', lastSeen: new Date(hour(old)), uses: 64 },
    ]);
  });
});
