/** A JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A Relay connection: an object with an `edges` array whose items have a `node`. */
export function isConnection(value: unknown): value is JsonObject & { edges: unknown[] } {
  if (!isJsonObject(value) || !Array.isArray(value.edges)) return false;
  return value.edges.every((edge) => edge === null || (isJsonObject(edge) && 'node' in edge));
}

/** Where the rows of a result are, and what they are. */
export type RowSource =
  /** The nodes of a connection at `path` (null for a null edge). */
  | { kind: 'connection'; path: string[]; connection: JsonObject & { edges: unknown[] }; rows: unknown[] }
  /** The items of a list of objects at `path`. */
  | { kind: 'list'; path: string[]; rows: unknown[] }
  /** No connection and no list of objects: the data itself is the one row. */
  | { kind: 'object'; path: []; rows: [JsonObject] };

/**
 * Finds the rows of a result: the nodes of the first connection found
 * breadth-first from the root, else the items of the first top-level list of
 * objects (e.g. `locations`), else the data itself as one row (a lab page:
 * one row, its partners joined in their columns). The search goes
 * through objects but not into lists: a connection inside the items of a list
 * belongs to one item, not to the result.
 *
 * An empty list could hold objects or scalars; `selectsObjects` (from the
 * operation) tells which, so an empty result still has its rows' columns.
 */
export function findRows(data: JsonObject, selectsObjects: (path: readonly string[]) => boolean = () => false): RowSource {
  const queue: Array<{ value: JsonObject; path: string[] }> = [{ value: data, path: [] }];
  let firstList: { path: string[]; rows: unknown[] } | undefined;
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { value, path } = next;
    if (isConnection(value))
      return { kind: 'connection', path, connection: value, rows: value.edges.map((edge) => (isJsonObject(edge) ? edge.node : null)) };
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...path, key];
      if (Array.isArray(child)) {
        const items = child.filter((item) => item !== null);
        const ofObjects = items.length > 0 ? items.every(isJsonObject) : selectsObjects(childPath);
        // Only a top-level list is the rows: a list inside an object (a lab's partners) belongs to that one row.
        if (!firstList && ofObjects && path.length === 0) firstList = { path: childPath, rows: child };
      } else if (isJsonObject(child)) {
        queue.push({ value: child, path: childPath });
      }
    }
  }
  return firstList ? { kind: 'list', ...firstList } : { kind: 'object', path: [], rows: [data] };
}

/** The value at a path of response keys, or undefined. */
export function valueAt(data: unknown, path: readonly string[]): unknown {
  let value = data;
  for (const key of path) value = isJsonObject(value) ? value[key] : undefined;
  return value;
}
