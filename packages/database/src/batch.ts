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

/**
 * The row a foreign key points at, for a non-null field. The database keeps
 * it there, so a missing one is a fault, said as such, rather than a null.
 */
export async function referenced<Row>(row: Promise<Row | null>, what: string): Promise<Row> {
  const found = await row;
  if (found === null) throw new Error(`${what} is missing, though a foreign key points at it.`);
  return found;
}
