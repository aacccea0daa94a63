import type { AuthContext } from '@nlai/auth';

/** What the gateway knows of each request. */
export interface GatewayContext {
  auth: AuthContext;
  /** The caller's header as received, forwarded to the subgraphs. */
  authorization: string | undefined;
  requestId: string;
  /** Set only while the boot-time warm-up plans the saved operations: nothing is sent to a subgraph. */
  warmUp?: true;
}
