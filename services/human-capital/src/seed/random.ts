/** A small deterministic PRNG (mulberry32): the same seed gives the same sample data. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  return {
    /** A number in [0, 1). */
    next,
    /** True with probability p. */
    chance: (p: number) => next() < p,
    /** A whole number in [min, max]. */
    between: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    /** An id such as `t-8k2m9q4x7w1c`, random-looking but reproducible. */
    id: (prefix: string) => `${prefix}-${Array.from({ length: 12 }, () => alphabet[Math.floor(next() * 32)]).join('')}`,
  };
}
