/** The scopes a token can carry, space-separated in its `scope` claim. */
export const Scope = {
  /** Person-level talent data: talents, talent, Lab.talent, Organisation.placements. */
  TalentRead: 'talent:read',
  /** Writes to the Research & Innovation subgraph (labs, organisations, partnerships). */
  ResearchInnovationWrite: 'research-innovation:write',
  /** Writes to the Human Capital subgraph (talent, placements). */
  HumanCapitalWrite: 'human-capital:write',
} as const;

export type KnownScope = (typeof Scope)[keyof typeof Scope];
