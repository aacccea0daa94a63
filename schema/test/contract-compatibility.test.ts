import { checkContractCompatibility } from '../src/contract-compatibility';
import type { ContractViolation } from '../src/contract-compatibility';

const contract = `
type Query {
  labs(filter: LabFilter, first: Int, after: String): [Lab!]!
  lab(id: ID!): Lab
  search(term: String!): [SearchResult!]!
}
type Mutation {
  labCreate(input: LabCreateInput!): Lab
}
interface Node { id: ID! }
type Lab implements Node {
  id: ID!
  name: String!
  status: LabStatus!
  startYear: Int
  themes: [String!]!
  partners: [String]
}
type Person { id: ID! }
union SearchResult = Lab | Person
enum LabStatus { ACTIVE IN_DEVELOPMENT ENDED }
input LabFilter { status: LabStatus city: String }
input LabCreateInput { name: String! themes: [String!]! startYear: Int }
`;

/** The contract with `from` replaced by `to`, once; fails the test when `from` is not there. */
function changed(from: string, to: string): string {
  if (!contract.includes(from)) throw new Error(`The test contract has no "${from}".`);
  return contract.replace(from, to);
}

function violationsOf(schema: string): Pick<ContractViolation, 'code' | 'coordinate'>[] {
  return checkContractCompatibility(schema, contract).map(({ code, coordinate }) => ({ code, coordinate }));
}

describe('checkContractCompatibility', () => {
  describe('accepts', () => {
    it('the contract itself', () => {
      expect(checkContractCompatibility(contract, contract)).toEqual([]);
    });

    it('a superset: new types, fields, optional arguments, optional input fields, enum values and union members', () => {
      const superset = changed('lab(id: ID!): Lab', 'lab(id: ID!, asOf: Int, strict: Boolean! = false): Lab\n  locations: [String!]!')
        .replace('partners: [String]', 'partners: [String]\n  endYear: Int')
        .replace('enum LabStatus { ACTIVE', 'enum LabStatus { PLANNED ACTIVE')
        .replace('union SearchResult = Lab | Person', 'union SearchResult = Lab | Person | Course\ntype Course { id: ID! }')
        .replace(
          'input LabFilter { status: LabStatus city: String }',
          'input LabFilter { status: LabStatus city: String theme: String region: String! = "any" }',
        );
      expect(violationsOf(superset)).toEqual([]);
    });

    it('output fields made stricter, in the field and in list items', () => {
      expect(violationsOf(changed('startYear: Int\n', 'startYear: Int!\n').replace('partners: [String]', 'partners: [String!]!'))).toEqual(
        [],
      );
    });

    it('arguments and input fields made looser, in the value and in list items', () => {
      const looser = changed('lab(id: ID!)', 'lab(id: ID)').replace(
        'input LabCreateInput { name: String! themes: [String!]!',
        'input LabCreateInput { name: String themes: [String]',
      );
      expect(violationsOf(looser)).toEqual([]);
    });

    it('a required argument given a default', () => {
      expect(violationsOf(changed('lab(id: ID!)', 'lab(id: ID! = "quva-lab")'))).toEqual([]);
    });
  });

  describe('reports', () => {
    it('a removed field', () => {
      expect(violationsOf(changed('  name: String!\n', ''))).toEqual([{ code: 'FIELD_REMOVED', coordinate: 'Lab.name' }]);
    });

    it('a removed type', () => {
      expect(
        violationsOf(changed('type Person { id: ID! }', '').replace('union SearchResult = Lab | Person', 'union SearchResult = Lab')),
      ).toEqual([
        { code: 'TYPE_REMOVED', coordinate: 'Person' },
        { code: 'UNION_MEMBER_REMOVED', coordinate: 'SearchResult' },
      ]);
    });

    it('a removed enum value', () => {
      expect(violationsOf(changed('IN_DEVELOPMENT ', ''))).toEqual([
        { code: 'ENUM_VALUE_REMOVED', coordinate: 'LabStatus.IN_DEVELOPMENT' },
      ]);
    });

    it('a non-null output field made nullable', () => {
      expect(violationsOf(changed('name: String!', 'name: String'))).toEqual([{ code: 'FIELD_TYPE_CHANGED', coordinate: 'Lab.name' }]);
    });

    it('non-null list items made nullable', () => {
      expect(violationsOf(changed('themes: [String!]!', 'themes: [String]!'))).toEqual([
        { code: 'FIELD_TYPE_CHANGED', coordinate: 'Lab.themes' },
      ]);
    });

    it('a field whose named type changed', () => {
      expect(violationsOf(changed('startYear: Int\n', 'startYear: String\n'))).toEqual([
        { code: 'FIELD_TYPE_CHANGED', coordinate: 'Lab.startYear' },
      ]);
    });

    it('a nullable root field made non-null: the one place the schema may not be stricter, so one failing part never blanks the answer', () => {
      expect(
        violationsOf(
          changed('lab(id: ID!): Lab', 'lab(id: ID!): Lab!').replace(
            'labCreate(input: LabCreateInput!): Lab',
            'labCreate(input: LabCreateInput!): Lab!',
          ),
        ),
      ).toEqual([
        { code: 'ROOT_FIELD_MADE_NON_NULL', coordinate: 'Query.lab' },
        { code: 'ROOT_FIELD_MADE_NON_NULL', coordinate: 'Mutation.labCreate' },
      ]);
    });

    it('a list field made a single value', () => {
      expect(violationsOf(changed('partners: [String]', 'partners: String'))).toEqual([
        { code: 'FIELD_TYPE_CHANGED', coordinate: 'Lab.partners' },
      ]);
    });

    it('a new required argument', () => {
      expect(violationsOf(changed('lab(id: ID!)', 'lab(id: ID!, version: Int!)'))).toEqual([
        { code: 'REQUIRED_ARGUMENT_ADDED', coordinate: 'Query.lab(version:)' },
      ]);
    });

    it('an argument made required', () => {
      expect(violationsOf(changed('first: Int,', 'first: Int!,'))).toEqual([
        { code: 'ARGUMENT_MADE_REQUIRED', coordinate: 'Query.labs(first:)' },
      ]);
    });

    it('an argument whose named type changed', () => {
      expect(violationsOf(changed('after: String)', 'after: Int)'))).toEqual([
        { code: 'ARGUMENT_TYPE_CHANGED', coordinate: 'Query.labs(after:)' },
      ]);
    });

    it('a removed argument', () => {
      expect(violationsOf(changed('filter: LabFilter, ', ''))).toEqual([{ code: 'ARGUMENT_REMOVED', coordinate: 'Query.labs(filter:)' }]);
    });

    it('a removed input field', () => {
      expect(violationsOf(changed(' city: String }', ' }'))).toEqual([{ code: 'INPUT_FIELD_REMOVED', coordinate: 'LabFilter.city' }]);
    });

    it('a new required input field', () => {
      expect(violationsOf(changed('startYear: Int }', 'startYear: Int city: String! }'))).toEqual([
        { code: 'REQUIRED_INPUT_FIELD_ADDED', coordinate: 'LabCreateInput.city' },
      ]);
    });

    it('an input field made required', () => {
      expect(violationsOf(changed('startYear: Int }', 'startYear: Int! }'))).toEqual([
        { code: 'INPUT_FIELD_MADE_REQUIRED', coordinate: 'LabCreateInput.startYear' },
      ]);
    });

    it('stricter input list items', () => {
      expect(
        violationsOf(
          changed('input LabFilter { status: LabStatus city: String }', 'input LabFilter { status: LabStatus city: [String!] }'),
        ),
      ).toEqual([{ code: 'INPUT_FIELD_TYPE_CHANGED', coordinate: 'LabFilter.city' }]);
    });

    it('a type of another kind', () => {
      expect(
        violationsOf(
          changed(
            'input LabFilter { status: LabStatus city: String }',
            'type LabFilter { status: LabStatus city: String }\ninput LabFilterInput { status: LabStatus }',
          ).replace('filter: LabFilter,', 'filter: LabFilterInput,'),
        ),
      ).toEqual([
        { code: 'ARGUMENT_TYPE_CHANGED', coordinate: 'Query.labs(filter:)' },
        { code: 'TYPE_KIND_CHANGED', coordinate: 'LabFilter' },
      ]);
    });

    it('an interface no longer implemented', () => {
      expect(violationsOf(changed('type Lab implements Node {', 'type Lab {'))).toEqual([{ code: 'INTERFACE_REMOVED', coordinate: 'Lab' }]);
    });

    it('a root operation served by another type', () => {
      const renamed = changed('type Mutation {', 'schema { query: Query mutation: Mutations }\ntype Mutations {');
      expect(violationsOf(renamed)).toEqual([
        { code: 'ROOT_TYPE_CHANGED', coordinate: 'Mutation' },
        { code: 'TYPE_REMOVED', coordinate: 'Mutation' },
      ]);
    });

    it('every violation at once, each message naming its coordinate', () => {
      const violations = checkContractCompatibility(
        changed('  name: String!\n', '').replace('IN_DEVELOPMENT ', '').replace('first: Int,', 'first: Int!,'),
        contract,
      );
      expect(violations.map((violation) => violation.message)).toEqual([
        'Query.labs(first:): is required in the schema (Int!) but optional in the contract (Int).',
        'Lab.name: the field is missing.',
        'LabStatus.IN_DEVELOPMENT: the enum value is missing.',
      ]);
    });
  });
});
