import { buildSchema, getOperationAST, parse } from 'graphql';
import { coordinatesWithVariables, operationCoordinates } from '../src/schema-coordinates';

const schema = buildSchema(`
  type Query {
    labs(first: Int, filter: LabFilter, orderBy: LabOrder): [Lab!]!
    lab(id: ID!): Lab
    node(id: ID!): Node
  }
  interface Node { id: ID! }
  type Lab implements Node { id: ID! name: String! status: LabStatus! city: City talentStats(year: Int): Stats }
  type City implements Node { id: ID! name: String! }
  type Stats { phdCandidates: Int! }
  enum LabStatus { ACTIVE IN_DEVELOPMENT ENDED }
  enum Direction { ASC DESC }
  input LabFilter { status: [LabStatus!] city: String near: Place }
  input Place { city: String radiusKm: Int }
  input LabOrder { field: String! direction: Direction = ASC }
`);

/** The coordinates one run of the document's operation uses. */
function used(document: string, variables?: Record<string, unknown>, operationName?: string): string[] {
  const parsed = parse(document);
  const operation = getOperationAST(parsed, operationName)!;
  return [...coordinatesWithVariables(operationCoordinates(schema, parsed, operation), variables)].sort();
}

describe('the schema coordinates an operation uses', () => {
  it('names fields by the type they are selected on, with their arguments, whatever the alias', () => {
    expect(used('{ first: labs(first: 2) { id title: name } other: lab(id: "x") { name } }')).toEqual([
      'Lab.id',
      'Lab.name',
      'Query.lab',
      'Query.lab(id:)',
      'Query.labs',
      'Query.labs(first:)',
    ]);
  });

  it('follows named fragments, fragments in fragments and inline fragments on abstract types', () => {
    expect(
      used(`
        query Page { node(id: "1") { ...NodeParts ... on City { name } } }
        fragment NodeParts on Node { id ...LabParts }
        fragment LabParts on Lab { talentStats(year: 2024) { phdCandidates } }
      `),
    ).toEqual([
      'City.name',
      'Lab.talentStats',
      'Lab.talentStats(year:)',
      'Node.id',
      'Query.node',
      'Query.node(id:)',
      'Stats.phdCandidates',
    ]);
  });

  it('counts only the operation that runs, not the other operations or fragments of the document', () => {
    expect(
      used(
        `query One { labs { id } }
         query Two { lab(id: "x") { ...Named } }
         fragment Named on Lab { name }`,
        undefined,
        'One',
      ),
    ).toEqual(['Lab.id', 'Query.labs']);
  });

  it('names input fields and enum values written in the document', () => {
    expect(
      used('{ labs(filter: { status: [ACTIVE], near: { city: "Delft" } }, orderBy: { field: "name", direction: DESC }) { id } }'),
    ).toEqual([
      'Direction.DESC',
      'Lab.id',
      'LabFilter.near',
      'LabFilter.status',
      'LabOrder.direction',
      'LabOrder.field',
      'LabStatus.ACTIVE',
      'Place.city',
      'Query.labs',
      'Query.labs(filter:)',
      'Query.labs(orderBy:)',
    ]);
  });

  it('names the input fields and enum values a variable carries, a single value standing for a list', () => {
    const document = 'query Find($filter: LabFilter, $order: LabOrder!) { labs(filter: $filter, orderBy: $order) { id } }';
    expect(used(document, { filter: { status: 'ENDED', near: { radiusKm: 5 } }, order: { field: 'name', direction: 'ASC' } })).toEqual([
      'Direction.ASC',
      'Lab.id',
      'LabFilter.near',
      'LabFilter.status',
      'LabOrder.direction',
      'LabOrder.field',
      'LabStatus.ENDED',
      'Place.radiusKm',
      'Query.labs',
      'Query.labs(filter:)',
      'Query.labs(orderBy:)',
    ]);
    // Another run of the same operation, other values: only what those name.
    expect(used(document, { order: { field: 'city' } })).toEqual([
      'Lab.id',
      'LabOrder.field',
      'Query.labs',
      'Query.labs(filter:)',
      'Query.labs(orderBy:)',
    ]);
  });

  it('names enum values a variable of enum type carries, and enum values of variable defaults', () => {
    const schemaWithEnumArgument = `query Statuses($status: [LabStatus!] = [IN_DEVELOPMENT]) { labs(filter: { status: $status }) { status } }`;
    expect(used(schemaWithEnumArgument, { status: ['ACTIVE', 'ENDED'] })).toEqual([
      'Lab.status',
      'LabFilter.status',
      'LabStatus.ACTIVE',
      'LabStatus.ENDED',
      'LabStatus.IN_DEVELOPMENT',
      'Query.labs',
      'Query.labs(filter:)',
    ]);
  });

  it('leaves out meta fields and directive arguments, which are not the graph schema', () => {
    expect(used('{ __typename labs { __typename id @include(if: true) } __schema { queryType { name } } }')).toEqual([
      'Lab.id',
      'Query.labs',
    ]);
  });
});
