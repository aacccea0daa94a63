/** One column of a keyset ordering. */
export interface SortKey {
  /** Query-builder expression, e.g. `lab.startYear`. Never user input. */
  expression: string;
  direction: 'ASC' | 'DESC';
  /** The JavaScript type of the column's values; cursors carrying another type are refused. */
  type: 'string' | 'number';
  /** Where NULLs go; leave unset for a NOT NULL column. */
  nulls?: 'FIRST' | 'LAST';
}

/**
 * A total order over a list: its last key must be unique and NOT NULL (the
 * id), so that a position is exact and a page is stable under inserts.
 */
export interface Ordering<Row> {
  /** Stamped into cursors so a cursor of one list or order is refused by another. */
  name: string;
  keys: SortKey[];
  /** The values of `keys` for a row, in the same order. */
  valuesOf(row: Row): Array<string | number | null>;
}

/** What cursors and SQL need of an ordering, whatever its row type. */
export type OrderingShape = Pick<Ordering<never>, 'name' | 'keys'>;

export type CursorValues = Array<string | number | null>;

/**
 * The same ordering run the other way: every key's direction flipped and
 * NULLs moved to the other end, so paging backwards through a list needs no
 * second definition.
 */
export function reversed<Row>(ordering: Ordering<Row>): Ordering<Row> {
  return {
    name: `${ordering.name}:reversed`,
    keys: ordering.keys.map((key) => ({
      ...key,
      direction: key.direction === 'ASC' ? 'DESC' : 'ASC',
      ...(key.nulls ? { nulls: key.nulls === 'FIRST' ? 'LAST' : 'FIRST' } : {}),
    })),
    valuesOf: ordering.valuesOf,
  };
}

/** The ordering a list's `orderBy: { field, direction }` argument asks for, given each field's ordering in its natural direction. */
export function orderingFor<Row, Field extends string>(
  byField: Record<Field, { ordering: Ordering<Row>; natural: 'ASC' | 'DESC' }>,
  orderBy: { field: Field; direction?: 'ASC' | 'DESC' | null } | null | undefined,
  fallback: Field,
): Ordering<Row> {
  const chosen = byField[orderBy?.field ?? fallback];
  const direction = orderBy?.direction ?? chosen.natural;
  return direction === chosen.natural ? chosen.ordering : reversed(chosen.ordering);
}

/** One column of an {@link entityOrdering}: a property of the entity, not an expression. */
export interface ColumnKey<Row> extends Omit<SortKey, 'expression'> {
  column: keyof Row & string;
}

/**
 * An ordering over an entity's columns, under its query alias (`lab` gives
 * `lab.name`), ending with its id ascending so that every position is exact.
 */
export function entityOrdering<Row extends { id: string }>(name: string, alias: string, columns: Array<ColumnKey<Row>>): Ordering<Row> {
  const byId: ColumnKey<Row> = { column: 'id', direction: 'ASC', type: 'string' };
  const all = [...columns, byId];
  return {
    name,
    keys: all.map(({ column, ...key }) => ({ ...key, expression: `${alias}.${column}` })),
    valuesOf: (row) =>
      all.map(({ column }) => {
        const value: unknown = row[column];
        return typeof value === 'string' || typeof value === 'number' ? value : null;
      }),
  };
}
