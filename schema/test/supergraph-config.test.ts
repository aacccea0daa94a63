import path from 'node:path';
import { parseSupergraphConfig } from '../src/supergraph-config';

describe('parseSupergraphConfig', () => {
  it('reads each subgraph with its routing URL and resolves its schema file against the config directory', () => {
    const yaml = `
subgraphs:
  research-innovation:
    routing_url: http://localhost:4001/graphql
    schema:
      file: ../services/research-innovation/src/schema.graphql
`;
    expect(parseSupergraphConfig(yaml, '/repo/schema')).toEqual([
      {
        name: 'research-innovation',
        routingUrl: 'http://localhost:4001/graphql',
        schemaFile: path.resolve('/repo/services/research-innovation/src/schema.graphql'),
      },
    ]);
  });

  it('reports every problem at once', () => {
    const yaml = `
subgraphs:
  research-innovation:
    schema:
      file: a.graphql
  human-capital:
    routing_url: http://localhost:4002/graphql
    schema:
      subgraph_url: http://localhost:4002/graphql
`;
    expect(() => parseSupergraphConfig(yaml, '/repo/schema')).toThrow(
      [
        'The supergraph config is invalid:',
        '  - subgraphs.research-innovation.routing_url must be a URL.',
        "  - subgraphs.human-capital.schema.file must be the path of the subgraph's SDL file.",
      ].join('\n'),
    );
  });

  it('rejects a config without subgraphs', () => {
    expect(() => parseSupergraphConfig('federation_version: =2.14.4\n', '/repo/schema')).toThrow('must have a `subgraphs` map');
  });
});
