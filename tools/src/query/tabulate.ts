import { findRows, type JsonObject } from './find-rows';
import { flattenRows, type FlatRows } from './flatten-rows';
import type { LoadedOperation } from './load-operation';
import { leafColumns, selectsObjectsAt } from './operation-fields';

/**
 * The rows of a result for CSV or a table: found by findRows, flattened by
 * flattenRows, with the columns the operation selects for them first, so a
 * result without rows still has its header.
 */
export function tabulate(data: JsonObject, operation: LoadedOperation, variables: Readonly<Record<string, unknown>> = {}): FlatRows {
  const source = findRows(data, (path) => selectsObjectsAt(operation, path, variables));
  const rowPath = source.kind === 'connection' ? [...source.path, 'edges', 'node'] : source.path;
  return flattenRows(source.rows, { columns: leafColumns(operation, rowPath, variables) });
}
