import { decodeCursor, toConnection, type Ordering } from '../src';

interface Organisation {
  id: string;
  name: string;
}

const byName: Ordering<Organisation> = {
  name: 'organisations:name',
  keys: [
    { expression: 'organisation.name', direction: 'ASC', type: 'string' },
    { expression: 'organisation.id', direction: 'ASC', type: 'string' },
  ],
  valuesOf: (organisation) => [organisation.name, organisation.id],
};

const rows: Organisation[] = [
  { id: 'asml', name: 'ASML' },
  { id: 'booking', name: 'Booking.com' },
  { id: 'philips', name: 'Philips' },
];

describe('toConnection', () => {
  it('returns the page without the extra row fetched to look ahead, and says a next page exists', () => {
    const connection = toConnection(rows, { size: 2, after: null }, byName, () => 3);

    expect(connection.edges.map((edge) => edge.node.id)).toEqual(['asml', 'booking']);
    expect(connection.pageInfo.hasNextPage).toBe(true);
  });

  it('says there is no next page when the rows fit the page', () => {
    expect(toConnection(rows, { size: 3, after: null }, byName, () => 3).pageInfo.hasNextPage).toBe(false);
    expect(toConnection(rows.slice(0, 2), { size: 3, after: null }, byName, () => 2).pageInfo.hasNextPage).toBe(false);
  });

  it('gives each edge a cursor pointing at its node, and the end cursor to continue from', () => {
    const connection = toConnection(rows, { size: 2, after: null }, byName, () => 3);

    expect(connection.edges.map((edge) => decodeCursor(byName, edge.cursor))).toEqual([
      ['ASML', 'asml'],
      ['Booking.com', 'booking'],
    ]);
    expect(connection.pageInfo.startCursor).toBe(connection.edges[0]!.cursor);
    expect(connection.pageInfo.endCursor).toBe(connection.edges[1]!.cursor);
  });

  it('tells whether the page starts after another one', () => {
    expect(toConnection(rows, { size: 5, after: null }, byName, () => 3).pageInfo.hasPreviousPage).toBe(false);
    expect(toConnection(rows.slice(1), { size: 5, after: ['ASML', 'asml'] }, byName, () => 3).pageInfo.hasPreviousPage).toBe(true);
  });

  it('has no cursors for an empty page', () => {
    expect(toConnection([], { size: 5, after: null }, byName, () => 0).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it('counts only when the total is asked for', async () => {
    const count = jest.fn(async () => 42);
    const connection = toConnection(rows, { size: 2, after: null }, byName, count);

    expect(count).not.toHaveBeenCalled();
    await expect(connection.totalCount()).resolves.toBe(42);
    expect(count).toHaveBeenCalledTimes(1);
  });
});
