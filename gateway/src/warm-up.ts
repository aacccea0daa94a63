import type { ApolloServer } from '@apollo/server';
import { anonymous } from '@nlai/auth';
import type { Logger } from '@nlai/http-server';
import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { GatewayContext } from './context';
import { readManifest, type Manifest } from './persisted-operations';

/** A value of the type that passes variable coercion: the plan does not depend on it, and nothing runs with it. */
function placeholder(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholder(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return Object.fromEntries(required.map((field) => [field.name, placeholder(field.type)]));
  }
  return { Int: 0, Float: 0, Boolean: false }[type.name] ?? '';
}

/** Placeholders for an operation's required variables. */
export function variablesFor(body: string, schema: GraphQLSchema): Record<string, unknown> {
  const operation = parse(body).definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
  );
  const variables: Record<string, unknown> = {};
  for (const definition of operation?.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (type && isNonNullType(type) && !definition.defaultValue) variables[definition.variable.name.value] = placeholder(type);
  }
  return variables;
}

/**
 * Plans every operation of the persisted-operations manifest once, at boot,
 * so that the first real request of each (sent by id, or as the manifest's
 * text, with or without its operation name) finds its query plan cached. Nothing reaches
 * a subgraph: the data sources answer a warm-up context's fetches with
 * nothing. Returns how many operations were planned.
 */
export async function warmQueryPlans(
  apollo: ApolloServer<GatewayContext>,
  schema: GraphQLSchema,
  manifestFile: string,
  logger: Logger,
): Promise<number> {
  let operations: Manifest['operations'];
  try {
    operations = readManifest(manifestFile).operations;
  } catch (error) {
    logger.warn({ err: error, manifestFile }, 'no saved operations to warm the query-plan cache with');
    return 0;
  }
  const started = performance.now();
  for (const operation of operations) {
    const variables = variablesFor(operation.body, schema);
    // Plans are cached per text and operation name: with the name, and without it (a request by id often leaves it out).
    for (const operationName of [operation.name, undefined]) {
      await apollo.executeOperation(
        { query: operation.body, operationName, variables },
        { contextValue: { auth: anonymous, authorization: undefined, requestId: `warm-up:${operation.name}`, warmUp: true } },
      );
    }
  }
  logger.info(
    { operations: operations.length, ms: Math.round(performance.now() - started) },
    `warmed the query-plan cache with ${operations.length} saved operations`,
  );
  return operations.length;
}
