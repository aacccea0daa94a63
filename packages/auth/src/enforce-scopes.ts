import {
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { assertScope, type AuthContext } from './auth-context';

/**
 * Each subgraph declares `directive @requiresScope(scope: String!) on
 * FIELD_DEFINITION | OBJECT` and this module enforces it. Not federation's
 * `@requiresScopes`: @apollo/gateway refuses supergraphs that carry it (it
 * cannot enforce it), and enforcement belongs in the subgraph anyway.
 */
const directiveName = 'requiresScope';

/**
 * `directive @readableByWriter on FIELD_DEFINITION`, on a field of a
 * mutation's payload: the record it returns is the one this request wrote,
 * so its type's read scope is not asked here (the mutation's write scope
 * was). Only for records the input sent whole: on an update it would show
 * the stored fields the caller did not send. Everything inside the record keeps its own rules, so the writer
 * reaches no one else through it.
 */
const writerDirectiveName = 'readableByWriter';

function scopeOf(directives: readonly ConstDirectiveNode[] | undefined): string | undefined {
  const directive = directives?.find((candidate) => candidate.name.value === directiveName);
  const argument = directive?.arguments?.find((candidate) => candidate.name.value === 'scope');
  return argument?.value.kind === 'StringValue' ? argument.value.value : undefined;
}

function typeScope(type: GraphQLNamedType): string | undefined {
  if (!isObjectType(type)) return undefined;
  return scopeOf(type.astNode?.directives) ?? type.extensionASTNodes.map((node) => scopeOf(node.directives)).find(Boolean);
}

function readableByWriter(field: GraphQLField<unknown, unknown>): boolean {
  return field.astNode?.directives?.some((directive) => directive.name.value === writerDirectiveName) ?? false;
}

function fieldScopes(field: GraphQLField<unknown, unknown>): string[] {
  const scopes = [scopeOf(field.astNode?.directives), readableByWriter(field) ? undefined : typeScope(getNamedType(field.type))];
  return [...new Set(scopes.filter((scope): scope is string => scope !== undefined))];
}

type ContextWithAuth = { auth: AuthContext };

type ReferenceResolver = (reference: unknown, context: ContextWithAuth, info: unknown) => unknown;

/** @apollo/subgraph 2 keeps an entity's `__resolveReference` in the type's extensions (and reads it only from there). */
type SubgraphExtensions = { apollo?: { subgraph?: { resolveReference?: ReferenceResolver } } };

/** Replaces the reference resolver of an entity type with `wrap(resolver)`; false when the type has none. */
function wrapResolveReference(type: GraphQLObjectType, wrap: (resolveReference: ReferenceResolver) => ReferenceResolver): boolean {
  const extensions = type.extensions as SubgraphExtensions;
  const resolveReference = extensions.apollo?.subgraph?.resolveReference;
  if (!resolveReference) return false;
  type.extensions = {
    ...type.extensions,
    apollo: { ...extensions.apollo, subgraph: { ...extensions.apollo?.subgraph, resolveReference: wrap(resolveReference) } },
  };
  return true;
}

/**
 * Wraps, in place, every resolver guarded by `@requiresScope`: fields that
 * carry it, fields returning a type that carries it, and the entity reference
 * resolver of such a type (so `_entities` cannot bypass the rule). Returns
 * the names of the guarded fields, for tests and start-up logs.
 */
export function enforceScopes(schema: GraphQLSchema): string[] {
  assertWriterFieldsOnlyInPayloads(schema);
  const guarded: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const scopes = fieldScopes(field);
      if (scopes.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const what = `${type.name}.${field.name}`;
      field.resolve = (source, args, context: ContextWithAuth, info) => {
        for (const scope of scopes) assertScope(context.auth, scope, what);
        return resolve(source, args, context, info);
      };
      guarded.push(what);
    }
    const scope = typeScope(type);
    const wrapped =
      scope !== undefined &&
      wrapResolveReference(type, (resolveReference) => (reference, context, info) => {
        assertScope(context.auth, scope, type.name);
        return resolveReference(reference, context, info);
      });
    if (wrapped) guarded.push(`${type.name}.__resolveReference`);
  }
  return guarded;
}

/**
 * A `@readableByWriter` field may only sit on a type that nothing but
 * guarded mutations return: reached any other way, it would show a record
 * to a caller who did not write it.
 */
function assertWriterFieldsOnlyInPayloads(schema: GraphQLSchema): void {
  const mutationType = schema.getMutationType();
  const types = Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'),
  );
  for (const type of types) {
    for (const field of Object.values(type.getFields())) {
      if (!readableByWriter(field)) continue;
      for (const other of types) {
        for (const returning of Object.values(other.getFields())) {
          if (getNamedType(returning.type) !== type) continue;
          if (other === mutationType && scopeOf(returning.astNode?.directives) !== undefined) continue;
          throw new Error(
            `${type.name}.${field.name} is @${writerDirectiveName}, but ${type.name} is returned by ${other.name}.${returning.name}; only mutations that need a scope may return it.`,
          );
        }
      }
    }
  }
}
