import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { useRequestRecord } from '../src/request-record';
import { serveGraphQL, type RunningServer } from '../src/serve-graphql';

const silent = pino({ level: 'silent' });

/** A server whose `held` query answers only when the test lets it go. */
async function start(shutdownDelayMs: number) {
  let release: () => void = () => undefined;
  let arrived: () => void = () => undefined;
  const held = new Promise<string>((resolve) => (release = () => resolve('finished')));
  const heldArrived = new Promise<void>((resolve) => (arrived = resolve));
  const apollo = new ApolloServer({
    typeDefs: 'type Query { hello: String, held: String }',
    resolvers: {
      Query: {
        hello: () => 'hello',
        held: () => {
          arrived();
          return held;
        },
      },
    },
    plugins: [useRequestRecord()],
    logger: silent,
  });
  await apollo.start();
  const server = await serveGraphQL({ apollo, context: () => ({}), port: 0, isReady: async () => true, shutdownDelayMs, logger: silent });
  return { server, release, heldArrived };
}

/** One request over `agent` (keep-alive), answered as status and body; rejects when the connection is refused or cut. */
function send(server: RunningServer, path: string, agent: Agent, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port: server.port, path, method: body ? 'POST' : 'GET', agent, headers: { 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const query = (text: string) => JSON.stringify({ query: text });

/** Resolves with the error code of the first request refused at connect time (polling: the delay ends on the server's clock). */
async function refusedConnection(server: RunningServer): Promise<string> {
  for (;;) {
    const fresh = new Agent({ keepAlive: false });
    const outcome = await send(server, '/health', fresh).then(
      () => undefined,
      (error: NodeJS.ErrnoException) => error.code,
    );
    if (outcome) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('stopping (SIGTERM) behind a load balancer', () => {
  const agents: Agent[] = [];
  const keepAlive = () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    agents.push(agent);
    return agent;
  };
  afterEach(() => agents.splice(0).forEach((agent) => agent.destroy()));

  it('answers /ready with 503 at once, serves through the delay, then refuses new connections while in-flight work finishes', async () => {
    const { server, release, heldArrived } = await start(1500);
    const client = keepAlive();
    const idle = keepAlive();
    // An idle keep-alive connection, as a load balancer's pool holds one.
    expect((await send(server, '/health', idle)).status).toBe(200);
    const idleSockets = Object.values(idle.freeSockets).flat() as Socket[];
    expect(idleSockets).toHaveLength(1);
    const idleClosed = new Promise<void>((resolve) => idleSockets[0]!.once('close', () => resolve()));

    const inFlight = send(server, '/graphql', keepAlive(), query('{ held }'));
    await heldArrived;
    expect((await send(server, '/ready', client)).status).toBe(200);

    const closed = server.close();
    const ready = await send(server, '/ready', client);
    expect({ status: ready.status, body: JSON.parse(ready.body) as unknown }).toEqual({ status: 503, body: { status: 'stopping' } });
    // Still serving during the delay: the load balancer has not taken it out yet.
    expect(await send(server, '/graphql', client, query('{ hello }'))).toEqual({ status: 200, body: '{"data":{"hello":"hello"}}\n' });

    // After the delay: no new connections, while the held request is still in flight.
    expect(await refusedConnection(server)).toBe('ECONNREFUSED');
    await idleClosed;
    release();
    expect(await inFlight).toEqual({ status: 200, body: '{"data":{"held":"finished"}}\n' });
    await closed;
  });

  it('without a delay (the default outside production), stops accepting at once', async () => {
    const { server, release, heldArrived } = await start(0);
    const inFlight = send(server, '/graphql', keepAlive(), query('{ held }'));
    await heldArrived;
    const closed = server.close();
    expect(await refusedConnection(server)).toBe('ECONNREFUSED');
    release();
    expect((await inFlight).status).toBe(200);
    await closed;
  });
});
