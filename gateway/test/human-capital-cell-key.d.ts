// The published perturbation method of Human Capital's public figures (its dist ships no declarations): what tests, like any
// attacker, may know about it (docs/privacy.md).
declare module '@nlai/human-capital/dist/services/cell-key' {
  /** The true counts the method can publish as `published`. */
  export function possibleTrueCounts(published: number | null): number[];
}
