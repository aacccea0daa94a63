import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  typeFromAST,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * What one operation uses of the schema that does not depend on its
 * variables (fields, arguments, input fields and enum values written in the
 * document), and the input-typed variables whose values add more.
 */
export interface OperationCoordinates {
  /** Schema coordinates (`Type.field`, `Type.field(argument:)`, `Input.field`, `Enum.VALUE`), each once. */
  literal: ReadonlySet<string>;
  /** Variables whose type holds input objects or enums, with that type: their values name more coordinates. */
  variables: ReadonlyArray<{ name: string; type: GraphQLInputType }>;
}

/** The fragments an operation reaches, through spreads in spreads. */
function reachableFragments(document: DocumentNode, operation: OperationDefinitionNode): FragmentDefinitionNode[] {
  const byName = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) byName.set(definition.name.value, definition);
  const reached = new Map<string, FragmentDefinitionNode>();
  const pending: Array<OperationDefinitionNode | FragmentDefinitionNode> = [operation];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const fragment = byName.get(spread.name.value);
        if (fragment && !reached.has(spread.name.value)) {
          reached.set(spread.name.value, fragment);
          pending.push(fragment);
        }
      },
    });
  }
  return [...reached.values()];
}

/** Whether values of this type can name input fields or enum values. */
function namesCoordinates(type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  return isInputObjectType(named) || isEnumType(named);
}

/**
 * The coordinates one operation of a validated document uses, written in
 * the document: the operation itself and only the fragments it reaches (not
 * the other operations of the document). Meta fields (`__typename`,
 * introspection) are not the schema's and are left out.
 */
export function operationCoordinates(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): OperationCoordinates {
  const literal = new Set<string>();
  // Introspection (`__schema`, `__Type.name`) is GraphQL's own, not the graph's schema.
  const add = (type: string, member: string) => {
    if (!type.startsWith('__') && !member.startsWith('__')) literal.add(`${type}.${member}`);
  };
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      if (parent) add(parent.name, node.name.value);
    },
    Argument(node) {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      // Directive arguments (@include(if:)) have no field: they are not the graph's schema.
      if (parent && field && typeInfo.getDirective() === null) add(parent.name, `${field.name}(${node.name.value}:)`);
    },
    ObjectField(node) {
      const parent = typeInfo.getParentInputType();
      const named = parent && getNamedType(parent);
      if (named && isInputObjectType(named)) add(named.name, node.name.value);
    },
    EnumValue(node) {
      const type = typeInfo.getInputType();
      const named = type && getNamedType(type);
      if (named && isEnumType(named)) add(named.name, node.value);
    },
  });
  for (const definition of [operation, ...reachableFragments(document, operation)]) visit(definition, visitor);
  const variables = (operation.variableDefinitions ?? []).flatMap((definition) => {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    return type && namesCoordinates(type) ? [{ name: definition.variable.name.value, type }] : [];
  });
  return { literal, variables };
}

/** Adds the input fields and enum values a variable's value names, walking it by its type. */
export function addValueCoordinates(type: GraphQLInputType, value: unknown, into: Set<string>): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return addValueCoordinates(type.ofType, value, into);
  if (isListType(type)) {
    // A single value stands for a list of one (input coercion).
    for (const item of Array.isArray(value) ? value : [value]) addValueCoordinates(type.ofType, item, into);
    return;
  }
  if (isEnumType(type)) {
    if (typeof value === 'string' && type.getValue(value)) into.add(`${type.name}.${value}`);
    return;
  }
  if (isInputObjectType(type) && typeof value === 'object') {
    const fields = type.getFields();
    for (const [name, inner] of Object.entries(value)) {
      const field = fields[name];
      if (!field) continue;
      into.add(`${type.name}.${name}`);
      addValueCoordinates(field.type, inner, into);
    }
  }
}

/** Every coordinate one run of an operation uses: the literal ones and those its variables' values name. */
export function coordinatesWithVariables(
  coordinates: OperationCoordinates,
  variables: Record<string, unknown> | undefined,
): ReadonlySet<string> {
  // Most operations' variables are scalars: the literal set, shared, not copied.
  if (coordinates.variables.length === 0 || !variables) return coordinates.literal;
  const all = new Set(coordinates.literal);
  for (const variable of coordinates.variables) addValueCoordinates(variable.type, variables[variable.name], all);
  return all;
}
