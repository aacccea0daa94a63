/**
 * The id of copy `copy` of a sample record (copy 0 is the record itself),
 * for SEED_SCALE. Both subgraphs copy this way, so Human Capital's copies
 * refer to Research & Innovation's by key.
 */
export const copyId = (id: string, copy: number): string => (copy === 0 ? id : `${id}-copy-${copy}`);

/** Inserts rows in chunks: SQLite caps bound parameters per statement, and this keeps every dialect happy. */
export async function insertInChunks<T extends object>(insert: (rows: T[]) => Promise<unknown>, rows: T[], size = 200): Promise<void> {
  for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size));
}
