import 'reflect-metadata';
import { createTestDatabase, testDialects, type TestDatabase } from '@nlai/testing';
import { DataSource, EntitySchema } from 'typeorm';
import { orderAndSeek, pageRequest, toConnection, type Connection, type Ordering, type PageArguments, type SortKey } from '../src';

interface Lab {
  id: string;
  startYear: number | null;
  name: string;
}

const LabSchema = new EntitySchema<Lab>({
  name: 'Lab',
  tableName: 'paging_lab',
  columns: {
    id: { type: 'varchar', length: 16, primary: true },
    startYear: { name: 'start_year', type: 'int', nullable: true },
    name: { type: 'varchar', length: 40 },
  },
});

/** Newest first, labs without a start year before all others (as the labs list orders). */
const newest: Ordering<Lab> = {
  name: 'test:newest',
  keys: [
    { expression: 'lab.startYear', direction: 'DESC', type: 'number', nulls: 'FIRST' },
    { expression: 'lab.name', direction: 'ASC', type: 'string' },
    { expression: 'lab.id', direction: 'ASC', type: 'string' },
  ],
  valuesOf: (lab) => [lab.startYear, lab.name, lab.id],
};

/** Oldest first, labs without a start year last, and descending tie-breakers. */
const oldest: Ordering<Lab> = {
  name: 'test:oldest',
  keys: [
    { expression: 'lab.startYear', direction: 'ASC', type: 'number', nulls: 'LAST' },
    { expression: 'lab.name', direction: 'DESC', type: 'string' },
    { expression: 'lab.id', direction: 'DESC', type: 'string' },
  ],
  valuesOf: (lab) => [lab.startYear, lab.name, lab.id],
};

// Years repeat, several labs have none, and some share both year and name, so
// every key of the ordering (the id tie-breaker included) decides somewhere.
// Names and ids are lower-case ASCII, which every collation sorts alike.
const years = [2018, null, 2015, 2018, null, 2020, 2018, 2015, null, 2020, 2018, 2022, 2015, null, 2018, 2020, 2018];
const names = ['birch', 'amber', 'cedar', 'amber', 'birch'];
const initialLabs: Lab[] = years.map((startYear, index) => ({
  id: `r${String(index + 1).padStart(2, '0')}`,
  startYear,
  name: names[(index * 3) % names.length]!,
}));

/** The expected order, worked out in JavaScript from the ordering's definition (not from its SQL). */
function compareBy(ordering: Ordering<Lab>) {
  const compareKey = (key: SortKey, left: string | number | null, right: string | number | null): number => {
    if (left === null || right === null) {
      if (left === right) return 0;
      return (left === null) === (key.nulls === 'FIRST') ? -1 : 1;
    }
    const natural = left < right ? -1 : left > right ? 1 : 0;
    return key.direction === 'ASC' ? natural : -natural;
  };
  return (left: Lab, right: Lab): number => {
    const leftValues = ordering.valuesOf(left);
    const rightValues = ordering.valuesOf(right);
    for (const [index, key] of ordering.keys.entries()) {
      const comparison = compareKey(key, leftValues[index]!, rightValues[index]!);
      if (comparison !== 0) return comparison;
    }
    return 0;
  };
}

function idsInOrder(labs: Lab[], ordering: Ordering<Lab>): string[] {
  return [...labs].sort(compareBy(ordering)).map((lab) => lab.id);
}

describe.each(testDialects())('keyset paging on %s', (dialect) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(dialect, 'paging');
    dataSource = new DataSource(
      dialect === 'mysql'
        ? { type: 'mysql', url: database.url, entities: [LabSchema], synchronize: true }
        : { type: 'better-sqlite3', database: database.sqliteFile, entities: [LabSchema], synchronize: true },
    );
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  beforeEach(async () => {
    await dataSource.getRepository(LabSchema).clear();
    // Inserted in neither id nor sort order, so that insertion order cannot pass for the ordering.
    await dataSource.getRepository(LabSchema).insert([...initialLabs].reverse().sort((left, right) => (left.name < right.name ? -1 : 1)));
  });

  /** One page of a list the way a repository serves it: order, seek, LIMIT size + 1. */
  async function fetchPage(ordering: Ordering<Lab>, args: PageArguments, filter?: (lab: string) => string): Promise<Connection<Lab>> {
    const request = pageRequest(args, ordering);
    const query = dataSource.getRepository(LabSchema).createQueryBuilder('lab');
    if (filter) query.where(filter('lab'));
    const rows = await orderAndSeek(query, ordering, request.after)
      .take(request.size + 1)
      .getMany();
    return toConnection(rows, request, ordering, () => dataSource.getRepository(LabSchema).count());
  }

  /** Follows `endCursor` until `hasNextPage` is false; returns the ids in the order served. */
  async function pageThrough(
    ordering: Ordering<Lab>,
    size: number,
    options: { betweenPages?: () => Promise<void>; filter?: (lab: string) => string } = {},
  ) {
    const served: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const connection: Connection<Lab> = await fetchPage(ordering, { first: size, after }, options.filter);
      expect(connection.edges.length).toBeLessThanOrEqual(size);
      served.push(...connection.edges.map((edge) => edge.node.id));
      if (!connection.pageInfo.hasNextPage) return served;
      after = connection.pageInfo.endCursor;
      await options.betweenPages?.();
    }
    throw new Error('paging did not end after 100 pages');
  }

  describe.each([
    ['newest first, NULLs first', newest],
    ['oldest first, NULLs last', oldest],
  ])('%s', (_name, ordering) => {
    it('serves the whole list on one page in the order of the ordering', async () => {
      const connection = await fetchPage(ordering, { first: 100 });

      expect(connection.edges.map((edge) => edge.node.id)).toEqual(idsInOrder(initialLabs, ordering));
      expect(connection.pageInfo.hasNextPage).toBe(false);
      await expect(connection.totalCount()).resolves.toBe(initialLabs.length);
    });

    it.each([1, 2, 3, 7])('visits every row exactly once, in order, with pages of %i', async (size) => {
      expect(await pageThrough(ordering, size)).toEqual(idsInOrder(initialLabs, ordering));
    });

    it('keeps the list filter on every page, even though the seek condition is an OR', async () => {
      const served = await pageThrough(ordering, 2, { filter: (lab) => `${lab}.name <> 'amber'` });

      expect(served).toEqual(idsInOrder(initialLabs, ordering).filter((id) => initialLabs.find((lab) => lab.id === id)!.name !== 'amber'));
    });

    it.each([2, 3])('skips and repeats no row when rows are inserted between requests for pages of %i', async (size) => {
      // New rows land everywhere in the order: before the position reached, after it, among NULLs and among duplicates.
      const arrivals: Lab[] = [
        { id: 'n01', startYear: null, name: 'amber' },
        { id: 'n02', startYear: 2018, name: 'birch' },
        { id: 'n03', startYear: 2030, name: 'aspen' },
        { id: 'n04', startYear: 2010, name: 'zelkova' },
        { id: 'n05', startYear: 2015, name: 'amber' },
        { id: 'n06', startYear: null, name: 'zelkova' },
        { id: 'n07', startYear: 2020, name: 'cedar' },
        { id: 'n08', startYear: 2018, name: 'amber' },
      ];
      let next = 0;
      const insertTwo = async () => {
        const batch = arrivals.slice(next, next + 2);
        next += 2;
        if (batch.length) await dataSource.getRepository(LabSchema).insert(batch);
      };

      const served = await pageThrough(ordering, size, { betweenPages: insertTwo });

      expect(new Set(served).size).toBe(served.length);
      expect(served.filter((id) => id.startsWith('r'))).toEqual(idsInOrder(initialLabs, ordering));
      // Each page continues after the last one, so whatever was served is in order, newcomers included.
      const all = [...initialLabs, ...arrivals];
      expect(served).toEqual(
        idsInOrder(
          all.filter((lab) => served.includes(lab.id)),
          ordering,
        ),
      );
      expect(next).toBeGreaterThan(0);
    });

    it('continues from a cursor taken on a row with no start year', async () => {
      const sorted = [...initialLabs].sort(compareBy(ordering));
      const index = sorted.findIndex((lab) => lab.startYear === null);
      const cursor = (await fetchPage(ordering, { first: index + 1 })).pageInfo.endCursor;

      const rest = await fetchPage(ordering, { first: 100, after: cursor });

      expect(rest.edges.map((edge) => edge.node.id)).toEqual(sorted.slice(index + 1).map((lab) => lab.id));
      expect(rest.pageInfo.hasPreviousPage).toBe(true);
    });
  });

  it('serves an empty last page when the cursor points at the last row', async () => {
    const all = await fetchPage(newest, { first: 100 });

    const after = await fetchPage(newest, { first: 5, after: all.pageInfo.endCursor });

    expect(after.edges).toEqual([]);
    expect(after.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });
});
