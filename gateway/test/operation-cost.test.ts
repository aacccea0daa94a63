import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  getVariableValues,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  typeFromAST,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import {
  costDeclarationsFromSupergraph,
  defaultOperationLimits as limits,
  measureOperation,
  type CostDeclarations,
} from '../src/operation-limits';
import { variablesFor } from '../src/warm-up';

const supergraphSdl = readFileSync(resolve(__dirname, '../../schema/supergraph.graphql'), 'utf8');
const operationsDirectory = resolve(__dirname, '../../schema/operations');

let schema: GraphQLSchema;
let declarations: CostDeclarations;
beforeAll(async () => {
  // The API schema exactly as the gateway serves it; no subgraph is called to load it.
  const gateway = new ApolloGateway({ supergraphSdl });
  schema = (await gateway.load()).schema;
  await gateway.stop();
  declarations = costDeclarationsFromSupergraph(supergraphSdl);
});

/**
 * The cost of an operation, as the gateway measures it. Required variables
 * get the warm-up's placeholders; `pages` sets every optional Int variable
 * (the saved operations' `$first`) to the largest page, else they are left
 * out and the subgraphs' default page applies.
 */
function costOf(document: string, pages?: 'largest'): number {
  const parsed = parse(document);
  const operation = parsed.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const given = variablesFor(document, schema);
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType;
    if (pages === 'largest' && !isNonNullType(type) && getNamedType(type).name === 'Int')
      given[definition.variable.name.value] = limits.maxPageSize;
  }
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], given);
  if (variables.errors) throw variables.errors[0];
  const root = operation.operation === 'mutation' ? schema.getMutationType()! : schema.getQueryType()!;
  return measureOperation(schema, operation.selectionSet, root, fragments, variables.coerced, limits, declarations).cost;
}

describe('what operations cost', () => {
  const savedOperations = readdirSync(operationsDirectory)
    .filter((file) => file.endsWith('.graphql'))
    .sort();

  it('every saved operation, with default pages and with pages of 100, stays within the limit (the numbers in docs/operations.md, "What each saved operation costs")', () => {
    const costs = Object.fromEntries(
      savedOperations.map((file) => [
        file,
        [
          costOf(readFileSync(join(operationsDirectory, file), 'utf8')),
          costOf(readFileSync(join(operationsDirectory, file), 'utf8'), 'largest'),
        ],
      ]),
    );
    expect(costs).toEqual({
      'courses-for-sector.graphql': [200, 200],
      'graduate-destinations.graphql': [1162, 5802],
      'insights-network.graphql': [1402, 1402],
      'insights-people.graphql': [202, 202],
      'lab-list.graphql': [62, 302],
      'lab-page.graphql': [24, 24],
      'lab-talent.graphql': [243, 1203],
      'network-map.graphql': [1150, 1150],
      'network-summary.graphql': [304, 304],
      'network-talent.graphql': [212, 212],
      'organisation-page.graphql': [81, 81],
      'partners-hiring-graduates.graphql': [41, 41],
      'register-talent.graphql': [23, 23],
      'retention-per-city.graphql': [100, 100],
      'vacancies-matching-lab.graphql': [21, 21],
    });
    for (const [low, high] of Object.values(costs)) expect(Math.max(low!, high!)).toBeLessThanOrEqual(limits.maxCost);
  });

  it.each([
    [
      'the lab page',
      'query LabPage($id: ID!) { lab(id: $id) { name status startYear themes location { city role region hub { city } } partners { role organisation { name kind rorId } } talentStats { total graduated retainedInNetherlands } } }',
      24,
    ],
    [
      'a page of labs',
      '{ labs(first: 10, filter: { status: ACTIVE, city: "Eindhoven" }) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }',
      22,
    ],
    [
      "where a lab's graduates went",
      '{ lab(id: "quva-lab") { name talent(first: 100, filter: { stage: GRADUATED }) { totalCount edges { node { id startYear endYear placements { country sector startYear organisation { name kind } } } } } } }',
      1202,
    ],
    ['network-wide figures', '{ talentStats { total graduated retainedInNetherlands } }', 1],
    ['courses for a sector', '{ courses(filter: { sector: "health" }) { title kind provider { name } } }', 200],
    [
      'creating a lab',
      'mutation { labCreate(input: { name: "Enschede energy AI lab", status: IN_DEVELOPMENT, city: "Enschede", themes: ["energy"], partners: [{ organisationId: "university-of-twente", role: KNOWLEDGE_PARTNER }] }) { lab { id name } userErrors { field code message } } }',
      22,
    ],
    [
      'the analysts\u2019 read: 50 labs, up to 100 people each, their placements and employers',
      '{ labs(first: 50) { edges { node { name talent(first: 100) { edges { node { id placements { country sector organisation { name kind } } } } } } } } }',
      60151,
    ],
  ])('lets %s through (README examples)', (_name, document, cost) => {
    expect(costOf(document)).toBe(cost);
    expect(cost).toBeLessThanOrEqual(limits.maxCost);
  });

  it.each([
    [
      '100 labs of 100 people with their employers',
      '{ labs(first: 100) { edges { node { name talent(first: 100) { edges { node { id placements { organisation { name } } } } } } } } }',
      120301,
    ],
    [
      'people of the labs of the employers of people of 100 labs',
      '{ labs(first: 100) { edges { node { talent(first: 100) { edges { node { placements { organisation { partnerships { lab { talent(first: 100) { edges { node { id } } } } } } } } } } } } } }',
      203120301,
    ],
  ])('refuses %s as too costly', (_name, document, cost) => {
    expect(costOf(document)).toBe(cost);
    expect(cost).toBeGreaterThan(limits.maxCost);
  });

  it('counts objects, not scalars: more fields of the same objects cost nothing more', () => {
    expect(costOf('{ labs(first: 50) { edges { node { id name status startYear themes } } } }')).toBe(
      costOf('{ labs(first: 50) { edges { node { id } } } }'),
    );
    expect(costOf('{ labs(first: 50) { edges { node { id } } } }')).toBe(1 + 50 * 2);
  });

  it('sizes every list of objects from a declaration in the supergraph', () => {
    const undeclared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isListType(getNullableType(field.type)) || !isObjectType(getNamedType(field.type))) continue;
        // A connection's edges are sized by each field that returns the connection.
        const sizedByParent = Object.values(schema.getTypeMap()).some(
          (parent) =>
            isObjectType(parent) &&
            Object.values(parent.getFields()).some(
              (candidate) =>
                getNamedType(candidate.type) === type &&
                declarations.listSizes.get(`${parent.name}.${candidate.name}`)?.sizedFields.includes(field.name),
            ),
        );
        if (!declarations.listSizes.has(`${type.name}.${field.name}`) && !sizedByParent) undeclared.push(`${type.name}.${field.name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });
});

describe('reading the cost spec directives', () => {
  // Imported under other names: the @link of the cost spec says which.
  const sdl = `schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/cost/v0.1", as: "price", import: [{ name: "@listSize", as: "@size" }]) { query: Query }
    directive @link(url: String, as: String, import: [link__Import]) repeatable on SCHEMA
    scalar link__Import
    directive @size(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
    directive @price__cost(weight: Int!) on FIELD_DEFINITION | OBJECT
    type Query {
      reports(first: Int): [Report!]! @size(slicingArguments: ["first"], requireOneSlicingArgument: false) @price__cost(weight: 5)
      archive: [Report!]! @size(assumedSize: 7)
      report: Report
    }
    type Report @price__cost(weight: 3) { id: ID! }`;
  const schema = buildSchema(sdl);
  const cost = (document: string) =>
    measureOperation(
      schema,
      (parse(document).definitions[0] as OperationDefinitionNode).selectionSet,
      schema.getQueryType()!,
      {},
      {},
      limits,
      costDeclarationsFromSupergraph(sdl),
    ).cost;

  it('sizes lists by @listSize and weighs fields and types by @cost, under their imported names', () => {
    expect(cost('{ reports(first: 4) { id } }')).toBe(4 * 5);
    expect(cost('{ archive { id } }')).toBe(7 * 3);
    expect(cost('{ report { id } }')).toBe(3);
  });
});
