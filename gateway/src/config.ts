import { resolve } from 'node:path';
import { authEnvironment, subgraphSecret, tokenKeyVariables, tokenOptionsFrom } from '@nlai/auth';
import { env, loadConfig, z } from '@nlai/config';
import { defaultOperationLimits as limits } from './operation-limits';

// @apollo/gateway reads this variable itself, on construction: the graph sends no telemetry.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

const schema = z.object({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  GATEWAY_PORT: env.port(4000),
  GATEWAY_HOST: env.host('127.0.0.1'),
  /** The composed supergraph the gateway serves (a static file, written by `npm run compose`), watched for changes. */
  SUPERGRAPH_FILE: z.string().default(resolve(__dirname, '../../schema/supergraph.graphql')),
  SUPERGRAPH_POLL_MS: env.integer(1000, 50, 60_000),
  /** Overrides the routing URL of the research-innovation subgraph in the supergraph. */
  RESEARCH_INNOVATION_URL: env.optionalHttpUrl(),
  /** Overrides the routing URL of the human-capital subgraph in the supergraph. */
  HUMAN_CAPITAL_URL: env.optionalHttpUrl(),
  /** When set without the URL above, the subgraph is taken to run on this port of 127.0.0.1 (as `npm start` does). */
  RESEARCH_INNOVATION_PORT: env.port(4001).optional(),
  HUMAN_CAPITAL_PORT: env.port(4002).optional(),
  /** Each subgraph's own secret: the gateway signs every request to it. Required in production. */
  RESEARCH_INNOVATION_SUBGRAPH_SECRET: subgraphSecret(),
  HUMAN_CAPITAL_SUBGRAPH_SECRET: subgraphSecret(),
  /** A subgraph request not answered within this many ms fails with SUBGRAPH_TIMEOUT. */
  SUBGRAPH_TIMEOUT_MS: env.integer(10_000, 100, 300_000),
  /** Keep-alive sockets per subgraph, at most. */
  SUBGRAPH_MAX_SOCKETS: env.integer(64, 1, 4096),
  /** Largest request body, in bytes; larger gets 413. */
  GATEWAY_MAX_BODY_BYTES: env.integer(1024 * 1024, 1024, 100 * 1024 * 1024),
  GATEWAY_MAX_TOKENS: env.integer(3000, 100, 1_000_000),
  GATEWAY_MAX_DEPTH: env.integer(limits.maxDepth, 2, 100),
  GATEWAY_MAX_ALIASES: env.integer(limits.maxAliases, 0, 10_000),
  GATEWAY_MAX_PAGE_SIZE: env.integer(limits.maxPageSize, 1, 10_000),
  GATEWAY_MAX_COST: env.integer(limits.maxCost, 1, 100_000_000),
  ...authEnvironment,
});

/** Everything the gateway reads from its environment, parsed once at boot. */
export type Config = ReturnType<typeof configFrom>;

/** Parses the environment; throws a ConfigError naming every bad or missing variable. */
export function configFrom(environment: Record<string, string | undefined>) {
  const parsed = loadConfig(schema, environment, {
    requiredInProduction: [tokenKeyVariables, 'RESEARCH_INNOVATION_SUBGRAPH_SECRET', 'HUMAN_CAPITAL_SUBGRAPH_SECRET'],
  });
  const production = parsed.NODE_ENV === 'production';
  const localUrl = (port: number | undefined) => (port === undefined ? undefined : `http://127.0.0.1:${port}/graphql`);
  const subgraphUrls: Record<string, string> = {};
  const researchInnovationUrl = parsed.RESEARCH_INNOVATION_URL ?? localUrl(parsed.RESEARCH_INNOVATION_PORT);
  const humanCapitalUrl = parsed.HUMAN_CAPITAL_URL ?? localUrl(parsed.HUMAN_CAPITAL_PORT);
  if (researchInnovationUrl) subgraphUrls['research-innovation'] = researchInnovationUrl;
  if (humanCapitalUrl) subgraphUrls['human-capital'] = humanCapitalUrl;
  const subgraphSecrets: Record<string, string> = {};
  if (parsed.RESEARCH_INNOVATION_SUBGRAPH_SECRET) subgraphSecrets['research-innovation'] = parsed.RESEARCH_INNOVATION_SUBGRAPH_SECRET;
  if (parsed.HUMAN_CAPITAL_SUBGRAPH_SECRET) subgraphSecrets['human-capital'] = parsed.HUMAN_CAPITAL_SUBGRAPH_SECRET;
  return Object.freeze({
    production,
    logLevel: parsed.LOG_LEVEL,
    port: parsed.GATEWAY_PORT,
    host: parsed.GATEWAY_HOST,
    supergraphFile: resolve(parsed.SUPERGRAPH_FILE),
    supergraphPollMs: parsed.SUPERGRAPH_POLL_MS,
    /** Routing URL overrides by subgraph name. */
    subgraphUrls: Object.freeze(subgraphUrls),
    /** Signing secrets by subgraph name. */
    subgraphSecrets: Object.freeze(subgraphSecrets),
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
    subgraphMaxSockets: parsed.SUBGRAPH_MAX_SOCKETS,
    maxBodyBytes: parsed.GATEWAY_MAX_BODY_BYTES,
    maxTokens: parsed.GATEWAY_MAX_TOKENS,
    limits: Object.freeze({
      ...limits,
      maxDepth: parsed.GATEWAY_MAX_DEPTH,
      maxAliases: parsed.GATEWAY_MAX_ALIASES,
      maxPageSize: parsed.GATEWAY_MAX_PAGE_SIZE,
      maxCost: parsed.GATEWAY_MAX_COST,
    }),
    tokens: tokenOptionsFrom(parsed),
  });
}

/** The config of this process, from its environment. */
export const readConfig = () => configFrom(process.env);
