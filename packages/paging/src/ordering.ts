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
