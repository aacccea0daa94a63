import { resolve } from 'node:path';
import { authEnvironment, subgraphSecret, tokenKeyVariables, tokenOptionsFrom } from '@nlai/auth';
import { env, loadConfig, z } from '@nlai/config';
import { databaseUrlVariable } from '@nlai/database';
import { httpEnvironment, httpTimeoutsFrom } from '@nlai/http-server';
import { defaultSampleSeed } from './seed/sample-data';
import { releaseTimesVariable } from './services/figure-release-schedule';

const schema = z.object({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  HUMAN_CAPITAL_PORT: env.port(4002),
  HUMAN_CAPITAL_HOST: env.host('127.0.0.1'),
  /** Driver options in the URL's query: only the reviewed ones (ssl, connectTimeout). */
  HUMAN_CAPITAL_DATABASE_URL: databaseUrlVariable(),
  HUMAN_CAPITAL_SQLITE_FILE: z.string().default('.data/human-capital.sqlite'),
  /**
   * The graph's gateway, through which labs and organisations referenced by
   * writes are checked (the gateway alone holds the subgraphs' secrets).
   * Default: 127.0.0.1 on GATEWAY_PORT.
   */
  GATEWAY_URL: env.optionalHttpUrl(),
  GATEWAY_PORT: env.port(4000),
  /** How long that check may take, in ms. */
  REFERENCE_CHECK_TIMEOUT_MS: env.integer(5000, 100, 60_000),
  /** UTC times of day at which the public figures are released, e.g. "03:00,15:00"; "off" for none. */
  FIGURE_RELEASE_TIMES: releaseTimesVariable(),
  SEED_SAMPLE_DATA: env.optionalFlag(),
  /** Seed of the generated sample people: the same seed gives the same data. */
  SAMPLE_DATA_SEED: env.integer(defaultSampleSeed, 0, 2 ** 31 - 1),
  /** Seeds this many copies of the sample data (benchmarks); set the same on Research & Innovation. */
  SEED_SCALE: env.integer(1, 1, 1000),
  EXPOSE_SQL_STATEMENT_COUNT: env.flag(false),
  /** Shared with the gateway only; when set, only requests it signed are answered. */
  HUMAN_CAPITAL_SUBGRAPH_SECRET: subgraphSecret(),
  ...authEnvironment,
  ...httpEnvironment,
});

/** Everything this service reads from its environment, parsed once at boot. */
export type Config = ReturnType<typeof configFrom>;

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function configFrom(environment: Record<string, string | undefined>) {
  const parsed = loadConfig(schema, environment, { requiredInProduction: [tokenKeyVariables, 'HUMAN_CAPITAL_SUBGRAPH_SECRET'] });
  const production = parsed.NODE_ENV === 'production';
  return Object.freeze({
    production,
    logLevel: parsed.LOG_LEVEL,
    port: parsed.HUMAN_CAPITAL_PORT,
    host: parsed.HUMAN_CAPITAL_HOST,
    /** Deadlines for a client to send its request. */
    http: httpTimeoutsFrom(parsed),
    database: Object.freeze({
      url: parsed.HUMAN_CAPITAL_DATABASE_URL,
      sqliteFile: resolve(parsed.HUMAN_CAPITAL_SQLITE_FILE),
    }),
    referenceCheck: Object.freeze({
      url: parsed.GATEWAY_URL ?? `http://127.0.0.1:${parsed.GATEWAY_PORT}/graphql`,
      timeoutMs: parsed.REFERENCE_CHECK_TIMEOUT_MS,
    }),
    /** Minutes after midnight (UTC) of each scheduled release of the public figures. */
    figureReleaseTimes: Object.freeze(parsed.FIGURE_RELEASE_TIMES),
    seedSampleData: parsed.SEED_SAMPLE_DATA ?? !production,
    sampleDataSeed: parsed.SAMPLE_DATA_SEED,
    seedScale: parsed.SEED_SCALE,
    exposeStatementCount: parsed.EXPOSE_SQL_STATEMENT_COUNT,
    tokens: tokenOptionsFrom(parsed),
    gatewaySecret: parsed.HUMAN_CAPITAL_SUBGRAPH_SECRET,
  });
}

/** The config of this process, from its environment. */
export const readConfig = () => configFrom(process.env);
