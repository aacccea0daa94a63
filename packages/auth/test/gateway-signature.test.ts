import { MemoryNonceStore, signGatewayRequest, verifyGatewayRequest } from '../src';

const secret = 's'.repeat(40);
const body = '{"query":"{ _service { sdl } }"}';
const authorization = 'Bearer aaa.bbb.ccc';
const signed = { subgraph: 'human-capital', body, authorization };

describe('gateway signatures', () => {
  it('verify once for the same secret, Authorization and body within thirty seconds', async () => {
    const now = Date.now();
    const signature = signGatewayRequest(secret, signed, now);
    expect(signature).toMatch(/^t=\d+,n=[0-9a-f]{32},v1=[0-9a-f]{64}$/);
    expect(await verifyGatewayRequest(secret, signature, signed, new MemoryNonceStore(), now + 29_000)).toBe(true);
  });

  it('hold for one subgraph only: a request signed for one is refused by another that shares its secret', async () => {
    const now = Date.now();
    const signature = signGatewayRequest(secret, signed, now);
    expect(await verifyGatewayRequest(secret, signature, { ...signed, subgraph: 'research-innovation' }, new MemoryNonceStore(), now)).toBe(
      false,
    );
    expect(await verifyGatewayRequest(secret, signature, signed, new MemoryNonceStore(), now)).toBe(true);
  });

  it('give every request its own nonce, even for the same body at the same moment', () => {
    const now = Date.now();
    expect(signGatewayRequest(secret, signed, now)).not.toBe(signGatewayRequest(secret, signed, now));
  });

  it('refuse a signature seen before: a captured request cannot be replayed', async () => {
    const nonces = new MemoryNonceStore();
    const signature = signGatewayRequest(secret, signed);
    expect(await verifyGatewayRequest(secret, signature, signed, nonces)).toBe(true);
    expect(await verifyGatewayRequest(secret, signature, signed, nonces)).toBe(false);
    expect(await verifyGatewayRequest(secret, signature, signed, nonces)).toBe(false);
  });

  it('forget a nonce once its signature has expired anyway', async () => {
    const nonces = new MemoryNonceStore();
    const now = Date.now();
    for (let index = 0; index < 100; index += 1) await nonces.claimOnce(`n${index}`, now + 1000, now);
    expect(nonces.size).toBe(100);
    await nonces.claimOnce('later', now + 100_000, now + 60_000);
    expect(nonces.size).toBe(1);
  });

  it.each([
    ['no header', () => undefined, signed, 0],
    ['garbage', () => 'not-a-signature', signed, 0],
    ['the signature format without a nonce', () => signGatewayRequest(secret, signed).replace(/n=[0-9a-f]+,/, ''), signed, 0],
    ['another secret', () => signGatewayRequest('x'.repeat(40), signed), signed, 0],
    ['another body', () => signGatewayRequest(secret, signed), { ...signed, body: '{"query":"{ talents { totalCount } }"}' }, 0],
    [
      'another caller’s Authorization swapped in',
      () => signGatewayRequest(secret, signed),
      { ...signed, authorization: 'Bearer xxx.yyy.zzz' },
      0,
    ],
    ['an Authorization added to an anonymous request', () => signGatewayRequest(secret, { subgraph: signed.subgraph, body }), signed, 0],
    ['a stale timestamp', () => signGatewayRequest(secret, signed), signed, 31_000],
    ['a timestamp from the future', () => signGatewayRequest(secret, signed), signed, -31_000],
  ])('refuse %s', async (_name, header, request, skewMs) => {
    expect(await verifyGatewayRequest(secret, header(), request, new MemoryNonceStore(), Date.now() + skewMs)).toBe(false);
  });
});
