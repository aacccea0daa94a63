import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { supergraphConfigPath } from '@nlai/schema/dist/paths';
import { graphSubgraphs } from '../src/graph-subgraphs';
import { startGraph } from '../src/graph';

describe('the subgraphs the test graph runs', () => {
  it('are the subgraphs schema/supergraph.yaml lists, in its order', () => {
    const listed = Object.keys((parse(readFileSync(supergraphConfigPath, 'utf8')) as { subgraphs: object }).subgraphs);
    expect(graphSubgraphs().map((subgraph) => subgraph.name)).toEqual(listed);
  });

  describe('with a third subgraph added to the config', () => {
    let directory: string;
    let config: string;
    beforeAll(() => {
      directory = mkdtempSync(join(tmpdir(), 'nlai-supergraph-config-'));
      config = join(directory, 'supergraph.yaml');
      const entry = (name: string, port: number) =>
        `  ${name}:\n    routing_url: http://localhost:${port}/graphql\n    schema:\n      file: ../services/${name}/src/schema.graphql\n`;
      writeFileSync(
        config,
        `subgraphs:\n${entry('research-innovation', 4001)}${entry('human-capital', 4002)}${entry('ai-skills-and-courses', 4003)}`,
      );
    });
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it('runs three, each with its variables’ prefix, camelCase key and package', () => {
      expect(graphSubgraphs(config)).toEqual([
        {
          name: 'research-innovation',
          key: 'researchInnovation',
          environmentPrefix: 'RESEARCH_INNOVATION',
          packageName: '@nlai/research-innovation',
        },
        { name: 'human-capital', key: 'humanCapital', environmentPrefix: 'HUMAN_CAPITAL', packageName: '@nlai/human-capital' },
        {
          name: 'ai-skills-and-courses',
          key: 'aiSkillsAndCourses',
          environmentPrefix: 'AI_SKILLS_AND_COURSES',
          packageName: '@nlai/ai-skills-and-courses',
        },
      ]);
    });

    it('starts the third one too: with no such package, the graph does not start and says which is missing', async () => {
      await expect(startGraph({ dialect: 'sqlite', supergraphConfig: config })).rejects.toThrow(
        'Cannot start @nlai/ai-skills-and-courses: it is not installed or not built',
      );
    });
  });
});
