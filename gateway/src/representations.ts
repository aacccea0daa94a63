/** A GraphQL error as a subgraph sends it: only its path matters here. */
type ResponseError = { readonly message?: string; readonly path?: ReadonlyArray<string | number> };

/** Distinct entity representations, and where each original one went. */
export interface FoldedRepresentations {
  unique: unknown[];
  /** For each original representation, its index in `unique`. */
  positions: number[];
}

/**
 * @apollo/gateway sends one representation per entity occurrence, duplicates
 * included (forty vacancies of one employer: forty copies of its key). This
 * keeps one of each, so the subgraph resolves, serialises and sends every
 * entity once.
 */
export function foldRepresentations(representations: readonly unknown[]): FoldedRepresentations {
  const indexOf = new Map<string, number>();
  const unique: unknown[] = [];
  const positions = representations.map((representation) => {
    const key = JSON.stringify(representation);
    let index = indexOf.get(key);
    if (index === undefined) {
      index = unique.length;
      indexOf.set(key, index);
      unique.push(representation);
    }
    return index;
  });
  return { unique, positions };
}

/**
 * Whether a subgraph operation is the gateway's entity fetch, whose
 * `representations` variable the gateway made. Its one root field is
 * `_entities`, which no client can ask for, so a client's own variable of
 * that name (passed through in a root fetch) is never touched.
 */
export const isEntityFetch = (query: string | undefined): boolean => query !== undefined && /^[^{]*\{\s*_entities\s*\(/.test(query);

/**
 * The subgraph's answer for the distinct representations, spread back over
 * the original positions: each later occurrence gets its own copy (the
 * gateway merges more data into these objects), and an error about entity i
 * is reported at every position that held i. An answer with the wrong number
 * of entities is passed on as it is, for the gateway to reject.
 */
export function unfoldEntities<Response extends { data?: Record<string, unknown> | null; errors?: ReadonlyArray<ResponseError> }>(
  response: Response,
  positions: readonly number[],
): Response {
  const entities = response.data?._entities;
  const distinct = positions.reduce((count, index) => Math.max(count, index + 1), 0);
  if (Array.isArray(entities) && entities.length !== distinct) return response;
  const seen = new Set<number>();
  const data =
    Array.isArray(entities) && response.data
      ? {
          ...response.data,
          _entities: positions.map((index) => {
            if (!seen.has(index)) {
              seen.add(index);
              return entities[index];
            }
            return structuredClone(entities[index]);
          }),
        }
      : response.data;
  const errors = response.errors?.flatMap((error) => {
    const [root, index, ...rest] = error.path ?? [];
    if (root !== '_entities' || typeof index !== 'number' || index >= distinct) return [error];
    return positions.flatMap((unique, position) => (unique === index ? [{ ...error, path: ['_entities', position, ...rest] }] : []));
  });
  return { ...response, ...(data === undefined ? {} : { data }), ...(errors === undefined ? {} : { errors }) };
}
