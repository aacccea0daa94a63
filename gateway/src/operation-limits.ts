import type { ApolloServerPlugin } from '@apollo/server';
import { httpStatusOf, requestError, type MistakeCode } from '@nlai/errors';
import { defaultPageSize, maxPageSize } from '@nlai/paging';
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  GraphQLError,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** Limits every operation must keep to before the gateway plans it. */
export interface OperationLimits {
  /** Deepest nesting of fields. Default: 15. */
  maxDepth: number;
  /** Most aliased fields, counted with fragments expanded. Default: 30. */
  maxAliases: number;
  /** Largest value of a list's slicing argument (`first`). Default: the subgraphs' largest page, `maxPageSize` of @nlai/paging. */
  maxPageSize: number;
  /**
   * Highest estimated cost: the objects an operation can return (see
   * `measureOperation`), plus 10 for a mutation. Default: 100000.
   */
  maxCost: number;
  /** Items assumed for a paged list (one with `first`) when `first` is not given and the schema declares no size. Default: the subgraphs' default page, `defaultPageSize` of @nlai/paging. */
  defaultPageSize: number;
  /** Items assumed for a list whose size the schema does not declare. Default: 10. */
  assumedListSize: number;
}

export const defaultOperationLimits: OperationLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxPageSize,
  maxCost: 100_000,
  defaultPageSize,
  assumedListSize: 10,
};

/**
 * How large a list can be, as a field declares it with `@listSize` of the
 * IBM cost specification (https://ibm.github.io/graphql-specs/cost-spec.html),
 * which Apollo Router's demand control reads too.
 */
export interface ListSize {
  /** Items when no slicing argument is given. */
  assumedSize?: number;
  /** Arguments whose value is the number of items, e.g. `first`. */
  slicingArguments: readonly string[];
  /** Fields of the returned object that hold those items, e.g. a connection's `edges`. */
  sizedFields: readonly string[];
}

/** What a supergraph declares about cost, with the IBM cost spec's directives. */
export interface CostDeclarations {
  /** `@listSize`, by `Type.field`. */
  listSizes: ReadonlyMap<string, ListSize>;
  /** `@cost(weight:)`, by `Type.field` (what the field costs instead of its type's cost) or by `Type` (what each value of it costs). */
  weights: ReadonlyMap<string, number>;
}

export const noCostDeclarations: CostDeclarations = { listSizes: new Map(), weights: new Map() };

const costSpec = 'https://specs.apollo.dev/cost/';

/**
 * Reads the `@listSize` and `@cost` declarations of a supergraph
 * (composition keeps them; the API schema the gateway executes against does
 * not), under the names the supergraph's `@link` to the cost spec gives them.
 */
export function costDeclarationsFromSupergraph(supergraphSdl: string): CostDeclarations {
  const document = parse(supergraphSdl);
  const names = costDirectiveNames(document);
  const listSizes = new Map<string, ListSize>();
  const weights = new Map<string, number>();
  const weightOf = (directives: readonly DirectiveNode[] | undefined) => {
    const value = directives
      ?.find((directive) => directive.name.value === names.cost)
      ?.arguments?.find((argument) => argument.name.value === 'weight')?.value;
    return value?.kind === Kind.INT ? Number(value.value) : undefined;
  };
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const typeWeight = weightOf(definition.directives);
    if (typeWeight !== undefined) weights.set(definition.name.value, typeWeight);
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    )
      continue;
    for (const field of definition.fields ?? []) {
      const key = `${definition.name.value}.${field.name.value}`;
      const fieldWeight = weightOf(field.directives);
      if (fieldWeight !== undefined) weights.set(key, fieldWeight);
      const directive = field.directives?.find((candidate) => candidate.name.value === names.listSize);
      if (!directive) continue;
      const argument = (name: string) => directive.arguments?.find((candidate) => candidate.name.value === name)?.value;
      const strings = (value: ValueNode | undefined) =>
        value?.kind === Kind.LIST ? value.values.flatMap((item) => (item.kind === Kind.STRING ? [item.value] : [])) : [];
      const assumed = argument('assumedSize');
      listSizes.set(key, {
        ...(assumed?.kind === Kind.INT ? { assumedSize: Number(assumed.value) } : {}),
        slicingArguments: strings(argument('slicingArguments')),
        sizedFields: strings(argument('sizedFields')),
      });
    }
  }
  return { listSizes, weights };
}

/** `@link(url: ".../cost/v0.1", as:, import:)`: imported names as given, the rest as `cost__name` (or the `as` prefix). */
function costDirectiveNames(document: DocumentNode): { cost: string; listSize: string } {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      const argument = (name: string) => link.arguments?.find((candidate) => candidate.name.value === name)?.value;
      const url = argument('url');
      if (link.name.value !== 'link' || url?.kind !== Kind.STRING || !url.value.startsWith(costSpec)) continue;
      const as = argument('as');
      const prefix = as?.kind === Kind.STRING ? as.value : 'cost';
      const imports = new Map<string, string>();
      const imported = argument('import');
      for (const item of imported?.kind === Kind.LIST ? imported.values : []) {
        if (item.kind === Kind.STRING) imports.set(item.value, item.value);
        if (item.kind === Kind.OBJECT) {
          const field = (name: string) => item.fields.find((candidate) => candidate.name.value === name)?.value;
          const name = field('name');
          const alias = field('as');
          if (name?.kind === Kind.STRING) imports.set(name.value, alias?.kind === Kind.STRING ? alias.value : name.value);
        }
      }
      const nameOf = (directive: string) => imports.get(`@${directive}`)?.slice(1) ?? `${prefix}__${directive}`;
      return { cost: nameOf('cost'), listSize: nameOf('listSize') };
    }
  }
  return { cost: 'cost', listSize: 'listSize' };
}

/** What one selection set (and everything below it) adds up to. */
export interface Measure {
  cost: number;
  depth: number;
  aliases: number;
}

const refuse = (code: MistakeCode, message: string, limit: number) => requestError(code, message, { limit });

const nothing: Measure = { cost: 0, depth: 0, aliases: 0 };

/**
 * A field's arguments as execution will see them. Validation lets a
 * nullable variable with a default stand where null is not allowed; given
 * as null, it is the client's mistake, which graphql-js reports without a
 * code (a 500 if left alone).
 */
function argumentValuesOf(
  field: GraphQLField<unknown, unknown>,
  selection: FieldNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  try {
    return getArgumentValues(field, selection, variables);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw new GraphQLError(
      `${error.message} A variable given as null overrides its default: give it a value, or leave it out of "variables" to use the default.`,
      { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: httpStatusOf('BAD_USER_INPUT') } } },
    );
  }
}

/**
 * Measures an operation in one pass, and refuses a slicing argument outside
 * 0..maxPageSize. The cost counts objects, as the IBM cost specification and
 * Apollo Router do by default: each object a field can return costs 1,
 * scalars and enums 0, and a list multiplies what it holds by its size:
 * the value of its slicing argument, else its declared `assumedSize`, else
 * `defaultPageSize` (paged lists) or `assumedListSize`. Argument values are
 * coerced as execution will coerce them (literals, variables, variable and
 * argument defaults alike); `@include`/`@skip` are ignored, so the cost is
 * an upper bound. Fragments are measured once per place they can be sized
 * and reused wherever they are spread, so a document built to explode
 * (fragments that spread fragments many times over) costs a linear walk to
 * refuse.
 */
export function measureOperation(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  rootType: GraphQLCompositeType,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  limits: OperationLimits,
  declarations: CostDeclarations = noCostDeclarations,
): Measure {
  const fragmentMeasures = new Map<string, Measure>();

  /** `sized` holds the sizes a parent field's `@listSize(sizedFields:)` gives fields of this set. */
  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, sized: ReadonlyMap<string, number>): Measure => {
    const total: Measure = { cost: 0, depth: 0, aliases: 0 };
    const add = (part: Measure) => {
      total.cost += part.cost;
      total.aliases += part.aliases;
      total.depth = Math.max(total.depth, part.depth);
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const key = `${name} ${JSON.stringify([...sized])}`;
        let measure = fragmentMeasures.get(key);
        if (!measure) {
          const fragment = fragments[name];
          const type = fragment && schema.getType(fragment.typeCondition.name.value);
          measure = fragment && type && isCompositeType(type) ? walk(fragment.selectionSet, type, sized) : nothing;
          fragmentMeasures.set(key, measure);
        }
        add(measure);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        add(walk(selection.selectionSet, type && isCompositeType(type) ? type : parent, sized));
      } else {
        const aliases = selection.alias ? 1 : 0;
        const field = 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
        if (!field) {
          add({ cost: 0, depth: 1, aliases }); // __typename and other meta fields
          continue;
        }
        const declared = declarations.listSizes.get(`${parent.name}.${field.name}`);
        const argumentValues = argumentValuesOf(field, selection, variables);
        const slicing = new Set(declared?.slicingArguments ?? []);
        if (field.args.some((argument) => argument.name === 'first')) slicing.add('first');
        const slices: number[] = [];
        for (const name of slicing) {
          const value = argumentValues[name];
          if (typeof value !== 'number') continue;
          if (value < 0 || value > limits.maxPageSize) {
            throw refuse(
              'PAGE_SIZE_EXCEEDED',
              `\`${name}\` must be between 0 and ${limits.maxPageSize}; it was ${value} on ${selection.name.value}. Page through larger lists with \`after\`.`,
              limits.maxPageSize,
            );
          }
          slices.push(value);
        }
        const size = slices.length
          ? Math.max(...slices)
          : (declared?.assumedSize ?? (slicing.size ? limits.defaultPageSize : limits.assumedListSize));
        const named = getNamedType(field.type);
        // Without a declaration, a paged object is taken for a Relay connection.
        const sizedFields =
          declared?.sizedFields ??
          (slicing.size && !isList(field.type) && 'getFields' in named && named.getFields().edges ? ['edges'] : []);
        // A field sized by its parent (a connection's edges), a list, or one object.
        const items = sized.get(field.name) ?? (isList(field.type) && !sizedFields.length ? size : 1);
        const below =
          selection.selectionSet && isCompositeType(named)
            ? walk(selection.selectionSet, named, new Map(sizedFields.map((name) => [name, size])))
            : nothing;
        const own =
          declarations.weights.get(`${parent.name}.${field.name}`) ??
          declarations.weights.get(named.name) ??
          (isCompositeType(named) ? 1 : 0);
        total.cost += items * (own + below.cost);
        total.aliases += aliases + below.aliases;
        total.depth = Math.max(total.depth, 1 + below.depth);
      }
    }
    return total;
  };
  const measure = walk(selectionSet, rootType, new Map());
  // A mutation's base cost, as in Apollo Router's demand control.
  if (rootType === schema.getMutationType()) measure.cost += 10;
  return measure;
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * Refuses, before any subgraph is called, an operation that nests too deep,
 * aliases too much, asks for too large a page or could cost too much.
 */
export function useOperationLimits(
  limits: OperationLimits = defaultOperationLimits,
  declarations: () => CostDeclarations = () => noCostDeclarations,
): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request }) {
          if (!operation) return;
          const rootType =
            operation.operation === 'mutation'
              ? schema.getMutationType()
              : operation.operation === 'subscription'
                ? schema.getSubscriptionType()
                : schema.getQueryType();
          if (!rootType) return;
          const fragments = Object.fromEntries(
            document.definitions
              .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
              .map((fragment) => [fragment.name.value, fragment]),
          );
          // Coerced as execution will coerce them, defaults included, so no way of passing a value counts differently.
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 });
          if (variables.errors) throw requestError('BAD_USER_INPUT', variables.errors[0]!.message);
          const measure = measureOperation(schema, operation.selectionSet, rootType, fragments, variables.coerced, limits, declarations());
          if (measure.depth > limits.maxDepth)
            throw refuse(
              'OPERATION_TOO_DEEP',
              `The operation nests ${measure.depth} levels deep; at most ${limits.maxDepth} are allowed.`,
              limits.maxDepth,
            );
          if (measure.aliases > limits.maxAliases)
            throw refuse(
              'TOO_MANY_ALIASES',
              `The operation uses ${measure.aliases} aliases; at most ${limits.maxAliases} are allowed.`,
              limits.maxAliases,
            );
          if (measure.cost > limits.maxCost) {
            throw refuse(
              'OPERATION_TOO_COSTLY',
              `The operation could cost ${measure.cost}; at most ${limits.maxCost} is allowed. Ask for smaller pages or fewer nested lists.`,
              limits.maxCost,
            );
          }
        },
      };
    },
  };
}
