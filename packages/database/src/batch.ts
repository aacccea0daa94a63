/**
 * Aligns rows fetched with one `IN (…)` query to the keys a DataLoader asked
 * for: one row (or null) per key, duplicates and missing keys included.
 */
export function onePer<Key, Row>(keys: readonly Key[], rows: readonly Row[], keyOf: (row: Row) => Key): Array<Row | null> {
  const found = new Map<Key, Row>();
  for (const row of rows) found.set(keyOf(row), row);
  return keys.map((key) => found.get(key) ?? null);
}

/** Like {@link onePer}, for one-to-many: the rows of each key, in fetch order, or []. */
export function manyPer<Key, Row>(keys: readonly Key[], rows: readonly Row[], keyOf: (row: Row) => Key): Row[][] {
  const groups = new Map<Key, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
