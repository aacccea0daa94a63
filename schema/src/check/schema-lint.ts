import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
} from 'graphql';

/** One thing the linter would have different, at a schema coordinate such as `Lab.name`. */
export interface LintFinding {
  coordinate: string;
  rule: 'described' | 'type-name' | 'field-name' | 'enum-value-name' | 'mutation-name' | 'nullable-root-field';
  message: string;
}

/** Verbs a mutation ends with: the object comes first (`labCreate`), so related mutations sort together. */
export const mutationVerbs = [
  'Create',
  'Update',
  'Delete',
  'Remove',
  'Add',
  'End',
  'Register',
  'Record',
  'Archive',
  'Publish',
  'Close',
  'Open',
  'Set',
  'Start',
  'Stop',
  'Merge',
];

const pascalCase = /^[A-Z][A-Za-z0-9]*$/;
const camelCase = /^[a-z][A-Za-z0-9]*$/;
const upperCase = /^[A-Z][A-Z0-9_]*$/;
const leadingVerb = new RegExp(`^(${mutationVerbs.map((verb) => verb.toLowerCase()).join('|')})[A-Z]`);
const trailingVerb = new RegExp(`[a-z0-9](${mutationVerbs.join('|')})$`);

/**
 * Lints the public (API) schema: every type, field, input field and enum
 * value described; types PascalCase, fields and arguments camelCase, enum
 * values UPPER_CASE; mutations object-first (`labCreate`, not `createLab`);
 * every root field of Query and Mutation nullable, so that one failing part
 * (a subgraph down, a field refused) costs only that part of the answer.
 */
export function lintSchema(schema: GraphQLSchema): LintFinding[] {
  const findings: LintFinding[] = [];
  const described = (coordinate: string, description: string | null | undefined) => {
    if (!description?.trim()) findings.push({ coordinate, rule: 'described', message: `${coordinate} has no description.` });
  };
  const fieldName = (coordinate: string, name: string) => {
    if (!camelCase.test(name)) findings.push({ coordinate, rule: 'field-name', message: `${coordinate} is not camelCase.` });
  };
  const mutationType = schema.getMutationType();
  const rootTypes = [schema.getQueryType(), mutationType].filter(Boolean);

  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    described(type.name, type.description);
    if (!pascalCase.test(type.name))
      findings.push({ coordinate: type.name, rule: 'type-name', message: `${type.name} is not PascalCase.` });
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      const fields: Array<GraphQLField<unknown, unknown> | GraphQLInputField> = Object.values(type.getFields());
      for (const field of fields) {
        const coordinate = `${type.name}.${field.name}`;
        described(coordinate, field.description);
        fieldName(coordinate, field.name);
        for (const argument of 'args' in field ? field.args : []) fieldName(`${coordinate}(${argument.name}:)`, argument.name);
        if (rootTypes.includes(type as never) && 'args' in field && isNonNullType(field.type)) {
          findings.push({
            coordinate,
            rule: 'nullable-root-field',
            message: `${coordinate} is non-null (${String(field.type)}); make it ${String(field.type.ofType)}: a root field that fails would otherwise null the whole answer.`,
          });
        }
        if (type === mutationType && (leadingVerb.test(field.name) || !trailingVerb.test(field.name))) {
          findings.push({
            coordinate,
            rule: 'mutation-name',
            message: `${coordinate} should name its object first and end with a verb (${mutationVerbs.slice(0, 4).join(', ')}, …), e.g. labCreate.`,
          });
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        const coordinate = `${type.name}.${value.name}`;
        described(coordinate, value.description);
        if (!upperCase.test(value.name))
          findings.push({ coordinate, rule: 'enum-value-name', message: `${coordinate} is not UPPER_CASE.` });
      }
    }
  }
  return findings;
}
