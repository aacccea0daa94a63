import { composeSupergraph, CompositionError } from '../src/compose-supergraph';
import type { SubgraphDefinition } from '../src/compose-supergraph';

const federationLink = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable"])';

function subgraph(name: string, body: string): SubgraphDefinition {
  return { name, routingUrl: `http://${name}.test/graphql`, sdl: `${federationLink}\n${body}` };
}

function compositionErrorOf(subgraphs: SubgraphDefinition[]): CompositionError {
  try {
    composeSupergraph(subgraphs);
  } catch (error) {
    if (error instanceof CompositionError) return error;
    throw error;
  }
  throw new Error('Expected composition to fail, but it succeeded.');
}

describe('composeSupergraph', () => {
  it('composes an entity spread over two subgraphs, with their routing URLs', () => {
    const { supergraphSdl } = composeSupergraph([
      subgraph('labs', 'type Query { lab(id: ID!): Lab }\ntype Lab @key(fields: "id") { id: ID! name: String! }'),
      subgraph('talent', 'type Query { talentCount: Int! }\ntype Lab @key(fields: "id") { id: ID! talentCount: Int }'),
    ]);
    expect(supergraphSdl).toContain('@join__graph(name: "labs", url: "http://labs.test/graphql")');
    expect(supergraphSdl).toContain('@join__graph(name: "talent", url: "http://talent.test/graphql")');
    expect(supergraphSdl).toMatch(/talentCount: Int @join__field\(graph: TALENT\)/);
  });

  it('keeps a subgraph-local directive such as @requiresScope out of the supergraph', () => {
    const { supergraphSdl } = composeSupergraph([
      subgraph(
        'labs',
        'directive @requiresScope(scope: String!) on FIELD_DEFINITION | OBJECT\ntype Query { secret: String @requiresScope(scope: "labs:read") }',
      ),
    ]);
    expect(supergraphSdl).toContain('secret: String');
    expect(supergraphSdl).not.toContain('requiresScope');
  });

  it('fails with FIELD_TYPE_MISMATCH, naming the field, when two subgraphs type a shared field differently', () => {
    const error = compositionErrorOf([
      subgraph('labs', 'type Query { labs: [Lab!]! }\ntype Lab @key(fields: "id") { id: ID! startYear: Int @shareable }'),
      subgraph('talent', 'type Query { talentCount: Int! }\ntype Lab @key(fields: "id") { id: ID! startYear: String @shareable }'),
    ]);
    expect(error.errors.map((graphqlError) => graphqlError.extensions.code)).toContain('FIELD_TYPE_MISMATCH');
    expect(error.message).toMatch(/^Composition of the supergraph failed with \d+ errors?:/);
    expect(error.message).toContain('[FIELD_TYPE_MISMATCH]');
    expect(error.message).toContain('Lab.startYear');
  });

  it('lists every error, not only the first', () => {
    const error = compositionErrorOf([
      subgraph('labs', 'type Query { labs: [Lab!]! }\ntype Lab @key(fields: "id") { id: ID! name: String startYear: Int }'),
      subgraph('talent', 'type Query { talentCount: Int! }\ntype Lab @key(fields: "id") { id: ID! name: String startYear: Int }'),
    ]);
    expect(error.errors.length).toBeGreaterThanOrEqual(2);
    expect(error.message).toContain('Lab.name');
    expect(error.message).toContain('Lab.startYear');
    for (const graphqlError of error.errors) expect(error.message).toContain(graphqlError.message);
  });

  it('names the subgraph whose SDL does not parse', () => {
    const error = compositionErrorOf([
      subgraph('labs', 'type Query { labs: [Lab!]! }'),
      subgraph('talent', 'type Query { talentCount: Int! '),
    ]);
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]?.extensions.code).toBe('INVALID_GRAPHQL');
    expect(error.message).toContain('[talent] Syntax Error');
  });
});
