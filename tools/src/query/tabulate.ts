import type { GraphQLSchema } from 'graphql';
import { FiguresGuide, spreadFigures } from './figures';
import { findRows, type JsonObject } from './find-rows';
import { flattenRows, type FlatRows } from './flatten-rows';
import type { LoadedOperation } from './load-operation';
import { leafColumns, selectsObjectsAt } from './operation-fields';

/**
 * The rows of a result for CSV or a table: found by findRows, flattened by
 * flattenRows, with the columns the operation selects for them first, so a
 * result without rows still has its header. Given the schema, each item of
 * a list of figures gets a row of its own (see figures.ts). Public figures
 * are released and perturbed, never null, so a null is always a blank.
 */
export function tabulate(
  data: JsonObject,
  operation: LoadedOperation,
  variables: Readonly<Record<string, unknown>> = {},
  schema?: GraphQLSchema,
): FlatRows {
  const source = findRows(data, (path) => selectsObjectsAt(operation, path, variables));
  const rowPath = source.kind === 'connection' ? [...source.path, 'edges', 'node'] : source.path;
  let rows: readonly unknown[] = source.rows;
  if (schema) {
    const guide = new FiguresGuide(schema, operation, variables);
    rows = spreadFigures(rows, rowPath, guide);
  }
  return flattenRows(rows, { columns: leafColumns(operation, rowPath, variables) });
}
