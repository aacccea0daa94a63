import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header the gateway signs each subgraph request with. */
export const gatewaySignatureHeader = 'x-nlai-gateway-signature';

/** How far a signature's timestamp may be from the subgraph's clock: short, since a nonce must be remembered this long. */
export const signatureToleranceSeconds = 30;

/** What a signature covers besides its timestamp and nonce. */
export interface SignedRequest {
  /** The subgraph the request is for, by its name in the supergraph: a signature holds for that one only. */
  subgraph: string;
  /** The exact request body. */
  body: string;
  /** The caller's Authorization header as forwarded; absent for an anonymous caller. */
  authorization?: string | undefined;
}

/**
 * Remembers the nonces of accepted signatures until they expire, so each
 * signature is accepted once. One store per subgraph process now; with
 * several replicas, implement it on a shared store (Redis:
 * `SET nonce 1 NX PXAT expiresAtMs` is the whole of claimOnce).
 */
export interface NonceStore {
  /** Records `nonce` until `expiresAtMs`; false when it is already recorded (a replay). Must be atomic. */
  claimOnce(nonce: string, expiresAtMs: number, now?: number): Promise<boolean>;
}

/** A NonceStore in this process's memory; expired nonces are swept as new ones arrive. */
export class MemoryNonceStore implements NonceStore {
  private readonly expiries = new Map<string, number>();
  private nextSweep = 0;

  get size(): number {
    return this.expiries.size;
  }

  async claimOnce(nonce: string, expiresAtMs: number, now = Date.now()): Promise<boolean> {
    if (now >= this.nextSweep) {
      for (const [known, expiry] of this.expiries) if (expiry <= now) this.expiries.delete(known);
      this.nextSweep = now + 1000;
    }
    const known = this.expiries.get(nonce);
    if (known !== undefined && known > now) return false;
    this.expiries.set(nonce, expiresAtMs);
    return true;
  }
}

function mac(secret: string, timestamp: number, nonce: string, request: SignedRequest): string {
  // Length-prefixed subgraph and Authorization: no split between them and the body can forge another request's input.
  const { subgraph, body } = request;
  const authorization = request.authorization ?? '';
  return createHmac('sha256', secret)
    .update(`v1\n${timestamp}\n${nonce}\n${subgraph.length}:${subgraph}\n${authorization.length}:${authorization}\n${body}`)
    .digest('hex');
}

/**
 * `t=<unix seconds>,n=<random nonce>,v1=<hex HMAC-SHA256>`: proves the
 * request comes from a gateway holding this subgraph's secret, for this
 * subgraph, exact body and caller's Authorization, within the last thirty
 * seconds: a request captured on its way to one subgraph is refused by
 * another, even one with the same secret.
 * Every call makes a new nonce, so sign each request sent (each retry too).
 */
export function signGatewayRequest(secret: string, request: SignedRequest, now = Date.now()): string {
  const timestamp = Math.floor(now / 1000);
  const nonce = randomBytes(16).toString('hex');
  return `t=${timestamp},n=${nonce},v1=${mac(secret, timestamp, nonce, request)}`;
}

/**
 * Checks a signature in constant time and claims its nonce: false for
 * anything missing, malformed, stale, wrong, or seen before.
 */
export async function verifyGatewayRequest(
  secret: string,
  header: string | undefined,
  request: SignedRequest,
  nonces: NonceStore,
  now = Date.now(),
): Promise<boolean> {
  const match = header ? /^t=(\d{1,12}),n=([0-9a-f]{32}),v1=([0-9a-f]{64})$/.exec(header) : null;
  if (!match) return false;
  const timestamp = Number(match[1]);
  const nonce = match[2]!;
  if (Math.abs(now / 1000 - timestamp) > signatureToleranceSeconds) return false;
  const expected = Buffer.from(mac(secret, timestamp, nonce, request), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(match[3]!, 'hex'))) return false;
  // Claimed only once the MAC holds: nobody without the secret can fill the store.
  return nonces.claimOnce(nonce, (timestamp + signatureToleranceSeconds + 1) * 1000, now);
}
