import { resolve } from 'node:path';
import { authEnvironment, tokenOptionsFrom } from '@nlai/auth';
import { env, loadConfig, z } from '@nlai/config';

// @apollo/gateway reads this variable itself, on construction: the graph sends no telemetry.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

const schema = z.object({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  GATEWAY_PORT: env.port(4000),
  GATEWAY_HOST: env.host('127.0.0.1'),
  /** The composed supergraph the gateway serves (a static file, written by `npm run compose`). */
  SUPERGRAPH_FILE: z.string().default(resolve(__dirname, '../../schema/supergraph.graphql')),
  /** Overrides the routing URL of the research-innovation subgraph in the supergraph. */
  RESEARCH_INNOVATION_URL: env.optionalHttpUrl(),
  /** Overrides the routing URL of the human-capital subgraph in the supergraph. */
  HUMAN_CAPITAL_URL: env.optionalHttpUrl(),
  /** When set without the URL above, the subgraph is taken to run on this port of 127.0.0.1 (as `npm start` does). */
  RESEARCH_INNOVATION_PORT: env.port(4001).optional(),
  HUMAN_CAPITAL_PORT: env.port(4002).optional(),
  ...authEnvironment,
});

/** Everything the gateway reads from its environment, parsed once at boot. */
export type Config = ReturnType<typeof configFrom>;

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function configFrom(environment: Record<string, string | undefined>) {
  const parsed = loadConfig(schema, environment);
  const production = parsed.NODE_ENV === 'production';
  const localUrl = (port: number | undefined) => (port === undefined ? undefined : `http://127.0.0.1:${port}/graphql`);
  const subgraphUrls: Record<string, string> = {};
  const researchInnovationUrl = parsed.RESEARCH_INNOVATION_URL ?? localUrl(parsed.RESEARCH_INNOVATION_PORT);
  const humanCapitalUrl = parsed.HUMAN_CAPITAL_URL ?? localUrl(parsed.HUMAN_CAPITAL_PORT);
  if (researchInnovationUrl) subgraphUrls['research-innovation'] = researchInnovationUrl;
  if (humanCapitalUrl) subgraphUrls['human-capital'] = humanCapitalUrl;
  return Object.freeze({
    production,
    logLevel: parsed.LOG_LEVEL,
    port: parsed.GATEWAY_PORT,
    host: parsed.GATEWAY_HOST,
    supergraphFile: resolve(parsed.SUPERGRAPH_FILE),
    /** Routing URL overrides by subgraph name. */
    subgraphUrls: Object.freeze(subgraphUrls),
    tokens: tokenOptionsFrom(parsed),
  });
}

/** The config of this process, from its environment. */
export const readConfig = () => configFrom(process.env);
