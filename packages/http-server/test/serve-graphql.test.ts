import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { slowClient } from '@nlai/testing';
import { useRequestRecord } from '../src/request-record';
import { serveGraphQL, type AroundRequest, type RunningServer } from '../src/serve-graphql';

const silent = pino({ level: 'silent' });

/** A logger that keeps its JSON lines, for asserting what was logged and at which level. */
function capturingLogger() {
  const lines: Array<{ level: number; msg: string; requestId?: string; err?: { message: string } }> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) });
  return { logger, lines };
}

interface StartOptions {
  ready?: boolean;
  isReady?: () => Promise<boolean>;
  verifyCaller?: () => boolean;
  logger?: pino.Logger;
  slowMs?: number;
  bodyLimitBytes?: number;
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
  aroundRequest?: AroundRequest;
}

async function start(options: StartOptions = {}): Promise<RunningServer> {
  const apollo = new ApolloServer({
    typeDefs: 'type Query { hello(name: String): String, slow: String }',
    resolvers: {
      Query: {
        hello: (_: unknown, { name }: { name?: string }) => `hello ${name ?? 'world'}`,
        slow: () => new Promise((resolve) => setTimeout(() => resolve('done'), options.slowMs ?? 0)),
      },
    },
    plugins: [useRequestRecord()],
    logger: silent,
  });
  await apollo.start();
  return serveGraphQL({
    apollo,
    context: async () => ({}),
    port: 0,
    isReady: options.isReady ?? (async () => options.ready ?? true),
    ...(options.verifyCaller ? { verifyCaller: options.verifyCaller } : {}),
    ...(options.aroundRequest ? { aroundRequest: options.aroundRequest } : {}),
    bodyLimitBytes: options.bodyLimitBytes,
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.headersTimeoutMs ? { headersTimeoutMs: options.headersTimeoutMs } : {}),
    logger: options.logger ?? silent,
  });
}

const post = (server: RunningServer, body: string, contentType = 'application/json') =>
  fetch(server.url, { method: 'POST', headers: { 'content-type': contentType }, body });

describe('serveGraphQL', () => {
  let server: RunningServer;
  afterEach(async () => server?.close());

  it('answers GraphQL at /graphql and names the request in x-request-id', async () => {
    server = await start();
    const response = await post(server, JSON.stringify({ query: '{ hello(name: "Delft") }' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { hello: 'hello Delft' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a sane x-request-id from the caller and replaces an unsafe one', async () => {
    server = await start();
    const kept = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-42' },
      body: '{"query":"{ hello }"}',
    });
    expect(kept.headers.get('x-request-id')).toBe('trace-42');
    const replaced = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces' },
      body: '{"query":"{ hello }"}',
    });
    expect(replaced.headers.get('x-request-id')).not.toBe('bad id with spaces');
  });

  it('runs each GraphQL request inside the aroundRequest hook, which may add response headers', async () => {
    const seen: string[] = [];
    server = await start({
      aroundRequest: async ({ requestId, setHeader }, run) => {
        seen.push(requestId);
        const result = await run();
        setHeader('x-around', 'after the request ran');
        return result;
      },
    });
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-7' },
      body: '{"query":"{ hello }"}',
    });
    expect(await response.json()).toEqual({ data: { hello: 'hello world' } });
    expect(response.headers.get('x-around')).toBe('after the request ran');
    expect(seen).toEqual(['trace-7']);
    await fetch(`${server.url.replace(/\/graphql$/, '')}/health`);
    expect(seen).toEqual(['trace-7']);
  });

  it('says it is alive at /health and ready at /ready, or 503 when its dependencies are not', async () => {
    server = await start({ ready: false });
    const base = server.url.replace('/graphql', '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable' });
  });

  it('logs a failing readiness check at warn with its cause, once per change from ready to not ready', async () => {
    const { logger, lines } = capturingLogger();
    let database: 'up' | 'down' = 'down';
    server = await start({
      logger,
      isReady: async () => {
        if (database === 'down') throw new Error('SQLITE_CANTOPEN: unable to open database file');
        return true;
      },
    });
    const base = server.url.replace('/graphql', '');
    const poll = async () => (await fetch(`${base}/ready`)).status;
    expect([await poll(), await poll(), await poll()]).toEqual([503, 503, 503]);
    database = 'up';
    expect(await poll()).toBe(200);
    database = 'down';
    expect(await poll()).toBe(503);
    const readiness = lines.filter((line) => /ready/.test(line.msg)).map((line) => [line.level, line.err?.message]);
    expect(readiness).toEqual([
      [40, 'SQLITE_CANTOPEN: unable to open database file'],
      [30, undefined],
      [40, 'SQLITE_CANTOPEN: unable to open database file'],
    ]);
  });

  it('logs a request refused by its caller check (not signed by the gateway, or replayed) at warn, with the request id', async () => {
    const { logger, lines } = capturingLogger();
    server = await start({ logger, verifyCaller: () => false });
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'replay-1' },
      body: '{"query":"{ hello }"}',
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(lines.filter((line) => line.requestId === 'replay-1').map((line) => line.level)).toEqual([40]);
  });

  it('writes exactly one line per request, refused ones included, with its id, operation, client, status and codes', async () => {
    const { logger, lines } = capturingLogger();
    server = await start({ logger, bodyLimitBytes: 200 });
    const base = server.url.replace('/graphql', '');
    const send = (requestId: string, body: string, path = '/graphql') =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-request-id': requestId,
          'apollographql-client-name': 'web',
          'apollographql-client-version': '2.0.1',
        },
        body,
      });
    await send('ok-1', '{"query":"query Greeting { hello }"}');
    await send('invalid-1', '{"query":"query Broken { nope }"}');
    await send('json-1', '{not json');
    await send('large-1', JSON.stringify({ query: `{ hello(name: "${'x'.repeat(300)}") }` }));
    await send('lost-1', '{}', '/elsewhere');
    await fetch(`${base}/health`, { headers: { 'x-request-id': 'health-1' } });
    const summary = (requestId: string) =>
      lines
        .filter((line) => line.requestId === requestId)
        .map((line) => {
          const { level, msg, status, codes, operationName, clientName, clientVersion } = line as typeof line & Record<string, unknown>;
          return { level, msg, status, codes, operationName, clientName, clientVersion };
        });
    const client = { clientName: 'web', clientVersion: '2.0.1' };
    expect(summary('ok-1')).toEqual([{ level: 30, msg: 'request', status: 200, codes: [], operationName: 'Greeting', ...client }]);
    expect(summary('invalid-1')).toEqual([
      {
        level: 30,
        msg: 'request with a client mistake',
        status: 200,
        codes: ['GRAPHQL_VALIDATION_FAILED'],
        operationName: 'Broken',
        ...client,
      },
    ]);
    for (const [requestId, status] of [
      ['json-1', 400],
      ['large-1', 413],
      ['lost-1', 404],
    ] as const)
      expect(summary(requestId)).toEqual([
        { level: 30, msg: 'request with a client mistake', status, codes: ['BAD_REQUEST'], operationName: null, ...client },
      ]);
    expect(summary('health-1')).toEqual([]);
  });

  it('cuts a client that trickles its body in, with 408, long before it has sent it', async () => {
    server = await start({ requestTimeoutMs: 1000, headersTimeoutMs: 500 });
    const body = JSON.stringify({ query: '{ hello }' }).padEnd(60, ' ');
    const { bytesSent, answer } = await slowClient(
      server.url,
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      body,
    );
    expect(bytesSent).toBeLessThan(body.length);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts a client that trickles its headers in', async () => {
    server = await start({ requestTimeoutMs: 1000, headersTimeoutMs: 500 });
    const headers = `Content-Type: application/json\r\nX-Padding: ${'x'.repeat(40)}\r\n\r\n`;
    const { bytesSent } = await slowClient(server.url, 'POST /graphql HTTP/1.1\r\nHost: x\r\n', headers);
    expect(bytesSent).toBeLessThan(headers.length);
  });

  it('refuses a body above the limit with 413', async () => {
    server = await start({ bodyLimitBytes: 100 });
    const response = await post(server, JSON.stringify({ query: `{ hello(name: "${'x'.repeat(200)}") }` }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a body that is not JSON with 400 BAD_REQUEST', async () => {
    server = await start();
    const response = await post(server, '{"query": ');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('answers 404 outside its paths', async () => {
    server = await start();
    expect((await fetch(server.url.replace('/graphql', '/elsewhere'))).status).toBe(404);
  });

  it('lets an in-flight request finish when it closes', async () => {
    server = await start({ slowMs: 300 });
    const inFlight = post(server, JSON.stringify({ query: '{ slow }' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = server.close();
    const response = await inFlight;
    expect(await response.json()).toEqual({ data: { slow: 'done' } });
    await closed;
    await expect(post(server, JSON.stringify({ query: '{ hello }' }))).rejects.toThrow();
  });
});
