import type { FigureRelease, PlacementOrganisationKind, TalentStats } from '../generated/resolvers-types';
import { cellKey, perturbedCount, recordKeyRange } from './cell-key';

/** One cell of a table: how many people (or placements) it counts, and the sum of their record keys modulo the key range. */
export interface FigureCell {
  count: number;
  keySum: number;
}

/**
 * The cells of one group (a lab, a city, the network) by name: `total`,
 * `phdCandidates`, `graduated`, `retainedInNetherlands`, `international`,
 * `sector:<sector>`, `kind:<kind>` (placements) and `hires:<organisation id>`
 * (graduates with a placement there).
 */
export type FigureCells = Map<string, FigureCell>;

/** How the figures of a request are published: exact and live (talent:read), or from a release, perturbed. */
export type Publication = { exact: true } | { exact: false; release: FigureRelease | null };

/** The cells of several groups' people together (a city from its labs, the network from all labs): counts and key sums add up. */
export function addCells(parts: readonly FigureCells[]): FigureCells {
  const sum: FigureCells = new Map();
  for (const part of parts) {
    for (const [name, cell] of part) {
      const existing = sum.get(name);
      sum.set(name, {
        count: (existing?.count ?? 0) + cell.count,
        keySum: ((existing?.keySum ?? 0) + cell.keySum) % recordKeyRange,
      });
    }
  }
  return sum;
}

/**
 * The value of each cell as published: its count with talent:read;
 * otherwise perturbed by the cell key method, so never 1 to 4.
 */
function publisher(cells: FigureCells, publication: Publication): (name: string) => number {
  const groupKeySum = cells.get('total')?.keySum ?? 0;
  return (name) => {
    const cell = cells.get(name);
    if (!cell) return 0;
    return publication.exact ? cell.count : perturbedCount(cell.count, cellKey(cell.keySum, groupKeySum));
  };
}

/** The cells whose name starts with `prefix`, published: only positive values, most first, then by name. */
function publishedList(cells: FigureCells, prefix: string, value: (name: string) => number): Array<{ name: string; value: number }> {
  return [...cells.keys()]
    .filter((name) => name.startsWith(prefix))
    .map((name) => ({ name: name.slice(prefix.length), value: value(name) }))
    .filter((row) => row.value > 0)
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
}

/** TalentStats of one group, exact or released: the only place either is made. */
export function talentStatsFrom(cells: FigureCells, publication: Publication): TalentStats {
  const value = publisher(cells, publication);
  const total = value('total');
  const international = value('international');
  return {
    total,
    phdCandidates: value('phdCandidates'),
    graduated: value('graduated'),
    retainedInNetherlands: value('retainedInNetherlands'),
    international,
    internationalShare: total > 0 ? international / total : null,
    placementsBySector: publishedList(cells, 'sector:', value).map((row) => ({ sector: row.name, placements: row.value })),
    placementsByOrganisationKind: publishedList(cells, 'kind:', value).map((row) => ({
      kind: row.name as PlacementOrganisationKind,
      placements: row.value,
    })),
    release: publication.exact ? null : publication.release,
  };
}

/** A lab's graduates at each of its partners, exact or released: only partners with a positive published count, most first, then by id. */
export function partnerHiresFrom(cells: FigureCells, partnerIds: readonly string[], publication: Publication) {
  const partners = new Set(partnerIds);
  const release = publication.exact ? null : publication.release;
  return publishedList(cells, 'hires:', publisher(cells, publication))
    .filter((row) => partners.has(row.name))
    .map((row) => ({ organisation: { id: row.name }, graduates: row.value, release }));
}
