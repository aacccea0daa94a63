import { startGraph, type TestDialect, type TestGraph } from '@nlai/testing';

/**
 * Starts the whole graph for a describe block (before all its tests) and
 * stops it afterwards; the getter is valid inside tests.
 */
export function useGraph(dialect: TestDialect, env?: Record<string, string>): () => TestGraph {
  let graph: TestGraph | undefined;
  beforeAll(async () => {
    graph = await startGraph({ dialect, env });
  });
  afterAll(async () => {
    await graph?.stop();
  });
  return () => {
    if (!graph) throw new Error('the graph did not start');
    return graph;
  };
}
