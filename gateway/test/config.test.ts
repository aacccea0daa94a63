import { ConfigError } from '@nlai/config';
import { configFrom, environmentPrefix, subgraphNames } from '../src/config';

describe('the gateway’s configuration', () => {
  it('takes the subgraphs’ URLs from the supergraph unless the environment overrides them', () => {
    expect(configFrom({}).subgraphUrls).toEqual({});
    expect(configFrom({ RESEARCH_INNOVATION_PORT: '5001' }).subgraphUrls).toEqual({
      'research-innovation': 'http://127.0.0.1:5001/graphql',
    });
    expect(configFrom({ HUMAN_CAPITAL_URL: 'http://hc.internal:8080/graphql', HUMAN_CAPITAL_PORT: '5002' }).subgraphUrls).toEqual({
      'human-capital': 'http://hc.internal:8080/graphql',
    });
  });

  it('knows every subgraph the supergraph names, and their variables', () => {
    const sdl =
      'enum join__Graph { A @join__graph(name: "ai-skills", url: "http://x") B @join__graph(name: "human-capital", url: "http://y") }';
    expect(subgraphNames(sdl)).toEqual(['ai-skills', 'human-capital']);
    expect(environmentPrefix('ai-skills')).toBe('AI_SKILLS');
  });

  it('names every missing secret in production, and every bad value, at once', () => {
    expect(() => configFrom({ NODE_ENV: 'production', GATEWAY_MAX_DEPTH: 'deep' })).toThrow(
      new ConfigError([
        'GATEWAY_MAX_DEPTH: expected a whole number from 2 to 100',
        'AUTH_JWT_SECRET or AUTH_JWKS_URL: required in production',
        'HUMAN_CAPITAL_SUBGRAPH_SECRET: required in production',
        'RESEARCH_INNOVATION_SUBGRAPH_SECRET: required in production',
      ]),
    );
  });

  it('refuses a secret shared by two subgraphs, or by the tokens and a subgraph, naming the variables', () => {
    const key = (label: string) => `${label}-0123456789abcdef-0123456789abcdef`;
    expect(() => configFrom({ RESEARCH_INNOVATION_SUBGRAPH_SECRET: key('same'), HUMAN_CAPITAL_SUBGRAPH_SECRET: key('same') })).toThrow(
      new ConfigError([
        'HUMAN_CAPITAL_SUBGRAPH_SECRET, RESEARCH_INNOVATION_SUBGRAPH_SECRET: the same secret, so whoever holds one can sign for the others; give each its own (`openssl rand -hex 32`)',
      ]),
    );
    expect(() =>
      configFrom({
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: key('same'),
        RESEARCH_INNOVATION_SUBGRAPH_SECRET: key('ri'),
        HUMAN_CAPITAL_SUBGRAPH_SECRET: key('same'),
      }),
    ).toThrow(
      new ConfigError([
        'AUTH_JWT_SECRET, HUMAN_CAPITAL_SUBGRAPH_SECRET: the same secret, so whoever holds one can sign for the others; give each its own (`openssl rand -hex 32`)',
      ]),
    );
    expect(
      configFrom({ AUTH_JWT_SECRET: key('jwt'), RESEARCH_INNOVATION_SUBGRAPH_SECRET: key('ri'), HUMAN_CAPITAL_SUBGRAPH_SECRET: key('hc') })
        .subgraphSecrets,
    ).toEqual({
      'research-innovation': key('ri'),
      'human-capital': key('hc'),
    });
  });

  it('gives a client 30 s to send a request and 10 s for its headers, or what HTTP_*_TIMEOUT_MS say', () => {
    expect(configFrom({}).http).toEqual({ requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, shutdownDelayMs: 0 });
    expect(configFrom({ HTTP_REQUEST_TIMEOUT_MS: '5000', HTTP_HEADERS_TIMEOUT_MS: '8000' }).http).toEqual({
      requestTimeoutMs: 5000,
      headersTimeoutMs: 5000,
      shutdownDelayMs: 0,
    });
    expect(() => configFrom({ HTTP_REQUEST_TIMEOUT_MS: '0' })).toThrow(
      /HTTP_REQUEST_TIMEOUT_MS: expected a whole number from 1000 to 300000/,
    );
  });

  it('turns the explorer and the insights page off in production unless asked, and reads the CORS allow-list', () => {
    const key = (label: string) => `${label}-0123456789abcdef-0123456789abcdef`;
    const secrets = {
      AUTH_JWT_SECRET: key('jwt'),
      RESEARCH_INNOVATION_SUBGRAPH_SECRET: key('ri'),
      HUMAN_CAPITAL_SUBGRAPH_SECRET: key('hc'),
    };
    expect(configFrom({}).explorer).toBe(true);
    expect(configFrom({ NODE_ENV: 'production', ...secrets }).explorer).toBe(false);
    expect(configFrom({ NODE_ENV: 'production', EXPLORER_ENABLED: 'true', ...secrets }).explorer).toBe(true);
    expect(configFrom({}).insights).toBe(true);
    expect(configFrom({ INSIGHTS_ENABLED: 'false' }).insights).toBe(false);
    expect(configFrom({ NODE_ENV: 'production', ...secrets }).insights).toBe(false);
    expect(configFrom({ NODE_ENV: 'production', INSIGHTS_ENABLED: 'true', ...secrets }).insights).toBe(true);
    expect(configFrom({ CORS_ORIGINS: ' https://a.example , https://b.example,' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('records field usage by default outside tests, into .data/usage, and refuses a sample rate outside (0, 1]', () => {
    expect(configFrom({}).usage).toEqual({
      recording: true,
      spoolDirectory: expect.stringMatching(/\/\.data\/usage$/),
      sampleRate: 1,
      maxKeys: 10_000,
      flushIntervalMs: 60_000,
    });
    expect(configFrom({ NODE_ENV: 'test' }).usage.recording).toBe(false);
    expect(configFrom({ NODE_ENV: 'test', USAGE_RECORDING: 'true', USAGE_SAMPLE_RATE: '0.25' }).usage).toMatchObject({
      recording: true,
      sampleRate: 0.25,
    });
    expect(() => configFrom({ USAGE_SAMPLE_RATE: '0' })).toThrow(
      new ConfigError(['USAGE_SAMPLE_RATE: expected a number above 0, at most 1']),
    );
    expect(() => configFrom({ USAGE_SAMPLE_RATE: 'half' })).toThrow(
      new ConfigError(['USAGE_SAMPLE_RATE: expected a number above 0, at most 1']),
    );
  });

  it('rate-limits callers only in production unless told, and reads the trusted proxies', () => {
    const key = (label: string) => `${label}-0123456789abcdef-0123456789abcdef`;
    const secrets = {
      AUTH_JWT_SECRET: key('jwt'),
      RESEARCH_INNOVATION_SUBGRAPH_SECRET: key('ri'),
      HUMAN_CAPITAL_SUBGRAPH_SECRET: key('hc'),
    };
    expect(configFrom({}).rateLimit).toEqual({ requests: 0, windowMs: 60_000, trustedProxies: [] });
    expect(configFrom({ NODE_ENV: 'production', ...secrets }).rateLimit.requests).toBe(6000);
    expect(configFrom({ NODE_ENV: 'production', GATEWAY_RATE_LIMIT_REQUESTS: '0', ...secrets }).rateLimit.requests).toBe(0);
    expect(
      configFrom({ GATEWAY_RATE_LIMIT_REQUESTS: '100', GATEWAY_RATE_LIMIT_WINDOW_MS: '1000', GATEWAY_TRUSTED_PROXIES: '127.0.0.1, ::1' })
        .rateLimit,
    ).toEqual({ requests: 100, windowMs: 1000, trustedProxies: ['127.0.0.1', '::1'] });
  });

  it('refuses a rate limit that is not a whole number from 0', () => {
    expect(() => configFrom({ GATEWAY_RATE_LIMIT_REQUESTS: '-1' })).toThrow(
      new ConfigError(['GATEWAY_RATE_LIMIT_REQUESTS: expected a whole number from 0 to 10000000']),
    );
    expect(() => configFrom({ GATEWAY_RATE_LIMIT_REQUESTS: 'lots' })).toThrow(
      new ConfigError(['GATEWAY_RATE_LIMIT_REQUESTS: expected a whole number from 0 to 10000000']),
    );
  });

  it('refuses a rate-limit window under a second', () => {
    expect(() => configFrom({ GATEWAY_RATE_LIMIT_WINDOW_MS: '10' })).toThrow(
      new ConfigError(['GATEWAY_RATE_LIMIT_WINDOW_MS: expected a whole number from 1000 to 86400000']),
    );
  });

  it('refuses trusted proxies that are not IP addresses', () => {
    expect(() => configFrom({ GATEWAY_TRUSTED_PROXIES: '127.0.0.1,haproxy.internal' })).toThrow(
      new ConfigError(['GATEWAY_TRUSTED_PROXIES: expected IP addresses, comma-separated, e.g. 127.0.0.1,10.0.0.2']),
    );
  });

  it('refuses a REDIS_URL that is not a redis:// URL', () => {
    expect(configFrom({}).redisUrl).toBeUndefined();
    expect(configFrom({ REDIS_URL: 'redis://127.0.0.1:6379/2' }).redisUrl).toBe('redis://127.0.0.1:6379/2');
    expect(() => configFrom({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(
      new ConfigError(['REDIS_URL: expected redis://[user:password@]host:port[/db]']),
    );
  });

  it('refuses a SUPERGRAPH_URL that is not http(s), and with one reads no supergraph file at boot', () => {
    expect(() => configFrom({ SUPERGRAPH_URL: 'ftp://schemas.internal/supergraph.graphql' })).toThrow(
      new ConfigError(['SUPERGRAPH_URL: expected an http:// or https:// URL']),
    );
    const config = configFrom({ SUPERGRAPH_URL: 'http://schemas.internal/supergraph.graphql', SUPERGRAPH_FILE: '/nonexistent' });
    expect(config.supergraphUrl).toBe('http://schemas.internal/supergraph.graphql');
    const sdl = 'enum join__Graph { A @join__graph(name: "ai-skills", url: "http://x") }';
    expect(configFrom({ SUPERGRAPH_URL: 'http://s/', AI_SKILLS_PORT: '5009' }).subgraphsOf(sdl)).toEqual({
      urls: { 'ai-skills': 'http://127.0.0.1:5009/graphql' },
      secrets: {},
    });
    expect(() => configFrom({ SUPERGRAPH_URL: 'http://s/', AI_SKILLS_PORT: 'x' }).subgraphsOf(sdl)).toThrow(ConfigError);
  });
});
