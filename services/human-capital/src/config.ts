import { env } from '@nlai/config';
import type { OwnConfig } from '@nlai/subgraph-kit';
import { defaultSampleSeed } from './seed/sample-data';
import { releaseTimesVariable } from './services/figure-release-schedule';

const variables = {
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
  /** Seed of the generated sample people: the same seed gives the same data. */
  SAMPLE_DATA_SEED: env.integer(defaultSampleSeed, 0, 2 ** 31 - 1),
};

/** Human Capital's own settings, parsed with the kit's (port, database, tokens, …) at boot. */
export const humanCapitalConfig = {
  variables,
  read: (parsed) => ({
    referenceCheck: Object.freeze({
      url: parsed.GATEWAY_URL ?? `http://127.0.0.1:${parsed.GATEWAY_PORT}/graphql`,
      timeoutMs: parsed.REFERENCE_CHECK_TIMEOUT_MS,
    }),
    /** Minutes after midnight (UTC) of each scheduled release of the public figures. */
    figureReleaseTimes: Object.freeze(parsed.FIGURE_RELEASE_TIMES),
    sampleDataSeed: parsed.SAMPLE_DATA_SEED,
  }),
} satisfies OwnConfig<typeof variables, object>;
