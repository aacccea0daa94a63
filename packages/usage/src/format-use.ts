import type { CoordinateUse } from './usage-store';

/** One use as a person reads it: `Lab.talentStats: client dashboard 1.4.0, last seen 2026-11-30 07:00 UTC, 1234 uses`. */
export function formatUse(use: CoordinateUse): string {
  const lastSeen = `${use.lastSeen.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${use.coordinate}: client ${use.client} ${use.version}, last seen ${lastSeen}, ${use.uses} ${use.uses === 1 ? 'use' : 'uses'}`;
}
