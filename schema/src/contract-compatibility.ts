import { Supergraph } from '@apollo/federation-internals';
import {
  buildSchema,
  getNamedType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isIntrospectionType,
  isUnionType,
} from 'graphql';
import type {
  GraphQLArgument,
  GraphQLField,
  GraphQLInputField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLOutputType,
  GraphQLType,
} from 'graphql';

/** Every way the schema can break the contract, with a one-line meaning. */
export const contractViolationCatalogue = {
  TYPE_REMOVED: 'A type of the contract is missing from the schema.',
  TYPE_KIND_CHANGED: 'A type is of another kind than in the contract, e.g. an input object where the contract has an object type.',
  ROOT_TYPE_CHANGED: 'A root operation (query, mutation, subscription) is missing or served by another type.',
  FIELD_REMOVED: 'A field of an object or interface type of the contract is missing.',
  FIELD_TYPE_CHANGED: "An output field's type is neither the contract's type nor a stricter (more non-null) one.",
  ROOT_FIELD_MADE_NON_NULL:
    'A root field (of Query or Mutation) that is nullable in the contract is non-null, so its error would blank the whole answer.',
  INTERFACE_REMOVED: 'A type no longer implements an interface it implements in the contract.',
  UNION_MEMBER_REMOVED: 'A union no longer includes a member it includes in the contract.',
  ENUM_VALUE_REMOVED: 'An enum value of the contract is missing.',
  ARGUMENT_REMOVED: 'An argument of the contract is missing.',
  ARGUMENT_TYPE_CHANGED: "An argument's type is neither the contract's type nor a looser (more nullable) one.",
  ARGUMENT_MADE_REQUIRED: 'An argument that is optional in the contract is required: non-null without a default.',
  REQUIRED_ARGUMENT_ADDED: 'An argument that is not in the contract is required, so contract queries no longer validate.',
  INPUT_FIELD_REMOVED: 'An input field of the contract is missing.',
  INPUT_FIELD_TYPE_CHANGED: "An input field's type is neither the contract's type nor a looser (more nullable) one.",
  INPUT_FIELD_MADE_REQUIRED: 'An input field that is optional in the contract is required: non-null without a default.',
  REQUIRED_INPUT_FIELD_ADDED: 'An input field that is not in the contract is required, so contract inputs no longer validate.',
} as const;

/** A stable code from the contract violation catalogue. */
export type ContractViolationCode = keyof typeof contractViolationCatalogue;

/** One way in which the schema is not a compatible superset of the contract. */
export interface ContractViolation {
  code: ContractViolationCode;
  /** Schema coordinate of the element at fault: `Type`, `Type.field`, `Type.field(argument:)` or `Enum.VALUE`. */
  coordinate: string;
  /** What is wrong, for a person to read; starts with the coordinate. */
  message: string;
}

/**
 * The API schema clients see: the supergraph without its join and link
 * machinery, as a graphql-js schema.
 */
export function apiSchemaFromSupergraph(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/**
 * Checks that `schema` is a compatible superset of `contract` (both a
 * graphql-js schema or plain SDL): every type, field, argument, input field,
 * enum value, union member and interface of the contract exists with the
 * same kind; output fields keep their type or become stricter; arguments and
 * input fields keep their type or become looser; arguments and input fields
 * the contract does not have are optional. Directives and descriptions are
 * not compared. Returns every violation; none means compatible.
 */
export function checkContractCompatibility(schema: GraphQLSchema | string, contract: GraphQLSchema | string): ContractViolation[] {
  const actual = typeof schema === 'string' ? buildSchema(schema) : schema;
  const expected = typeof contract === 'string' ? buildSchema(contract) : contract;
  const violations: ContractViolation[] = [];
  const report = (code: ContractViolationCode, coordinate: string, problem: string): void => {
    violations.push({ code, coordinate, message: `${coordinate}: ${problem}` });
  };

  const rootTypes = [
    ['query', expected.getQueryType(), actual.getQueryType()],
    ['mutation', expected.getMutationType(), actual.getMutationType()],
    ['subscription', expected.getSubscriptionType(), actual.getSubscriptionType()],
  ] as const;
  for (const [operation, expectedRoot, actualRoot] of rootTypes) {
    if (expectedRoot && expectedRoot.name !== actualRoot?.name) {
      report(
        'ROOT_TYPE_CHANGED',
        expectedRoot.name,
        `the contract's ${operation} type is ${expectedRoot.name}; the schema's is ${actualRoot?.name ?? 'missing'}.`,
      );
    }
  }

  // The one place the schema may not be stricter: a non-null root field that fails nulls `data`, losing every other part.
  const rootNames = new Set(rootTypes.map(([, expectedRoot]) => expectedRoot?.name).filter(Boolean));

  for (const expectedType of Object.values(expected.getTypeMap())) {
    // Built-in scalars and introspection types are not the contract's to define.
    if (isIntrospectionType(expectedType) || isSpecifiedScalarType(expectedType)) continue;
    const actualType = actual.getType(expectedType.name);
    if (!actualType) {
      report('TYPE_REMOVED', expectedType.name, `the contract's ${kindOf(expectedType)} is missing.`);
      continue;
    }
    if (kindOf(expectedType) !== kindOf(actualType)) {
      report(
        'TYPE_KIND_CHANGED',
        expectedType.name,
        `is ${withArticle(kindOf(actualType))} in the schema but ${withArticle(kindOf(expectedType))} in the contract.`,
      );
      continue;
    }
    if ((isObjectType(expectedType) || isInterfaceType(expectedType)) && (isObjectType(actualType) || isInterfaceType(actualType))) {
      const actualInterfaces = new Set(actualType.getInterfaces().map((type) => type.name));
      for (const expectedInterface of expectedType.getInterfaces()) {
        if (!actualInterfaces.has(expectedInterface.name))
          report('INTERFACE_REMOVED', expectedType.name, `no longer implements ${expectedInterface.name}.`);
      }
      const actualFields = actualType.getFields();
      for (const expectedField of Object.values(expectedType.getFields())) {
        const actualField = actualFields[expectedField.name];
        const coordinate = `${expectedType.name}.${expectedField.name}`;
        if (!actualField) {
          report('FIELD_REMOVED', coordinate, 'the field is missing.');
          continue;
        }
        if (!isOutputTypeCompatible(expectedField.type, actualField.type)) {
          report(
            'FIELD_TYPE_CHANGED',
            coordinate,
            `is ${String(actualField.type)} in the schema but ${String(expectedField.type)} in the contract; an output field may only become stricter (non-null).`,
          );
        } else if (rootNames.has(expectedType.name) && isNonNullType(actualField.type) && !isNonNullType(expectedField.type)) {
          report(
            'ROOT_FIELD_MADE_NON_NULL',
            coordinate,
            `is ${String(actualField.type)} in the schema but ${String(expectedField.type)} in the contract; a root field stays nullable, so its failure costs only its own part of the answer.`,
          );
        }
        checkArguments(expectedField, actualField, coordinate, report);
      }
    } else if (isUnionType(expectedType) && isUnionType(actualType)) {
      const actualMembers = new Set(actualType.getTypes().map((type) => type.name));
      for (const member of expectedType.getTypes()) {
        if (!actualMembers.has(member.name)) report('UNION_MEMBER_REMOVED', expectedType.name, `no longer includes ${member.name}.`);
      }
    } else if (isEnumType(expectedType) && isEnumType(actualType)) {
      for (const value of expectedType.getValues()) {
        if (!actualType.getValue(value.name))
          report('ENUM_VALUE_REMOVED', `${expectedType.name}.${value.name}`, 'the enum value is missing.');
      }
    } else if (isInputObjectType(expectedType) && isInputObjectType(actualType)) {
      checkInputValues(
        Object.values(expectedType.getFields()),
        Object.values(actualType.getFields()),
        (name) => `${expectedType.name}.${name}`,
        {
          removed: 'INPUT_FIELD_REMOVED',
          typeChanged: 'INPUT_FIELD_TYPE_CHANGED',
          madeRequired: 'INPUT_FIELD_MADE_REQUIRED',
          requiredAdded: 'REQUIRED_INPUT_FIELD_ADDED',
        },
        'input field',
        report,
      );
    }
  }
  return violations;
}

type Report = (code: ContractViolationCode, coordinate: string, problem: string) => void;
type InputValue = GraphQLArgument | GraphQLInputField;

function checkArguments(
  expectedField: GraphQLField<unknown, unknown>,
  actualField: GraphQLField<unknown, unknown>,
  fieldCoordinate: string,
  report: Report,
): void {
  checkInputValues(
    expectedField.args,
    actualField.args,
    (name) => `${fieldCoordinate}(${name}:)`,
    {
      removed: 'ARGUMENT_REMOVED',
      typeChanged: 'ARGUMENT_TYPE_CHANGED',
      madeRequired: 'ARGUMENT_MADE_REQUIRED',
      requiredAdded: 'REQUIRED_ARGUMENT_ADDED',
    },
    'argument',
    report,
  );
}

// Arguments and input fields follow the same rules: what clients send must keep validating.
function checkInputValues(
  expectedValues: readonly InputValue[],
  actualValues: readonly InputValue[],
  coordinateOf: (name: string) => string,
  codes: {
    removed: ContractViolationCode;
    typeChanged: ContractViolationCode;
    madeRequired: ContractViolationCode;
    requiredAdded: ContractViolationCode;
  },
  label: 'argument' | 'input field',
  report: Report,
): void {
  const actualByName = new Map(actualValues.map((value) => [value.name, value]));
  const expectedNames = new Set(expectedValues.map((value) => value.name));
  for (const expectedValue of expectedValues) {
    const actualValue = actualByName.get(expectedValue.name);
    const coordinate = coordinateOf(expectedValue.name);
    if (!actualValue) {
      report(codes.removed, coordinate, `the ${label} is missing.`);
      continue;
    }
    const madeRequired = isRequired(actualValue) && !isRequired(expectedValue);
    const nullableActualType = isNonNullType(actualValue.type) ? actualValue.type.ofType : actualValue.type;
    if (madeRequired && isInputTypeCompatible(expectedValue.type, nullableActualType)) {
      report(
        codes.madeRequired,
        coordinate,
        `is required in the schema (${describeInputValue(actualValue)}) but optional in the contract (${describeInputValue(expectedValue)}).`,
      );
    } else if (!isInputTypeCompatible(expectedValue.type, actualValue.type)) {
      report(
        codes.typeChanged,
        coordinate,
        `is ${String(actualValue.type)} in the schema but ${String(expectedValue.type)} in the contract; an ${label} may only become looser (nullable).`,
      );
    }
  }
  for (const actualValue of actualValues) {
    if (expectedNames.has(actualValue.name) || !isRequired(actualValue)) continue;
    report(
      codes.requiredAdded,
      coordinateOf(actualValue.name),
      `the ${label} is not in the contract but required (${String(actualValue.type)} without a default); make it nullable or give it a default.`,
    );
  }
}

// Required: a client must send it. Non-null with a default is optional.
function isRequired(value: InputValue): boolean {
  return isNonNullType(value.type) && value.defaultValue === undefined;
}

function describeInputValue(value: InputValue): string {
  return value.defaultValue === undefined ? String(value.type) : `${String(value.type)} with a default`;
}

// Clients read the field as the contract types it: the schema may promise more (non-null), never less.
function isOutputTypeCompatible(expected: GraphQLOutputType, actual: GraphQLOutputType): boolean {
  if (isNonNullType(expected)) return isNonNullType(actual) && isOutputTypeCompatible(expected.ofType, actual.ofType);
  if (isNonNullType(actual)) return isOutputTypeCompatible(expected, actual.ofType);
  if (isListType(expected) || isListType(actual))
    return isListType(expected) && isListType(actual) && isOutputTypeCompatible(expected.ofType, actual.ofType);
  return sameNamedType(expected, actual);
}

// Clients send what the contract types: the schema may accept more (nullable), never less.
function isInputTypeCompatible(expected: GraphQLInputType, actual: GraphQLInputType): boolean {
  if (isNonNullType(actual)) return isNonNullType(expected) && isInputTypeCompatible(expected.ofType, actual.ofType);
  if (isNonNullType(expected)) return isInputTypeCompatible(expected.ofType, actual);
  if (isListType(expected) || isListType(actual))
    return isListType(expected) && isListType(actual) && isInputTypeCompatible(expected.ofType, actual.ofType);
  return sameNamedType(expected, actual);
}

function sameNamedType(expected: GraphQLType, actual: GraphQLType): boolean {
  return getNamedType(expected).name === getNamedType(actual).name;
}

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'object type';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isEnumType(type)) return 'enum';
  if (isInputObjectType(type)) return 'input object';
  if (isScalarType(type)) return 'scalar';
  return 'type';
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}
