import type { AuthContext } from '@nlai/auth';

/** What the gateway knows of each request. */
export interface GatewayContext {
  auth: AuthContext;
  /** The caller's header as received, forwarded to the subgraphs. */
  authorization: string | undefined;
  requestId: string;
}
