import type { ApolloServerPlugin } from '@apollo/server';
import type { ErrorCode } from '@nlai/errors';
import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
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
  /** Largest `first` of any list. Default: 100. */
  maxPageSize: number;
  /**
   * Highest estimated cost: each field costs 1, and what is below a list
   * counts once per item it may return (`first`, else `defaultPageSize` for
   * connections and `assumedListSize` for plain lists). Default: 100000,
   * about 10,000 nodes of a few fields each.
   */
  maxCost: number;
  /** Items assumed for a connection without `first`. Default: 20 (the subgraphs' default page). */
  defaultPageSize: number;
  /** Items assumed for a plain list field. Default: 10. */
  assumedListSize: number;
}

export const defaultOperationLimits: OperationLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxPageSize: 100,
  maxCost: 100_000,
  defaultPageSize: 20,
  assumedListSize: 10,
};

/** What one selection set (and everything below it) adds up to. */
interface Measure {
  cost: number;
  depth: number;
  aliases: number;
}

const refuse = (code: ErrorCode, message: string, limit: number) =>
  new GraphQLError(message, { extensions: { code, limit, http: { status: 400 } } });

/**
 * Measures an operation in one pass. Fragments are measured once and reused
 * wherever they are spread, so a document built to explode (fragments that
 * spread fragments many times over) costs a linear walk to refuse.
 */
export function measureOperation(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  rootType: GraphQLCompositeType,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  limits: OperationLimits,
): Measure {
  const fragmentMeasures = new Map<string, Measure>();

  const intValue = (node: ValueNode | undefined): number | undefined => {
    if (!node) return undefined;
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) {
      const value = variables[node.name.value];
      return typeof value === 'number' ? value : undefined;
    }
    return undefined;
  };

  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType): Measure => {
    const total: Measure = { cost: 0, depth: 0, aliases: 0 };
    const add = (part: Measure, times = 1) => {
      total.cost += part.cost * times;
      total.aliases += part.aliases * times;
      total.depth = Math.max(total.depth, part.depth);
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        let measure = fragmentMeasures.get(name);
        if (!measure) {
          const fragment = fragments[name];
          const type = fragment && schema.getType(fragment.typeCondition.name.value);
          measure = fragment && type && isCompositeType(type) ? walk(fragment.selectionSet, type) : { cost: 0, depth: 0, aliases: 0 };
          fragmentMeasures.set(name, measure);
        }
        add(measure);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        add(walk(selection.selectionSet, type && isCompositeType(type) ? type : parent));
      } else {
        const aliases = selection.alias ? 1 : 0;
        if (selection.name.value.startsWith('__')) {
          add({ cost: 0, depth: 1, aliases });
          continue;
        }
        const field = 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
        const first = intValue(selection.arguments?.find((argument) => argument.name.value === 'first')?.value);
        if (first !== undefined && (first < 0 || first > limits.maxPageSize)) {
          throw refuse('PAGE_SIZE_EXCEEDED', `\`first\` must be between 0 and ${limits.maxPageSize}; it was ${first} on ${selection.name.value}. Page through larger lists with \`after\`.`, limits.maxPageSize);
        }
        let items = 1;
        if (field) {
          const named = getNamedType(field.type);
          if (named.name.endsWith('Connection')) items = first ?? limits.defaultPageSize;
          // A connection's edges are the page its field already counted.
          else if (isList(field.type) && !parent.name.endsWith('Connection')) items = first ?? limits.assumedListSize;
        }
        const below = selection.selectionSet && field && isCompositeType(getNamedType(field.type)) ? walk(selection.selectionSet, getNamedType(field.type) as GraphQLCompositeType) : { cost: 0, depth: 0, aliases: 0 };
        total.cost += 1 + Math.max(items, 1) * below.cost;
        total.aliases += aliases + below.aliases;
        total.depth = Math.max(total.depth, 1 + below.depth);
      }
    }
    return total;
  };
  return walk(selectionSet, rootType);
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * Refuses, before any subgraph is called, an operation that nests too deep,
 * aliases too much, asks for too large a page or could cost too much.
 */
export function useOperationLimits(limits: OperationLimits = defaultOperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request }) {
          if (!operation) return;
          const rootType = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
          if (!rootType) return;
          const fragments = Object.fromEntries(
            document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
          );
          const measure = measureOperation(schema, operation.selectionSet, rootType, fragments, request.variables ?? {}, limits);
          if (measure.depth > limits.maxDepth) throw refuse('OPERATION_TOO_DEEP', `The operation nests ${measure.depth} levels deep; at most ${limits.maxDepth} are allowed.`, limits.maxDepth);
          if (measure.aliases > limits.maxAliases) throw refuse('TOO_MANY_ALIASES', `The operation uses ${measure.aliases} aliases; at most ${limits.maxAliases} are allowed.`, limits.maxAliases);
          if (measure.cost > limits.maxCost) {
            throw refuse('OPERATION_TOO_COSTLY', `The operation could cost ${measure.cost}; at most ${limits.maxCost} is allowed. Ask for smaller pages or fewer nested lists.`, limits.maxCost);
          }
        },
      };
    },
  };
}
