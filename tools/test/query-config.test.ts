import { loadQueryConfig } from '../src/query/config';

describe('where npm run query sends operations', () => {
  const graphUrl = (env: Record<string, string>) => loadQueryConfig(env, '/').graphUrl;

  it('defaults to the gateway of npm start on port 4000', () => {
    expect(graphUrl({})).toBe('http://localhost:4000/graphql');
  });

  it('follows GATEWAY_PORT, as the gateway itself does', () => {
    expect(graphUrl({ GATEWAY_PORT: '4100' })).toBe('http://localhost:4100/graphql');
  });

  it('takes GATEWAY_URL before GATEWAY_PORT, and GRAPH_URL before both', () => {
    expect(graphUrl({ GATEWAY_PORT: '4100', GATEWAY_URL: 'http://gateway.test:8080/graphql' })).toBe('http://gateway.test:8080/graphql');
    expect(
      graphUrl({ GATEWAY_PORT: '4100', GATEWAY_URL: 'http://gateway.test:8080/graphql', GRAPH_URL: 'https://graph.test/graphql' }),
    ).toBe('https://graph.test/graphql');
  });

  it('refuses a GATEWAY_PORT or GATEWAY_URL it cannot use, naming the variable', () => {
    expect(() => graphUrl({ GATEWAY_PORT: 'four' })).toThrow('GATEWAY_PORT: expected a port number (1–65535), got "four".');
    expect(() => graphUrl({ GATEWAY_URL: 'gateway:4000' })).toThrow(
      'GATEWAY_URL: expected an http:// or https:// URL, got "gateway:4000".',
    );
  });
});
