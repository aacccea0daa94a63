import { resolve } from 'node:path';
import { authEnvironment, subgraphSecret, tokenKeyVariables, tokenOptionsFrom } from '@nlai/auth';
import { env, loadConfig, z } from '@nlai/config';
import { databaseUrlVariable } from '@nlai/database';
import { httpEnvironment, httpTimeoutsFrom } from '@nlai/http-server';

const schema = z.object({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  RESEARCH_INNOVATION_PORT: env.port(4001),
  RESEARCH_INNOVATION_HOST: env.host('127.0.0.1'),
  /** Driver options in the URL's query: only the reviewed ones (ssl, connectTimeout). */
  RESEARCH_INNOVATION_DATABASE_URL: databaseUrlVariable(),
  RESEARCH_INNOVATION_SQLITE_FILE: z.string().default('.data/research-innovation.sqlite'),
  /** Seeds the sample data into an empty database; default on outside production. */
  SEED_SAMPLE_DATA: env.optionalFlag(),
  /** Seeds this many copies of the sample network (benchmarks on more data); the same scale gives the same data. */
  SEED_SCALE: env.integer(1, 1, 1000),
  /** Adds `x-sql-statements` to responses, for tests and benchmarks. */
  EXPOSE_SQL_STATEMENT_COUNT: env.flag(false),
  /** Shared with the gateway only; when set, only requests it signed are answered. */
  RESEARCH_INNOVATION_SUBGRAPH_SECRET: subgraphSecret(),
  ...authEnvironment,
  ...httpEnvironment,
});

/** Everything this service reads from its environment, parsed once at boot. */
export type Config = ReturnType<typeof configFrom>;

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function configFrom(environment: Record<string, string | undefined>) {
  const parsed = loadConfig(schema, environment, { requiredInProduction: [tokenKeyVariables, 'RESEARCH_INNOVATION_SUBGRAPH_SECRET'] });
  const production = parsed.NODE_ENV === 'production';
  return Object.freeze({
    production,
    logLevel: parsed.LOG_LEVEL,
    port: parsed.RESEARCH_INNOVATION_PORT,
    host: parsed.RESEARCH_INNOVATION_HOST,
    /** Deadlines for a client to send its request. */
    http: httpTimeoutsFrom(parsed),
    database: Object.freeze({
      url: parsed.RESEARCH_INNOVATION_DATABASE_URL,
      sqliteFile: resolve(parsed.RESEARCH_INNOVATION_SQLITE_FILE),
    }),
    seedSampleData: parsed.SEED_SAMPLE_DATA ?? !production,
    seedScale: parsed.SEED_SCALE,
    exposeStatementCount: parsed.EXPOSE_SQL_STATEMENT_COUNT,
    tokens: tokenOptionsFrom(parsed),
    gatewaySecret: parsed.RESEARCH_INNOVATION_SUBGRAPH_SECRET,
  });
}

/** The config of this process, from its environment. */
export const readConfig = () => configFrom(process.env);
