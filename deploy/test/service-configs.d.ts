// What the manifests' test reads of the services' configs (their dist ships no declarations):
// the variables each accepts, derived from the zod schemas they parse at boot.
declare module '@nlai/gateway/dist/config' {
  /** Every environment variable the gateway reads with a supergraph naming `subgraphs`. */
  export function gatewayVariableNames(subgraphs: readonly string[]): string[];
}

declare module '@nlai/human-capital/dist/config' {
  /** Human Capital's own variables, parsed with the kit's. */
  export const humanCapitalConfig: { variables: NonNullable<Parameters<typeof import('@nlai/subgraph-kit').subgraphVariableNames>[1]> };
}
