import { resolve } from 'node:path';

const number = (name: string, fallback: number) => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number; it was "${value}".`);
  return parsed;
};

const atLeast = (minimum: number, name: string, value: number, why: string) => {
  if (value < minimum) throw new Error(`${name} must be at least ${minimum}: ${why}; it was ${value}.`);
  return value;
};

const smoke = process.env.BENCH_SMOKE === '1' || process.env.BENCH_SMOKE === 'true';

/** What the benchmark reads from its environment, once. A smoke run (CI) is short and writes beside the real results. */
export const benchConfig = Object.freeze({
  smoke,
  /** Seconds per autocannon run. */
  durationSeconds: number('BENCH_DURATION_SECONDS', smoke ? 1 : 10),
  /** A and B alternate this many times. */
  rounds: number('BENCH_ROUNDS', smoke ? 1 : 3),
  /** Rounds of the observing comparisons (tracing, field usage): their difference is small beside this machine's spread between runs. */
  featureRounds: number('BENCH_FEATURE_ROUNDS', smoke ? 1 : 5),
  /** Requests each target answers before it is measured (JIT and caches warm). */
  warmUpRequests: number('BENCH_WARM_UP_REQUESTS', smoke ? 200 : 2000),
  /** Pause before each run, so the previous one's garbage collection does not bleed into it. */
  settleMs: number('BENCH_SETTLE_MS', smoke ? 200 : 2000),
  /** Concurrent connections of each run. */
  connections: number('BENCH_CONNECTIONS', 16),
  /** The data-growth comparison's scale (goal d): SEED_SCALE of the larger dataset, which also serves the 50-lab page of goal c. */
  growthScale: atLeast(3, 'BENCH_GROWTH_SCALE', number('BENCH_GROWTH_SCALE', smoke ? 3 : 100), 'the 50-lab page needs 60 active labs'),
  /** Where the results go. */
  output: resolve(process.env.BENCH_OUTPUT ?? (smoke ? resolve(__dirname, '../smoke-results.md') : resolve(__dirname, '../RESULTS.md'))),
  /** MySQL when set (its server is used for throwaway databases); SQLite otherwise. */
  mysqlServer: process.env.RESEARCH_INNOVATION_DATABASE_URL || process.env.HUMAN_CAPITAL_DATABASE_URL || undefined,
  path: process.env.PATH,
});
