import { resolve } from 'node:path';
import { authEnvironment, subgraphSecret, tokenKeyVariables, tokenOptionsFrom } from '@nlai/auth';
import { ConfigError, env, loadConfig, z } from '@nlai/config';
import { databaseUrlVariable, replicaUrlsProblem } from '@nlai/database';
import { httpEnvironment, httpTimeoutsFrom } from '@nlai/http-server';
import { telemetryEnvironment, tracingFrom } from '@nlai/telemetry';

/** A subgraph's own variables (zod schemas by variable name) and how they become its own config. */
export interface OwnConfig<Shape extends z.ZodRawShape, Own extends object> {
  variables: Shape;
  read: (parsed: z.output<z.ZodObject<Shape>>) => Own;
  /** Variables (or alternatives) that production must set, besides the kit's. */
  requiredInProduction?: Array<string | string[]>;
}

/** The environment prefix of a subgraph: `human-capital` reads `HUMAN_CAPITAL_PORT`, `HUMAN_CAPITAL_DATABASE_URL`, … */
export const environmentPrefix = (name: string) => name.toUpperCase().replace(/-/g, '_');

/** The variables every subgraph reads; those named by role get the subgraph's prefix. */
function prefixedVariables(name: string, defaultPort: number) {
  return {
    PORT: env.port(defaultPort),
    /** Default: loopback outside production, every interface in production (a container the gateway must reach). */
    HOST: z.string().min(1).optional(),
    /** Driver options in the URL's query: only the reviewed ones (ssl, connectTimeout). */
    DATABASE_URL: databaseUrlVariable(),
    /**
     * Comma-separated `mysql://` URLs of read replicas of DATABASE_URL (MariaDB, GTID replication):
     * reads outside mutations go to them. Each is checked like DATABASE_URL. Default: none.
     */
    DATABASE_REPLICA_URLS: z
      .string()
      .transform((list) =>
        list
          .split(',')
          .map((url) => url.trim())
          .filter((url) => url !== ''),
      )
      .pipe(
        z.array(z.string()).superRefine((urls, context) => {
          for (const [index, url] of urls.entries()) {
            const checked = databaseUrlVariable().safeParse(url);
            if (!checked.success) context.addIssue({ code: 'custom', path: [index], message: checked.error.issues[0]!.message });
          }
        }),
      )
      .default([]),
    SQLITE_FILE: z.string().default(`.data/${name}.sqlite`),
    /** Shared with the gateway only; when set, only requests it signed are answered. */
    SUBGRAPH_SECRET: subgraphSecret(),
    /** A port of its own for /metrics (Prometheus's, kept from clients); unset: /metrics on PORT outside production, nowhere in production. */
    METRICS_PORT: env.optionalPort(),
  };
}

const sharedVariables = {
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  /** Seeds the sample data into an empty database; default on outside production. */
  SEED_SAMPLE_DATA: env.optionalFlag(),
  /** Seeds this many copies of the sample data (benchmarks on more data); set the same on every subgraph. */
  SEED_SCALE: env.integer(1, 1, 1000),
  /** Adds `x-sql-statements` to responses, for tests and benchmarks. */
  EXPOSE_SQL_STATEMENT_COUNT: env.flag(false),
  /** A read replica further behind the primary than this many ms is skipped (reads go to another, or the primary). */
  DATABASE_REPLICA_MAX_LAG_MS: env.integer(5000, 100, 3_600_000),
  /** How often each read replica's health and position are checked, in ms. */
  DATABASE_REPLICA_CHECK_MS: env.integer(500, 50, 60_000),
  /**
   * Redis shared by every replica of every service (`redis://host:port`): gateway-signature nonces and
   * read-your-writes notices. Unset: this process's memory only.
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'expected redis://host:port or rediss://host:port')
    .optional(),
  ...authEnvironment,
  ...httpEnvironment,
  ...telemetryEnvironment,
};

/**
 * Every environment variable subgraph `name` reads: the kit's (those named by
 * role under its prefix) and its own. Derived from the schemas parsed at
 * boot, so deployment manifests can be checked against it (deploy/test).
 */
export function subgraphVariableNames(name: string, own: z.ZodRawShape = {}): string[] {
  const prefix = environmentPrefix(name);
  return [
    ...Object.keys(sharedVariables),
    ...Object.keys(prefixedVariables(name, 0)).map((role) => `${prefix}_${role}`),
    ...Object.keys(own),
  ];
}

type Parsed<Shape extends z.ZodRawShape> = z.output<z.ZodObject<Shape>>;

/** The config every subgraph has, plus its own. Parsed once at boot, frozen. */
export type SubgraphConfig<Own extends object = object> = ReturnType<typeof kitConfigFrom> & Readonly<Own>;

function kitConfigFrom(name: string, prefixed: Parsed<ReturnType<typeof prefixedVariables>>, shared: Parsed<typeof sharedVariables>) {
  const production = shared.NODE_ENV === 'production';
  return {
    name,
    production,
    logLevel: shared.LOG_LEVEL,
    port: prefixed.PORT,
    host: prefixed.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    /** Deadlines for a client to send its request. */
    http: httpTimeoutsFrom(shared),
    database: Object.freeze({
      url: prefixed.DATABASE_URL,
      replicaUrls: Object.freeze([...prefixed.DATABASE_REPLICA_URLS]),
      sqliteFile: resolve(prefixed.SQLITE_FILE),
    }),
    /** How read replicas are judged (used only with DATABASE_REPLICA_URLS). */
    replicas: Object.freeze({ maxLagMs: shared.DATABASE_REPLICA_MAX_LAG_MS, checkMs: shared.DATABASE_REPLICA_CHECK_MS }),
    /** Where replicas share state; undefined: memory only. */
    redisUrl: shared.REDIS_URL,
    seedSampleData: shared.SEED_SAMPLE_DATA ?? !production,
    seedScale: shared.SEED_SCALE,
    exposeStatementCount: shared.EXPOSE_SQL_STATEMENT_COUNT,
    tokens: tokenOptionsFrom(shared),
    gatewaySecret: prefixed.SUBGRAPH_SECRET,
    /** Traces over OTLP/HTTP; undefined when OTEL_EXPORTER_OTLP_ENDPOINT is unset. */
    tracing: tracingFrom(shared),
    metricsPort: prefixed.METRICS_PORT,
  };
}

/**
 * Parses a subgraph's environment in one pass, the kit's variables and its
 * own together, so a bad start lists every problem at once (ConfigError).
 */
export function subgraphConfigFrom<Shape extends z.ZodRawShape, Own extends object>(
  subgraph: { name: string; defaultPort: number; config?: OwnConfig<Shape, Own> | undefined },
  environment: Record<string, string | undefined>,
): SubgraphConfig<Own> {
  const prefix = environmentPrefix(subgraph.name);
  const prefixed = prefixedVariables(subgraph.name, subgraph.defaultPort);
  const prefixedName = (role: string) => `${prefix}_${role}`;
  const own: z.ZodRawShape = subgraph.config?.variables ?? {};
  const schema = z.object({
    ...sharedVariables,
    ...Object.fromEntries(Object.entries(prefixed).map(([role, variable]) => [prefixedName(role), variable])),
    ...own,
  });
  // Replicas beside their primary: checked here, and listed with the schema's problems, all at once.
  const replicaProblem = replicaUrlsProblem(
    environment[prefixedName('DATABASE_URL')]?.trim() || undefined,
    (environment[prefixedName('DATABASE_REPLICA_URLS')] ?? '')
      .split(',')
      .map((url) => url.trim())
      .filter((url) => url !== ''),
  );
  const crossProblems = replicaProblem ? [`${prefixedName('DATABASE_REPLICA_URLS')}: ${replicaProblem}`] : [];
  let parsed: Record<string, unknown>;
  try {
    parsed = loadConfig(schema, environment, {
      requiredInProduction: [tokenKeyVariables, prefixedName('SUBGRAPH_SECRET'), ...(subgraph.config?.requiredInProduction ?? [])],
    });
  } catch (error) {
    if (error instanceof ConfigError && crossProblems.length > 0) throw new ConfigError([...error.problems, ...crossProblems]);
    throw error;
  }
  if (crossProblems.length > 0) throw new ConfigError(crossProblems);
  // The schema above checked every value; here they are only given back their roles.
  const pick = <Roles extends z.ZodRawShape>(roles: Roles, nameOf: (role: string) => string) =>
    Object.fromEntries(Object.keys(roles).map((role) => [role, parsed[nameOf(role)]])) as Parsed<Roles>;
  const kit = kitConfigFrom(
    subgraph.name,
    pick(prefixed, prefixedName),
    pick(sharedVariables, (role) => role),
  );
  const ownConfig = subgraph.config ? subgraph.config.read(pick(subgraph.config.variables, (role) => role)) : ({} as Own);
  return Object.freeze({ ...kit, ...ownConfig });
}
