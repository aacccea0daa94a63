import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { isJsonObject, type JsonObject } from './find-rows';
import type { LoadedOperation } from './load-operation';
import { fieldsAt } from './operation-fields';

type Variables = Readonly<Record<string, unknown>>;

/**
 * The committed supergraph, the schema the gateway serves: its types tell
 * figures from other lists. Read from
 * the repository, so it needs no introspection (off in production).
 */
export function loadGraphSchema(): GraphQLSchema {
  const file = join(dirname(require.resolve('@nlai/schema/package.json')), 'supergraph.graphql');
  return buildSchema(readFileSync(file, 'utf8'), { assumeValidSDL: true });
}

/** The schema's field at a response path of the operation (aliases resolved), or undefined when the schema does not know it. */
function fieldAt(
  schema: GraphQLSchema,
  operation: LoadedOperation,
  path: readonly string[],
  variables: Variables,
): GraphQLField<unknown, unknown> | undefined {
  let parent: GraphQLObjectType | undefined | null = schema.getRootType(operation.definition.operation);
  let field: GraphQLField<unknown, unknown> | undefined;
  for (let depth = 1; depth <= path.length; depth += 1) {
    if (!parent) return undefined;
    const name = fieldsAt(operation, path.slice(0, depth), variables)[0]?.name.value;
    if (name === undefined) return undefined;
    field = parent.getFields()[name];
    if (!field) return undefined;
    const type = getNamedType(field.type);
    // An interface or union: the field's type is not known without __typename; descend no further.
    parent = isObjectType(type) ? type : isAbstractType(type) ? null : undefined;
  }
  return field;
}

/**
 * What the schema says about the response paths of one operation, asked by
 * path (keys without list indices, e.g. ['talentStats', 'placementsBySector']).
 */
export class FiguresGuide {
  private readonly fields = new Map<string, GraphQLField<unknown, unknown> | undefined>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly operation: LoadedOperation,
    private readonly variables: Variables = {},
  ) {}

  private field(path: readonly string[]): GraphQLField<unknown, unknown> | undefined {
    const key = path.join('.');
    if (!this.fields.has(key)) this.fields.set(key, fieldAt(this.schema, this.operation, path, this.variables));
    return this.fields.get(key);
  }

  /**
   * Whether the list at this path is a list of figures: objects with no `id`
   * and at least one Int field (LabStatusCount, PlacementSectorCount,
   * PartnerHires). Partners, hubs or placements have an id: they are things,
   * not counts of things.
   */
  isFiguresList(path: readonly string[]): boolean {
    const field = this.field(path);
    if (!field || !isListType(getNullableType(field.type))) return false;
    const item = getNamedType(field.type);
    if (!isObjectType(item)) return false;
    const fields = Object.values(item.getFields());
    return !fields.some((child) => child.name === 'id') && fields.some((child) => getNamedType(child.type).name === 'Int');
  }
}

/** Response paths (relative to a row) of the lists of figures in a row, through its objects but not into other lists. */
function figuresListsOf(row: JsonObject, rowPath: readonly string[], guide: FiguresGuide, at: string[] = []): string[][] {
  const found: string[][] = [];
  for (const [key, child] of Object.entries(row)) {
    const path = [...at, key];
    if (Array.isArray(child)) {
      if (guide.isFiguresList([...rowPath, ...path])) found.push(path);
    } else if (isJsonObject(child)) {
      found.push(...figuresListsOf(child, rowPath, guide, path));
    }
  }
  return found;
}

/** A copy of an object with the value at `path` replaced (or removed when `value` is undefined). */
function withValueAt(object: JsonObject, path: readonly string[], value: unknown): JsonObject {
  const [key, ...rest] = path;
  if (key === undefined) return object;
  const copy = { ...object };
  if (rest.length === 0) {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
  } else if (isJsonObject(copy[key])) {
    copy[key] = withValueAt(copy[key] as JsonObject, rest, value);
  }
  return copy;
}

/**
 * Gives every item of a list of figures a row of its own: a row holding such
 * lists becomes one row per item of each, the item in its list's place, the
 * other lists of figures left out, and the rest of the row (a lab's name, a
 * network's total) repeated. Lists stack rather than multiply: a row with 13
 * sectors and 4 kinds of employer gives 17 rows, each about one item. A row
 * whose lists of figures are all empty stays one row.
 */
export function spreadFigures(rows: readonly unknown[], rowPath: readonly string[], guide: FiguresGuide): unknown[] {
  return rows.flatMap((row) => {
    if (!isJsonObject(row)) return [row];
    const lists = figuresListsOf(row, rowPath, guide);
    if (lists.length === 0) return [row];
    const bare = lists.reduce((without, path) => withValueAt(without, path, undefined), row);
    const spread = lists.flatMap((path) => {
      let list: unknown = row;
      for (const key of path) list = isJsonObject(list) ? list[key] : undefined;
      return (list as unknown[]).map((item) => withValueAt(bare, path, item));
    });
    return spread.length > 0 ? spread : [row];
  });
}
