import { graphql, runToExit, type TestGraph } from '@nlai/testing';
import { possibleTrueCounts } from '@nlai/human-capital/dist/services/cell-key';

/**
 * What an attacker may conclude from one published count: the true counts
 * that the published method (docs/privacy.md; Kerckhoffs: the method is
 * public, only the record keys are secret) can turn into that value.
 */
export const consistentWith = (published: number | null): number[] => possibleTrueCounts(published);

/** The true values of `a - b` consistent with the published values of a and b. */
export function consistentDifferences(publishedA: number | null, publishedB: number | null): number[] {
  const differences = new Set<number>();
  for (const a of consistentWith(publishedA)) for (const b of consistentWith(publishedB)) differences.add(a - b);
  return [...differences].sort((x, y) => x - y);
}

export const intersect = (a: number[], b: number[]) => a.filter((value) => b.includes(value));

/** The count fields of TalentStats, and its lists. */
export const statsFields = `total phdCandidates graduated retainedInNetherlands international internationalShare
  placementsBySector { sector placements } placementsByOrganisationKind { kind placements }`;

export interface Stats {
  total: number;
  phdCandidates: number | null;
  graduated: number | null;
  retainedInNetherlands: number | null;
  international: number | null;
  internationalShare: number | null;
  placementsBySector: Array<{ sector: string; placements: number | null }>;
  placementsByOrganisationKind: Array<{ kind: string; placements: number | null }>;
  release?: { id: string; publishedAt: string } | null;
}

export const countFields = ['total', 'phdCandidates', 'graduated', 'retainedInNetherlands', 'international'] as const;

/** Every count a Stats holds, by cell name. */
export function cellsOf(stats: Stats): Map<string, number | null> {
  const cells = new Map<string, number | null>(countFields.map((field) => [field, stats[field]]));
  for (const row of stats.placementsBySector) cells.set(`sector:${row.sector}`, row.placements);
  for (const row of stats.placementsByOrganisationKind) cells.set(`kind:${row.kind}`, row.placements);
  return cells;
}

/** Runs a query and fails on any error. */
export async function ask<Data>(graph: TestGraph, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Data> {
  const result = await graphql<Data>(graph.gateway.url, query, { variables, ...(token ? { token } : {}) });
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/** `npm run figures:release` against this graph's Human Capital database: a new release of the public figures. */
export async function publishRelease(graph: TestGraph): Promise<void> {
  const { code, output } = await runToExit(require.resolve('@nlai/human-capital/dist/figures-release-cli.js'), {
    HUMAN_CAPITAL_DATABASE_URL: graph.databases.humanCapital.url,
    HUMAN_CAPITAL_SQLITE_FILE: graph.databases.humanCapital.sqliteFile,
    SEED_SAMPLE_DATA: 'false',
  });
  expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('released') });
}
