// Hive Gateway with its in-flight deduplication of subgraph reads turned off
// (https://the-guild.dev/graphql/hive/docs/gateway/other-features/performance/deduplicate-request),
// for the engine-against-engine comparison.
export const gatewayConfig = {
  transportEntries: {
    '*.http': { options: { deduplicateInflightRequests: false } },
  },
};
