import { hasScope, Scope, type AuthContext } from '@nlai/auth';
import type { TalentStats } from '../generated/resolvers-types';
import type { TalentFigures } from '../repositories';

/**
 * Which cells of a partition of a known total to hide (true = hidden). A
 * cell below the threshold is hidden; then, as long as only one cell is
 * hidden, or the hidden ones add up to less than the threshold, the
 * smallest shown cell is hidden too, so no hidden cell can be worked out by
 * subtracting the shown ones from the total.
 */
export function protectCells(counts: readonly number[], threshold: number): boolean[] {
  const hidden = counts.map((count) => count < threshold);
  const hiddenSum = () => counts.reduce((sum, count, index) => sum + (hidden[index] ? count : 0), 0);
  while (hidden.some(Boolean) && (hidden.filter(Boolean).length === 1 || hiddenSum() < threshold) && hidden.some((isHidden) => !isHidden)) {
    let smallest = -1;
    counts.forEach((count, index) => {
      if (!hidden[index] && (smallest === -1 || count < counts[smallest]!)) smallest = index;
    });
    hidden[smallest] = true;
  }
  return hidden;
}

/**
 * Exact figures for a caller with talent:read. For anyone else the total is
 * public and every other figure is hidden where it could point at fewer
 * than `threshold` people, directly or by subtraction: each partition of a
 * public total (stages; graduates who stayed or left; origins; placements by
 * sector; placements by organisation kind) is protected with protectCells.
 */
export function publishTalentStats(figures: TalentFigures, auth: AuthContext, threshold: number): TalentStats {
  const share = (international: number | null) => (international === null || figures.total === 0 ? null : international / figures.total);
  if (hasScope(auth, Scope.TalentRead)) {
    return { ...figures, internationalShare: share(figures.international) };
  }
  const shown = (count: number, hidden: boolean | undefined) => (hidden ? null : count);

  const other = figures.total - figures.phdCandidates - figures.graduated;
  const [phdHidden, graduatedHidden] = protectCells([figures.phdCandidates, figures.graduated, other], threshold);
  // Graduates who stayed, and the rest of the graduates: only worth protecting when the graduates are shown.
  const [retainedHidden] = graduatedHidden
    ? [true]
    : protectCells([figures.retainedInNetherlands, figures.graduated - figures.retainedInNetherlands], threshold);
  const [internationalHidden] = protectCells([figures.international, figures.total - figures.international], threshold);
  const sectorsHidden = protectCells(
    figures.placementsBySector.map((cell) => cell.placements),
    threshold,
  );
  const kindsHidden = protectCells(
    figures.placementsByOrganisationKind.map((cell) => cell.placements),
    threshold,
  );

  const international = shown(figures.international, internationalHidden);
  return {
    total: figures.total,
    phdCandidates: shown(figures.phdCandidates, phdHidden),
    graduated: shown(figures.graduated, graduatedHidden),
    retainedInNetherlands: shown(figures.retainedInNetherlands, retainedHidden),
    international,
    internationalShare: share(international),
    placementsBySector: figures.placementsBySector.map((cell, index) => ({
      sector: cell.sector,
      placements: shown(cell.placements, sectorsHidden[index]),
    })),
    placementsByOrganisationKind: figures.placementsByOrganisationKind.map((cell, index) => ({
      kind: cell.kind,
      placements: shown(cell.placements, kindsHidden[index]),
    })),
  };
}

/** Figures of several labs together (a city), from the figures of each. */
export function addFigures(parts: readonly TalentFigures[]): TalentFigures {
  const merge = <Key extends string, Cell extends Record<Key, string> & { placements: number }>(lists: Cell[][], key: Key): Cell[] => {
    const totals = new Map<string, Cell>();
    for (const cell of lists.flat()) {
      const existing = totals.get(cell[key]);
      totals.set(cell[key], existing ? { ...existing, placements: existing.placements + cell.placements } : { ...cell });
    }
    return [...totals.values()].sort((a, b) => b.placements - a.placements || a[key].localeCompare(b[key]));
  };
  return {
    total: parts.reduce((sum, part) => sum + part.total, 0),
    phdCandidates: parts.reduce((sum, part) => sum + part.phdCandidates, 0),
    graduated: parts.reduce((sum, part) => sum + part.graduated, 0),
    retainedInNetherlands: parts.reduce((sum, part) => sum + part.retainedInNetherlands, 0),
    international: parts.reduce((sum, part) => sum + part.international, 0),
    placementsBySector: merge(
      parts.map((part) => part.placementsBySector),
      'sector',
    ),
    placementsByOrganisationKind: merge(
      parts.map((part) => part.placementsByOrganisationKind),
      'kind',
    ),
  };
}
