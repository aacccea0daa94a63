import { signGatewayRequest, verifyGatewayRequest } from '../src';

const secret = 's'.repeat(40);
const body = '{"query":"{ _service { sdl } }"}';

describe('gateway signatures', () => {
  it('verify for the same secret and body within five minutes', () => {
    const now = Date.now();
    const signature = signGatewayRequest(secret, body, now);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyGatewayRequest(secret, signature, body, now + 299_000)).toBe(true);
  });

  it.each([
    ['no header', undefined, body, 0],
    ['garbage', 'not-a-signature', body, 0],
    ['another secret', signGatewayRequest('x'.repeat(40), body), body, 0],
    ['another body', signGatewayRequest(secret, body), '{"query":"{ talents { totalCount } }"}', 0],
    ['a stale timestamp', signGatewayRequest(secret, body), body, 301_000],
    ['a timestamp from the future', signGatewayRequest(secret, body), body, -301_000],
  ])('refuse %s', (_name, header, signedBody, skewMs) => {
    expect(verifyGatewayRequest(secret, header, signedBody, Date.now() + skewMs)).toBe(false);
  });
});
