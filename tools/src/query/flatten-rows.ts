import { isJsonObject } from './find-rows';

/** One cell: text, or null for a null (or missing) value. */
export type Cell = string | null;

/** Rows of text cells under named columns, ready for CSV or a table. */
export interface FlatRows {
  columns: string[];
  rows: Cell[][];
}

/** Options of {@link flattenRows}. */
export interface FlattenOptions {
  /**
   * Columns known before the data is seen (from the operation's selection),
   * in order; they come first and exist even when no row has a value, so an
   * empty result still has its header. Default none.
   */
  columns?: readonly string[];
}

/** Separates the items of a list inside a row; inside one item of such a list, `innerSeparator`. */
export const listSeparator = '; ';
export const innerSeparator = ', ';

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // An object in a scalar's place (a JSON custom scalar inside a list of scalars).
  return JSON.stringify(value);
}

/** Drops keys that only stand for a null object or an empty list whose fields other keys carry (`location` beside `location.city`). */
function withoutPlaceholders(keys: readonly string[]): string[] {
  return keys.filter((key) => !keys.some((other) => other.startsWith(`${key}.`)));
}

/**
 * Writes the cells of one value into `record` under dotted keys: scalars as
 * text, null as null, objects as their fields (`location.city`), lists of
 * scalars joined, and lists of objects as one key per leaf path whose value
 * joins the items' values, an empty string standing for an item without one
 * so the n-th part of every such column belongs to the n-th item.
 */
function flattenValue(record: Map<string, Cell>, key: string, value: unknown, separator: string): void {
  if (value === null || value === undefined) {
    record.set(key, null);
  } else if (Array.isArray(value)) {
    if (value.length === 0) {
      record.set(key, null);
    } else if (!value.some((item) => isJsonObject(item) || Array.isArray(item))) {
      record.set(key, value.map((item) => (item === null || item === undefined ? '' : text(item))).join(separator));
    } else {
      const items = value.map((item) => {
        const cells = new Map<string, Cell>();
        if (item !== null && item !== undefined) flattenValue(cells, '', item, innerSeparator);
        return cells;
      });
      const leaves = withoutPlaceholders([...new Set(items.flatMap((cells) => [...cells.keys()]))]);
      if (leaves.length === 0) record.set(key, null);
      for (const leaf of leaves) {
        record.set(leaf === '' ? key : `${key}.${leaf}`, items.map((cells) => cells.get(leaf) ?? '').join(separator));
      }
    }
  } else if (isJsonObject(value)) {
    for (const [field, child] of Object.entries(value)) flattenValue(record, key === '' ? field : `${key}.${field}`, child, separator);
  } else {
    record.set(key, text(value));
  }
}

/** Column names in first-seen order, except that a new column joins the others of its parent (`location.region` after `location.city`). */
class ColumnOrder {
  private readonly columns: string[] = [];
  private readonly known = new Set<string>();

  constructor(initial: readonly string[]) {
    for (const column of initial) this.add(column);
  }

  add(column: string): void {
    if (this.known.has(column)) return;
    this.known.add(column);
    const segments = column.split('.');
    for (let depth = segments.length - 1; depth >= 1; depth -= 1) {
      const parent = segments.slice(0, depth).join('.');
      const last = this.columns.findLastIndex((other) => other === parent || other.startsWith(`${parent}.`));
      if (last >= 0) {
        this.columns.splice(last + 1, 0, column);
        return;
      }
    }
    this.columns.push(column);
  }

  list(): string[] {
    return [...this.columns];
  }
}

/**
 * Flattens result objects into rows of text cells, one row per item.
 * Nested objects become dotted columns (`location.city`); a list of scalars
 * inside a row is one cell joined with "; "; a list of objects inside a row
 * (`partners[].organisation.name`) becomes one column per leaf path
 * (`partners.organisation.name`) whose cell joins the items' values with
 * "; ", so the n-th part of each such column belongs to the n-th item. Lists
 * nested inside those items are joined with ", ". Null, an empty list and a
 * missing value give a null cell. A column that only stands for a null object
 * (`location` when other rows have `location.city`) is left out.
 */
export function flattenRows(items: readonly unknown[], options: FlattenOptions = {}): FlatRows {
  const order = new ColumnOrder(options.columns ?? []);
  const records = items.map((item) => {
    const record = new Map<string, Cell>();
    if (isJsonObject(item)) flattenValue(record, '', item, listSeparator);
    else if (item !== null && item !== undefined) flattenValue(record, 'value', item, listSeparator);
    for (const column of record.keys()) order.add(column);
    return record;
  });
  const all = order.list();
  const columns = all.filter(
    (column) => !all.some((other) => other.startsWith(`${column}.`)) || records.some((record) => (record.get(column) ?? '') !== ''),
  );
  return { columns, rows: records.map((record) => columns.map((column) => record.get(column) ?? null)) };
}
