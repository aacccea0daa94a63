import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { RunningServer } from '@nlai/http-server';
import pino from 'pino';
import { configFrom } from '../src/config';
import { createServer } from '../src/server';

const committed = readFileSync(resolve(__dirname, '../../schema/supergraph.graphql'), 'utf8');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
// A field only the changed supergraph has (LabCityCount belongs to research-innovation alone).
const withNewField = committed.replace(
  'type LabCityCount\n  @join__type(graph: RESEARCH_INNOVATION)\n{\n',
  'type LabCityCount\n  @join__type(graph: RESEARCH_INNOVATION)\n{\n  """Added by the test."""\n  fleetNote: String\n',
);

/**
 * The test's own schema registry: serves `sdl` with an ETag (its hash),
 * answers 304 to a matching If-None-Match, or fails with `failWith`; counts
 * what it answered.
 */
class SupergraphServer {
  sdl = committed;
  failWith: number | undefined;
  readonly answered = { 200: 0, 304: 0, failed: 0 };
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createHttpServer((request, response) => {
      if (this.failWith) {
        this.answered.failed += 1;
        response.writeHead(this.failWith).end('unavailable');
        return;
      }
      const etag = `"${sha256(this.sdl)}"`;
      if (request.headers['if-none-match'] === etag) {
        this.answered[304] += 1;
        response.writeHead(304, { etag }).end();
        return;
      }
      this.answered[200] += 1;
      response.writeHead(200, { etag, 'content-type': 'text/plain; charset=utf-8' }).end(this.sdl);
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/supergraph.graphql`;
  }

  async stop(): Promise<void> {
    await new Promise((done) => this.server?.close(done));
  }
}

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

describe('the gateway loads its supergraph from SUPERGRAPH_URL', () => {
  const registry = new SupergraphServer();
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) });
  const environment = {
    NODE_ENV: 'test',
    GATEWAY_PORT: '0',
    SUPERGRAPH_POLL_MS: '100',
    // Nothing listens there: every operation here is answered by the gateway itself.
    RESEARCH_INNOVATION_URL: 'http://127.0.0.1:9/graphql',
    HUMAN_CAPITAL_URL: 'http://127.0.0.1:9/graphql',
  };
  let gateway: RunningServer;

  beforeAll(async () => {
    await registry.start();
    gateway = await createServer(configFrom({ ...environment, SUPERGRAPH_URL: registry.url }), logger);
  });
  afterAll(async () => {
    await gateway?.close();
    await registry.stop();
  });

  /** /ready's body: 503 here (no subgraph answers), but it names the supergraph all the same. */
  const ready = async () => (await (await fetch(new URL('/ready', gateway.url))).json()) as { status: string; supergraph: string };
  const fieldsOfLabCityCount = async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __type(name: "LabCityCount") { fields { name } } }' }),
    });
    const body = (await response.json()) as { data: { __type: { fields: Array<{ name: string }> } } };
    return body.data.__type.fields.map((field) => field.name);
  };

  it('shows the hash of the supergraph it serves on /ready, and polls with If-None-Match: 304s while nothing changes', async () => {
    expect(await ready()).toEqual({ status: 'unavailable', supergraph: sha256(committed) });
    expect(await eventually(() => registry.answered[304] >= 3)).toBe(true);
    expect(registry.answered[200]).toBe(1);
    expect(await fieldsOfLabCityCount()).not.toContain('fleetNote');
  });

  it('serves a changed supergraph within the poll interval', async () => {
    registry.sdl = withNewField;
    expect(await eventually(async () => (await ready()).supergraph === sha256(withNewField))).toBe(true);
    expect(await fieldsOfLabCityCount()).toContain('fleetNote');
    const fetched = registry.answered[200];
    expect(await eventually(() => registry.answered[304] >= 3 + fetched)).toBe(true);
    expect(registry.answered[200]).toBe(2);
  });

  it('refuses a broken supergraph once and keeps the last good one', async () => {
    registry.sdl = 'this is not a supergraph';
    expect(await eventually(() => lines.some((line) => line.msg === 'the changed supergraph is invalid; keeping the last good one'))).toBe(
      true,
    );
    // Refused once, then 304s: the same broken version is not fetched again.
    const polled = registry.answered[304];
    expect(await eventually(() => registry.answered[304] >= polled + 3)).toBe(true);
    expect(registry.answered[200]).toBe(3);
    expect(lines.filter((line) => line.msg.startsWith('the changed supergraph is invalid'))).toHaveLength(1);
    expect((await ready()).supergraph).toBe(sha256(withNewField));
    expect(await fieldsOfLabCityCount()).toContain('fleetNote');
  });

  it('keeps the last good one while the URL fails, logging it once', async () => {
    registry.failWith = 500;
    expect(await eventually(() => registry.answered.failed >= 3)).toBe(true);
    expect(lines.filter((line) => line.msg === 'cannot fetch the supergraph; keeping the current schema')).toHaveLength(1);
    expect((await ready()).supergraph).toBe(sha256(withNewField));
    registry.failWith = undefined;
    registry.sdl = committed;
    expect(await eventually(async () => (await ready()).supergraph === sha256(committed))).toBe(true);
  });

  it('does not start when the first fetch fails, saying why', async () => {
    registry.failWith = 503;
    try {
      await expect(createServer(configFrom({ ...environment, SUPERGRAPH_URL: registry.url }), pino({ level: 'silent' }))).rejects.toThrow(
        `SUPERGRAPH_URL: cannot fetch the supergraph from ${registry.url} (${registry.url} answered HTTP 503); the gateway needs one to start`,
      );
    } finally {
      registry.failWith = undefined;
    }
  });
});
