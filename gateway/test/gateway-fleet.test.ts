import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentSecret, signToken } from '@nlai/auth';
import type { RunningServer } from '@nlai/http-server';
import { connectSharedState, type SharedState } from '@nlai/shared-state';
import { PrivateRedis } from '@nlai/testing';
import pino from 'pino';
import { configFrom } from '../src/config';
import { createServer } from '../src/server';

/**
 * Two gateway replicas (in this process, each with its own Redis
 * connection) sharing a Redis of the test's own, which the last tests kill
 * and start again. They need no subgraph: every operation here is answered
 * by the gateway itself (`__typename`).
 */

const limit = 5;
// Long enough that no window ends during the file: each test uses callers of its own.
const windowMs = 600_000;

interface Replica {
  server: RunningServer;
  lines: Array<{ level: number; msg: string; feature?: string }>;
}

async function startReplica(redisUrl: string, environment: Record<string, string> = {}): Promise<Replica> {
  const lines: Replica['lines'] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Replica['lines'][number]) });
  const config = configFrom({
    NODE_ENV: 'test',
    GATEWAY_PORT: '0',
    REDIS_URL: redisUrl,
    GATEWAY_RATE_LIMIT_REQUESTS: String(limit),
    GATEWAY_RATE_LIMIT_WINDOW_MS: String(windowMs),
    GATEWAY_TRUSTED_PROXIES: '127.0.0.1',
    // Nothing listens there: no test needs a subgraph.
    RESEARCH_INNOVATION_URL: 'http://127.0.0.1:9/graphql',
    HUMAN_CAPITAL_URL: 'http://127.0.0.1:9/graphql',
    ...environment,
  });
  return { server: await createServer(config, logger), lines };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

/**
 * A POST over real HTTP from a chosen loopback address (127.0.0.2 and up
 * stand for clients elsewhere; 127.0.0.1 is the trusted proxy).
 */
function post(
  url: string,
  body: unknown,
  options: { from?: string; forwardedFor?: string; token?: string; path?: string; method?: string } = {},
): Promise<Answer> {
  const target = new URL(options.path ?? '', url);
  const text = options.method === 'GET' ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      target,
      {
        method: options.method ?? 'POST',
        localAddress: options.from ?? '127.0.0.2',
        headers: {
          ...(options.method === 'GET' ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }),
          ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (response) => {
        let received = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (received += chunk));
        response.on('end', () => {
          let parsed: Answer['body'] = {};
          try {
            parsed = JSON.parse(received) as Answer['body'];
          } catch {
            // not JSON (/metrics)
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: parsed });
        });
      },
    );
    sent.on('error', reject);
    sent.end(text);
  });
}

const typename = (url: string, options: Parameters<typeof post>[2] = {}) => post(url, { query: '{ __typename }' }, options);
const codesOf = (answer: Answer) => (answer.body.errors ?? []).map((error) => error.extensions?.code);
const tokenOf = (subject: string) => signToken({ secret: developmentSecret, scopes: [], subject, expiresInSeconds: 3600 });

/** Sends `count` requests one after another; their statuses. */
async function statuses(count: number, send: () => Promise<Answer>): Promise<number[]> {
  const seen: number[] = [];
  for (let index = 0; index < count; index++) seen.push((await send()).status);
  return seen;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const okTimes = (count: number) => Array<number>(count).fill(200);

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((wait) => setTimeout(wait, 200));
  }
}

describe('gateway replicas sharing one Redis', () => {
  const redis = new PrivateRedis();
  let a: Replica;
  let b: Replica;
  let probe: SharedState;

  beforeAll(async () => {
    await redis.start();
    a = await startReplica(redis.url);
    b = await startReplica(redis.url);
    probe = connectSharedState({ url: redis.url, logger: pino({ level: 'silent' }), keyPrefix: '' });
  });
  afterAll(async () => {
    await a?.server.close();
    await b?.server.close();
    await probe?.close();
    await redis.stop();
  });

  /**
   * Commands clients have sent so far (INFO commandstats), without the INFO
   * asking: a script run counts once, not the commands it runs inside Redis.
   */
  async function commandsRun(): Promise<number> {
    const stats = await probe.redis.info('commandstats');
    const insideTheRateLimitScript = ['incr', 'pttl', 'pexpire'];
    return [...stats.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)]
      .filter(([, command]) => command !== 'info' && !insideTheRateLimitScript.includes(command!))
      .reduce((sum, [, , calls]) => sum + Number(calls), 0);
  }

  it('serves a persisted query registered through one replica from the other', async () => {
    const query = '{ registeredThroughA: __typename }';
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    const hashOnly = { extensions: { persistedQuery } };
    expect(codesOf(await post(b.server.url, hashOnly))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);

    const registered = await post(a.server.url, { query, extensions: { persistedQuery } });
    expect(registered.body).toEqual({ data: { registeredThroughA: 'Query' } });

    const fromB = await post(b.server.url, hashOnly);
    expect(fromB.status).toBe(200);
    expect(fromB.body).toEqual({ data: { registeredThroughA: 'Query' } });
    expect(await probe.redis.ttl(`nlai:gateway:apq:${persistedQuery.sha256Hash}`)).toBeGreaterThan(0);
  });

  it('limits a caller across both replicas: 429 RATE_LIMITED with Retry-After, before the operation runs', async () => {
    const from = '127.0.0.3';
    expect(await statuses(limit, () => typename(a.server.url, { from }))).toEqual(okTimes(limit));
    const limited = await typename(b.server.url, { from });
    expect(limited.status).toBe(429);
    expect(codesOf(limited)).toEqual(['RATE_LIMITED']);
    expect(limited.body.data).toBeUndefined();
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(windowMs / 1000);
    // Refused before parsing: a document that is not GraphQL gets the same answer.
    expect(codesOf(await post(a.server.url, { query: '{ not graphql' }, { from }))).toEqual(['RATE_LIMITED']);

    // Another caller is not limited.
    expect((await typename(b.server.url, { from: '127.0.0.4' })).status).toBe(200);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const from = '127.0.0.5';
    expect(await statuses(limit, () => typename(a.server.url, { from }))).toEqual(okTimes(limit));
    const spoofed = await typename(b.server.url, { from, forwardedFor: '10.9.9.9' });
    expect(spoofed.status).toBe(429);
  });

  it('believes a trusted proxy: the nearest address it was not told by another trusted proxy is the caller', async () => {
    const proxy = '127.0.0.1';
    expect(await statuses(limit, () => typename(a.server.url, { from: proxy, forwardedFor: '10.0.0.1' }))).toEqual(okTimes(limit));
    expect((await typename(b.server.url, { from: proxy, forwardedFor: '10.0.0.1' })).status).toBe(429);
    // The proxy's own address is no caller: another client behind it is not limited.
    expect((await typename(b.server.url, { from: proxy, forwardedFor: '10.0.0.2' })).status).toBe(200);
    // What the client wrote itself (left of what the proxy appended) is not believed either.
    expect((await typename(b.server.url, { from: proxy, forwardedFor: '10.0.0.1, 10.0.0.3' })).status).toBe(200);
    expect((await typename(b.server.url, { from: proxy, forwardedFor: '10.0.0.3, 10.0.0.1' })).status).toBe(429);
  });

  it('counts a caller with a valid token by its subject, whatever its address; without one, by its address', async () => {
    const alice = tokenOf('fleet-alice');
    let address = 0;
    // From a new address each time: only the subject ties them together.
    const sent = await statuses(limit, () => typename(a.server.url, { from: `127.0.1.${(address += 1)}`, token: alice }));
    expect(sent).toEqual(okTimes(limit));
    expect((await typename(b.server.url, { from: '127.0.0.6', token: alice })).status).toBe(429);
    // The same address, another subject, or no token: not limited.
    expect((await typename(b.server.url, { from: '127.0.0.6', token: tokenOf('fleet-bob') })).status).toBe(200);
    expect((await typename(b.server.url, { from: '127.0.0.6' })).status).toBe(200);
  });

  it('never limits /health, /ready and /metrics', async () => {
    const from = '127.0.0.7';
    await statuses(limit + 1, () => typename(a.server.url, { from }));
    expect((await typename(a.server.url, { from })).status).toBe(429);
    expect((await post(a.server.url, undefined, { from, method: 'GET', path: '/health' })).status).toBe(200);
    // No subgraph answers here, so /ready is 503; never 429.
    expect((await post(a.server.url, undefined, { from, method: 'GET', path: '/ready' })).status).toBe(503);
    expect((await post(a.server.url, undefined, { from, method: 'GET', path: '/metrics' })).status).toBe(200);
  });

  it('costs one Redis command per request when on, none when off', async () => {
    const before = await commandsRun();
    await statuses(3, () => typename(a.server.url, { from: '127.0.0.8' }));
    expect((await commandsRun()) - before).toBe(3);

    const unlimited = await startReplica(redis.url, { GATEWAY_RATE_LIMIT_REQUESTS: '0' });
    try {
      const idle = await commandsRun();
      expect(await statuses(limit + 2, () => typename(unlimited.server.url, { from: '127.0.0.8' }))).toEqual(okTimes(limit + 2));
      expect((await commandsRun()) - idle).toBe(0);
    } finally {
      await unlimited.server.close();
    }
  });

  it('keeps the safelist mode: only the manifest’s operations run, whatever a client registers', async () => {
    const body = 'query FleetSafelisted { __typename }';
    const directory = mkdtempSync(join(tmpdir(), 'nlai-fleet-'));
    const manifest = join(directory, 'persisted-operations.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id: sha256(body), name: 'FleetSafelisted', type: 'query', body }],
      }),
    );
    const safelisted = await startReplica(redis.url, { PERSISTED_OPERATIONS_ONLY: 'true', PERSISTED_OPERATIONS_FILE: manifest });
    try {
      const from = '127.0.0.11';
      const byId = await post(
        safelisted.server.url,
        { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(body) } } },
        { from },
      );
      expect(byId.body).toEqual({ data: { __typename: 'Query' } });
      const query = '{ notListed: __typename }';
      const registering = await post(
        safelisted.server.url,
        { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } },
        { from },
      );
      expect(codesOf(registering)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
    } finally {
      await safelisted.server.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('keeps answering when Redis dies, limiting per replica with a warning logged once; shares again when it is back', async () => {
    await redis.stop('SIGKILL');
    const from = '127.0.0.9';
    // Each replica counts alone: the limit through A, and the limit again through B.
    expect(await statuses(limit, () => typename(a.server.url, { from }))).toEqual(okTimes(limit));
    expect((await typename(a.server.url, { from })).status).toBe(429);
    expect(await statuses(limit, () => typename(b.server.url, { from }))).toEqual(okTimes(limit));
    expect((await typename(b.server.url, { from })).status).toBe(429);
    for (const replica of [a, b]) {
      const warnings = replica.lines.filter((line) => line.feature?.startsWith('rate limits'));
      expect(warnings.map((line) => [line.level, line.msg])).toEqual([
        [40, 'shared state (Redis) unavailable: rate limits (each replica now enforces the limit alone) degrades until it answers'],
      ]);
    }
    // A persisted query registered through A while Redis is down is still served by A.
    const query = '{ registeredWhileDown: __typename }';
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    expect((await post(a.server.url, { query, extensions: { persistedQuery } }, { from: '127.0.0.10' })).status).toBe(200);
    expect((await post(a.server.url, { extensions: { persistedQuery } }, { from: '127.0.0.10' })).body).toEqual({
      data: { registeredWhileDown: 'Query' },
    });

    await redis.start();
    let caller = 0;
    const sharedAgain = await eventually(async () => {
      caller += 1;
      const address = `127.0.2.${caller}`;
      await statuses(limit, () => typename(a.server.url, { from: address }));
      return (await typename(b.server.url, { from: address })).status === 429;
    });
    expect(sharedAgain).toBe(true);
  });
});
