import { hasScope, Scope, type AuthContext } from '@nlai/auth';
import type { TalentCounts } from '../repositories';

/** TalentStats as a caller may see them. */
export interface PublishedTalentStats {
  total: number;
  graduated: number | null;
  retainedInNetherlands: number | null;
}

/**
 * Exact figures for a caller with talent:read; for anyone else, a figure
 * below the threshold is null, since with a handful of PhD candidates per lab
 * a small count can point at one person. The total is always public.
 */
export function publishTalentStats(counts: TalentCounts, auth: AuthContext, threshold: number): PublishedTalentStats {
  if (hasScope(auth, Scope.TalentRead)) return { ...counts };
  const suppress = (count: number) => (count >= threshold ? count : null);
  return { total: counts.total, graduated: suppress(counts.graduated), retainedInNetherlands: suppress(counts.retainedInNetherlands) };
}
