import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { authEnvironment, subgraphSecret, tokenKeyVariables, tokenOptionsFrom } from '@nlai/auth';
import { ConfigError, env, loadConfig, z } from '@nlai/config';
import { httpEnvironment, httpTimeoutsFrom } from '@nlai/http-server';
import { telemetryEnvironment, tracingFrom } from '@nlai/telemetry';
import { defaultOperationLimits as limits } from './operation-limits';

// @apollo/gateway reads this variable itself, on construction: the graph sends no telemetry.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

/**
 * Requests per caller per window in production unless configured: generous
 * (100 a second on average over a minute) so that no person or ordinary
 * client meets it, while one runaway script cannot take the whole fleet.
 */
export const defaultProductionRateLimit = 6000;

const schema = z.object({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  GATEWAY_PORT: env.port(4000),
  GATEWAY_HOST: env.host('127.0.0.1'),
  /** The composed supergraph the gateway serves (a static file, written by `npm run compose`), watched for changes. */
  SUPERGRAPH_FILE: z.string().default(resolve(__dirname, '../../schema/supergraph.graphql')),
  /**
   * Where a fleet of gateways loads the supergraph instead of SUPERGRAPH_FILE
   * (http or https): fetched at boot (boot fails when it cannot be), then
   * polled with If-None-Match; a new one that fails to load is refused and
   * the last good one kept.
   */
  SUPERGRAPH_URL: env.optionalHttpUrl(),
  /** How often the supergraph file is checked, or SUPERGRAPH_URL asked, for a new version. */
  SUPERGRAPH_POLL_MS: env.integer(1000, 50, 60_000),
  /**
   * Redis that the gateway replicas share (redis:// or rediss://): persisted
   * query hashes and rate-limit counters. Unset: each process keeps its own
   * in memory, as one gateway needs.
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^/\s]+(\/\d+)?$/, 'expected redis://[user:password@]host:port[/db]')
    .optional(),
  /**
   * Requests to /graphql each caller may send per window, across all gateway
   * replicas sharing REDIS_URL; 0 turns rate limiting off. Default: off
   * outside production, 6000 (100 a second on average) in production.
   */
  GATEWAY_RATE_LIMIT_REQUESTS: z.coerce
    .number({ message: 'expected a whole number from 0 to 10000000' })
    .int('expected a whole number from 0 to 10000000')
    .min(0, 'expected a whole number from 0 to 10000000')
    .max(10_000_000, 'expected a whole number from 0 to 10000000')
    .optional(),
  /** The rate limit's window, in ms. */
  GATEWAY_RATE_LIMIT_WINDOW_MS: env.integer(60_000, 1000, 86_400_000),
  /**
   * Addresses of the proxies in front of the gateway (e.g. HAProxy's
   * 127.0.0.1), comma-separated: only their X-Forwarded-For is believed when
   * telling callers apart. Default: none (the peer's address counts).
   */
  GATEWAY_TRUSTED_PROXIES: z
    .string()
    .optional()
    .refine((list) => (list ?? '').split(',').every((entry) => entry.trim() === '' || isIP(entry.trim()) !== 0), {
      message: 'expected IP addresses, comma-separated, e.g. 127.0.0.1,10.0.0.2',
    }),
  /** A subgraph request not answered within this many ms fails with SUBGRAPH_TIMEOUT. */
  SUBGRAPH_TIMEOUT_MS: env.integer(10_000, 100, 300_000),
  /** Keep-alive sockets per subgraph, at most. */
  SUBGRAPH_MAX_SOCKETS: env.integer(64, 1, 4096),
  /** Identical reads in flight at once (same subgraph, body and token) share one subgraph request. */
  SUBGRAPH_DEDUPLICATE: env.flag(true),
  /** Largest request body, in bytes; larger gets 413. */
  GATEWAY_MAX_BODY_BYTES: env.integer(1024 * 1024, 1024, 100 * 1024 * 1024),
  GATEWAY_MAX_TOKENS: env.integer(3000, 100, 1_000_000),
  GATEWAY_MAX_DEPTH: env.integer(limits.maxDepth, 2, 100),
  GATEWAY_MAX_ALIASES: env.integer(limits.maxAliases, 0, 10_000),
  GATEWAY_MAX_PAGE_SIZE: env.integer(limits.maxPageSize, 1, 10_000),
  GATEWAY_MAX_COST: env.integer(limits.maxCost, 1, 100_000_000),
  /** Serves the in-browser query explorer at /explorer; default on outside production. */
  EXPLORER_ENABLED: env.optionalFlag(),
  /** Serves the insights page (charts of the network's figures) at /insights; default on outside production. */
  INSIGHTS_ENABLED: env.optionalFlag(),
  /** Origins allowed to call the gateway from a browser, comma-separated; `*` for any. Default: none. */
  CORS_ORIGINS: z.string().optional(),
  /** Accepts only the operations of the persisted-operations manifest (a safelist). */
  PERSISTED_OPERATIONS_ONLY: env.flag(false),
  /** The manifest, generated from schema/operations by `npm run operations:manifest`. */
  PERSISTED_OPERATIONS_FILE: z.string().default(resolve(__dirname, '../../schema/persisted-operations.json')),
  /** Records which schema coordinates each client uses (docs/operations.md#field-usage); default on, off in tests. */
  USAGE_RECORDING: env.optionalFlag(),
  /** Where usage batches are spooled, for `npm run usage` and schema:check to collect. */
  USAGE_SPOOL_DIR: z.string().default('.data/usage'),
  /** Share of operations recorded; each recorded one counts 1 / rate. */
  USAGE_SAMPLE_RATE: z.coerce
    .number({ message: 'expected a number above 0, at most 1' })
    .gt(0, 'expected a number above 0, at most 1')
    .max(1, 'expected a number above 0, at most 1')
    .default(1),
  USAGE_MAX_KEYS: env.integer(10_000, 100, 1_000_000),
  USAGE_FLUSH_INTERVAL_MS: env.integer(60_000, 100, 3_600_000),
  /** A port of its own for /metrics (Prometheus's, kept from clients); unset: /metrics on GATEWAY_PORT outside production, nowhere in production. */
  GATEWAY_METRICS_PORT: env.optionalPort(),
  ...authEnvironment,
  ...httpEnvironment,
  ...telemetryEnvironment,
});

/** `research-innovation` → `RESEARCH_INNOVATION`: the prefix of a subgraph's variables. */
export const environmentPrefix = (subgraph: string) => subgraph.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/** The subgraphs a supergraph file names, from its join__Graph enum. */
export function subgraphNames(supergraphSdl: string): string[] {
  return [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)"/g)].map((match) => match[1]!);
}

/**
 * Per subgraph named in the supergraph, e.g. research-innovation:
 * RESEARCH_INNOVATION_URL overrides its routing URL (or
 * RESEARCH_INNOVATION_PORT, for a subgraph on 127.0.0.1 as `npm start` runs
 * it), and RESEARCH_INNOVATION_SUBGRAPH_SECRET signs every request to it
 * (required in production). A new subgraph needs no change here.
 */
function subgraphSchema(names: string[]) {
  return z.object(
    Object.fromEntries(
      names.flatMap((name) => {
        const prefix = environmentPrefix(name);
        return [
          [`${prefix}_URL`, env.optionalHttpUrl()],
          [`${prefix}_PORT`, env.optionalPort()],
          [`${prefix}_SUBGRAPH_SECRET`, subgraphSecret()],
        ];
      }),
    ),
  );
}

/**
 * Every environment variable the gateway reads with a supergraph naming
 * `subgraphs`: derived from the schemas parsed at boot, so deployment
 * manifests can be checked against it (deploy/test).
 */
export function gatewayVariableNames(subgraphs: readonly string[]): string[] {
  return [...Object.keys(schema.shape), ...Object.keys(subgraphSchema([...subgraphs]).shape)];
}

/**
 * One problem per secret set in more than one variable: each subgraph holds
 * its own secret, and with a shared one could sign requests to another
 * subgraph, or mint callers' tokens when it is AUTH_JWT_SECRET too.
 */
function sharedSecrets(variables: Record<string, string | number | undefined>): string[] {
  const byValue = new Map<string, string[]>();
  for (const [variable, value] of Object.entries(variables))
    if (typeof value === 'string') byValue.set(value, [...(byValue.get(value) ?? []), variable]);
  return [...byValue.values()]
    .filter((sharing) => sharing.length > 1)
    .map(
      (sharing) =>
        `${sharing.sort().join(', ')}: the same secret, so whoever holds one can sign for the others; give each its own (\`openssl rand -hex 32\`)`,
    );
}

/** The routing URL overrides and signing secrets of a supergraph's subgraphs, by subgraph name. */
export interface SubgraphSettings {
  urls: Record<string, string>;
  secrets: Record<string, string>;
}

/** Parses the variables of the subgraphs `names`; throws a ConfigError naming every problem. */
function subgraphSettings(
  environment: Record<string, string | undefined>,
  names: string[],
  jwtSecret: string | undefined,
): SubgraphSettings {
  const perSubgraph = loadConfig(subgraphSchema(names), environment, {
    requiredInProduction: names.map((name) => `${environmentPrefix(name)}_SUBGRAPH_SECRET`),
  }) as Record<string, string | number | undefined>;
  const secretVariables = names.map((name) => `${environmentPrefix(name)}_SUBGRAPH_SECRET`);
  const problems = sharedSecrets({
    AUTH_JWT_SECRET: jwtSecret,
    ...Object.fromEntries(secretVariables.map((variable) => [variable, perSubgraph[variable]])),
  });
  if (problems.length > 0) throw new ConfigError(problems);
  const urls: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const name of names) {
    const prefix = environmentPrefix(name);
    const port = perSubgraph[`${prefix}_PORT`];
    const url = perSubgraph[`${prefix}_URL`] ?? (port === undefined ? undefined : `http://127.0.0.1:${port}/graphql`);
    if (typeof url === 'string') urls[name] = url;
    const secret = perSubgraph[`${prefix}_SUBGRAPH_SECRET`];
    if (typeof secret === 'string') secrets[name] = secret;
  }
  return { urls, secrets };
}

/** Everything the gateway reads from its environment, parsed once at boot. */
export type Config = ReturnType<typeof configFrom>;

/** Parses the environment; throws a ConfigError naming every bad or missing variable. */
export function configFrom(environment: Record<string, string | undefined>) {
  // Two parts (the subgraphs' variables depend on the supergraph file), one report: every problem at once.
  const problems: string[] = [];
  const collect = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const parsed = collect(() => loadConfig(schema, environment, { requiredInProduction: [tokenKeyVariables] }));
  const supergraphFile = resolve(parsed?.SUPERGRAPH_FILE ?? schema.shape.SUPERGRAPH_FILE.parse(undefined));
  // With SUPERGRAPH_URL the subgraphs are known once it is fetched: createServer asks subgraphsOf then.
  let fileSubgraphs: SubgraphSettings = { urls: {}, secrets: {} };
  if (!parsed?.SUPERGRAPH_URL) {
    let names: string[] = [];
    try {
      names = subgraphNames(readFileSync(supergraphFile, 'utf8'));
    } catch (error) {
      problems.push(`SUPERGRAPH_FILE: cannot read ${supergraphFile} (${error instanceof Error ? error.message : String(error)})`);
    }
    const settings = collect(() => subgraphSettings(environment, names, parsed?.AUTH_JWT_SECRET));
    if (settings) fileSubgraphs = settings;
  }
  if (problems.length > 0 || !parsed) throw new ConfigError(problems);
  const production = parsed.NODE_ENV === 'production';
  const subgraphUrls = fileSubgraphs.urls;
  const subgraphSecrets = fileSubgraphs.secrets;
  return Object.freeze({
    production,
    logLevel: parsed.LOG_LEVEL,
    port: parsed.GATEWAY_PORT,
    host: parsed.GATEWAY_HOST,
    /** Deadlines for a client to send its request. */
    http: httpTimeoutsFrom(parsed),
    supergraphFile,
    /** Loaded instead of the file when set. */
    supergraphUrl: parsed.SUPERGRAPH_URL,
    supergraphPollMs: parsed.SUPERGRAPH_POLL_MS,
    /** Unset: per-process memory for what replicas would share. */
    redisUrl: parsed.REDIS_URL,
    rateLimit: Object.freeze({
      /** 0: off. */
      requests: parsed.GATEWAY_RATE_LIMIT_REQUESTS ?? (production ? defaultProductionRateLimit : 0),
      windowMs: parsed.GATEWAY_RATE_LIMIT_WINDOW_MS,
      trustedProxies: Object.freeze(
        (parsed.GATEWAY_TRUSTED_PROXIES ?? '')
          .split(',')
          .map((address) => address.trim())
          .filter(Boolean),
      ),
    }),
    /** Routing URL overrides by subgraph name (of SUPERGRAPH_FILE's subgraphs; with SUPERGRAPH_URL, see subgraphsOf). */
    subgraphUrls: Object.freeze(subgraphUrls),
    /** The URL overrides and secrets of the subgraphs a supergraph names; throws a ConfigError naming every problem. */
    subgraphsOf: (supergraphSdl: string) => subgraphSettings(environment, subgraphNames(supergraphSdl), parsed.AUTH_JWT_SECRET),
    /** Signing secrets by subgraph name. */
    subgraphSecrets: Object.freeze(subgraphSecrets),
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
    subgraphMaxSockets: parsed.SUBGRAPH_MAX_SOCKETS,
    subgraphDeduplicate: parsed.SUBGRAPH_DEDUPLICATE,
    maxBodyBytes: parsed.GATEWAY_MAX_BODY_BYTES,
    maxTokens: parsed.GATEWAY_MAX_TOKENS,
    limits: Object.freeze({
      ...limits,
      maxDepth: parsed.GATEWAY_MAX_DEPTH,
      maxAliases: parsed.GATEWAY_MAX_ALIASES,
      maxPageSize: parsed.GATEWAY_MAX_PAGE_SIZE,
      maxCost: parsed.GATEWAY_MAX_COST,
    }),
    explorer: parsed.EXPLORER_ENABLED ?? !production,
    insights: parsed.INSIGHTS_ENABLED ?? !production,
    corsOrigins: Object.freeze(
      (parsed.CORS_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
    persistedOperationsOnly: parsed.PERSISTED_OPERATIONS_ONLY,
    persistedOperationsFile: resolve(parsed.PERSISTED_OPERATIONS_FILE),
    tokens: tokenOptionsFrom(parsed),
    usage: Object.freeze({
      recording: parsed.USAGE_RECORDING ?? parsed.NODE_ENV !== 'test',
      spoolDirectory: resolve(parsed.USAGE_SPOOL_DIR),
      sampleRate: parsed.USAGE_SAMPLE_RATE,
      maxKeys: parsed.USAGE_MAX_KEYS,
      flushIntervalMs: parsed.USAGE_FLUSH_INTERVAL_MS,
    }),
    /** Traces over OTLP/HTTP; undefined when OTEL_EXPORTER_OTLP_ENDPOINT is unset. */
    tracing: tracingFrom(parsed),
    metricsPort: parsed.GATEWAY_METRICS_PORT,
  });
}

/** The config of this process, from its environment. */
export const readConfig = () => configFrom(process.env);
