import { findRows, isConnection, isJsonObject, valueAt } from './find-rows';
import type { LoadedOperation } from './load-operation';
import { afterVariableAt, afterVariables, selectsObjectsAt } from './operation-fields';
import { QueryError, usageError } from './query-error';
import type { GraphQLResponse } from './run-operation';

/** What {@link fetchAllPages} needs. */
export interface AllPagesOptions {
  operation: LoadedOperation;
  /** The variables of the first page; later pages set the connection's `after` variable on top. */
  variables: Record<string, unknown>;
  /** Sends the operation with the variables given (e.g. runOperation with the rest of the request). */
  send: (variables: Record<string, unknown>) => Promise<GraphQLResponse>;
  /** Called after each page with its number (from 1) and the rows collected so far. Default: nothing. */
  onPage?: (page: number, rows: number) => void;
}

/** The data of every page, merged into the first page's shape; `stoppedAtPage` says which page answered with errors. */
export interface AllPagesResponse extends GraphQLResponse {
  pages: number;
  stoppedAtPage?: number;
}

/**
 * Follows the first connection of the result (see findRows) page by page:
 * re-sends the operation with the variable bound to that connection's
 * `after` argument set to `pageInfo.endCursor` while `pageInfo.hasNextPage`,
 * and returns the first page's data with the edges of every page. A page
 * that answers with errors stops the walk; the pages before it are returned
 * with those errors.
 */
export async function fetchAllPages({ operation, variables, send, onPage = () => {} }: AllPagesOptions): Promise<AllPagesResponse> {
  const name = operation.name ?? 'The operation';
  if (afterVariables(operation).length === 0) {
    throw usageError(
      `--all-pages needs the connection's after argument bound to a variable, e.g. labs(first: $first, after: $after); ${name} has none.`,
    );
  }
  const first = await send(variables);
  if ((first.errors?.length ?? 0) > 0 || !isJsonObject(first.data)) return { ...first, pages: 1, stoppedAtPage: 1 };
  const data = structuredClone(first.data);
  const source = findRows(data, (path) => selectsObjectsAt(operation, path, variables));
  if (source.kind !== 'connection')
    throw usageError(`--all-pages: the result of ${name} holds no connection (an object with edges { node }) to follow.`);
  const where = source.path.join('.') || 'the root';
  const afterVariable = afterVariableAt(operation, source.path, variables);
  if (!afterVariable)
    throw usageError(
      `--all-pages: ${where} takes no variable as its after argument; write e.g. ${source.path.at(-1) ?? 'labs'}(first: $first, after: $after).`,
    );
  const connection = source.connection;
  const pageInfoOf = (value: Record<string, unknown>) => {
    const pageInfo = value.pageInfo;
    if (!isJsonObject(pageInfo) || !('hasNextPage' in pageInfo) || !('endCursor' in pageInfo)) {
      throw usageError(`--all-pages needs pageInfo { hasNextPage endCursor } selected on ${where}.`);
    }
    return pageInfo;
  };

  let pageInfo = pageInfoOf(connection);
  let page = 1;
  const seen = new Set<unknown>();
  onPage(page, connection.edges.length);
  while (pageInfo.hasNextPage === true) {
    const cursor = pageInfo.endCursor;
    if (typeof cursor !== 'string' || seen.has(cursor)) {
      throw new QueryError(
        'PAGING',
        `Page ${page} of ${where} says there is a next page but gives ${typeof cursor === 'string' ? 'the same endCursor as before' : 'no endCursor'}; stopped.`,
      );
    }
    seen.add(cursor);
    const next = await send({ ...variables, [afterVariable]: cursor });
    page += 1;
    if ((next.errors?.length ?? 0) > 0 || !isJsonObject(next.data)) return { data, errors: next.errors, pages: page, stoppedAtPage: page };
    const nextConnection = valueAt(next.data, source.path);
    if (!isConnection(nextConnection)) throw new QueryError('PAGING', `Page ${page} has no connection at ${where}; stopped.`);
    connection.edges.push(...nextConnection.edges);
    pageInfo = pageInfoOf(nextConnection);
    connection.pageInfo = pageInfo;
    onPage(page, connection.edges.length);
  }
  return { data, pages: page };
}
