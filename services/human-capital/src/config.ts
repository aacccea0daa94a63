import { resolve } from 'node:path';
import { authEnvironment, tokenOptionsFrom } from '@nlai/auth';
import { env, loadConfig, z } from '@nlai/config';
import { defaultSampleSeed } from './seed/sample-data';

const schema = z.object({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  HUMAN_CAPITAL_PORT: env.port(4002),
  HUMAN_CAPITAL_HOST: env.host('127.0.0.1'),
  HUMAN_CAPITAL_DATABASE_URL: env.databaseUrl(),
  HUMAN_CAPITAL_SQLITE_FILE: z.string().default('.data/human-capital.sqlite'),
  /** Where labs and organisations referenced by writes are checked; default: 127.0.0.1 on RESEARCH_INNOVATION_PORT. */
  RESEARCH_INNOVATION_URL: env.optionalHttpUrl(),
  RESEARCH_INNOVATION_PORT: env.port(4001),
  /** How long that check may take, in ms. */
  RESEARCH_INNOVATION_TIMEOUT_MS: env.integer(5000, 100, 60_000),
  /** Counts below this are null in public talent figures. */
  TALENT_STATS_THRESHOLD: env.integer(5, 1, 100),
  SEED_SAMPLE_DATA: env.optionalFlag(),
  /** Seed of the generated sample people: the same seed gives the same data. */
  SAMPLE_DATA_SEED: env.integer(defaultSampleSeed, 0, 2 ** 31 - 1),
  EXPOSE_SQL_STATEMENT_COUNT: env.flag(false),
  ...authEnvironment,
});

/** Everything this service reads from its environment, parsed once at boot. */
export type Config = ReturnType<typeof configFrom>;

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function configFrom(environment: Record<string, string | undefined>) {
  const parsed = loadConfig(schema, environment);
  const production = parsed.NODE_ENV === 'production';
  return Object.freeze({
    production,
    logLevel: parsed.LOG_LEVEL,
    port: parsed.HUMAN_CAPITAL_PORT,
    host: parsed.HUMAN_CAPITAL_HOST,
    database: Object.freeze({
      url: parsed.HUMAN_CAPITAL_DATABASE_URL,
      sqliteFile: resolve(parsed.HUMAN_CAPITAL_SQLITE_FILE),
    }),
    researchInnovation: Object.freeze({
      url: parsed.RESEARCH_INNOVATION_URL ?? `http://127.0.0.1:${parsed.RESEARCH_INNOVATION_PORT}/graphql`,
      timeoutMs: parsed.RESEARCH_INNOVATION_TIMEOUT_MS,
    }),
    talentStatsThreshold: parsed.TALENT_STATS_THRESHOLD,
    seedSampleData: parsed.SEED_SAMPLE_DATA ?? !production,
    sampleDataSeed: parsed.SAMPLE_DATA_SEED,
    exposeStatementCount: parsed.EXPOSE_SQL_STATEMENT_COUNT,
    tokens: tokenOptionsFrom(parsed),
  });
}

/** The config of this process, from its environment. */
export const readConfig = () => configFrom(process.env);
