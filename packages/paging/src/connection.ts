import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { encodeCursor } from './cursor';
import { orderAndSeek } from './keyset';
import type { Ordering } from './ordering';
import { pageRequest, type PageArguments, type PageRequest } from './page-request';

/** A Relay connection as the SDL's `…Connection` types expect it. */
export interface Connection<Node> {
  /** A function, so the count query runs only when a client asks for it. */
  totalCount: () => Promise<number> | number;
  edges: Array<{ cursor: string; node: Node }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * Builds a connection from rows fetched with `LIMIT size + 1`: the extra row
 * only tells that a next page exists.
 */
export function toConnection<Row>(
  rows: Row[],
  request: PageRequest,
  ordering: Ordering<Row>,
  totalCount: () => Promise<number> | number,
): Connection<Row> {
  const page = rows.slice(0, request.size);
  const edges = page.map((node) => ({ cursor: encodeCursor(ordering, ordering.valuesOf(node)), node }));
  return {
    totalCount,
    edges,
    pageInfo: {
      hasNextPage: rows.length > request.size,
      hasPreviousPage: request.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * The whole of a connection field: validates `first`/`after`, fetches one
 * page (plus one row) in the ordering, and counts lazily.
 */
export async function paginate<Row>(
  args: PageArguments,
  ordering: Ordering<Row>,
  fetchPage: (page: PageRequest) => Promise<Row[]>,
  count: () => Promise<number>,
): Promise<Connection<Row>> {
  const page = pageRequest(args, ordering);
  return toConnection(await fetchPage(page), page, ordering, count);
}

/**
 * A connection over the rows of a query: one page in the ordering (plus one
 * row, to tell whether another follows) in one statement, and a count run
 * only when asked for. `rows` builds the filtered query afresh for each.
 */
export function keysetConnection<Row extends ObjectLiteral>(
  args: PageArguments,
  ordering: Ordering<Row>,
  rows: () => SelectQueryBuilder<Row>,
): Promise<Connection<Row>> {
  return paginate(
    args,
    ordering,
    (page) =>
      orderAndSeek(rows(), ordering, page.after)
        .take(page.size + 1)
        .getMany(),
    () => rows().getCount(),
  );
}
