import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header the gateway signs each subgraph request with. */
export const gatewaySignatureHeader = 'x-nlai-gateway-signature';

/** How far a signature's timestamp may be from the subgraph's clock. */
const toleranceSeconds = 300;

function mac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: proves the request
 * comes from a gateway holding this subgraph's secret, for this exact body,
 * within the last five minutes.
 */
export function signGatewayRequest(secret: string, body: string, now = Date.now()): string {
  const timestamp = Math.floor(now / 1000);
  return `t=${timestamp},v1=${mac(secret, timestamp, body)}`;
}

/** Checks a signature in constant time; false for anything missing, malformed, stale or wrong. */
export function verifyGatewayRequest(secret: string, header: string | undefined, body: string, now = Date.now()): boolean {
  const match = header ? /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header) : null;
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(mac(secret, timestamp, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}
