import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sharingIdenticalReads, subgraphAgent, subgraphFetcher } from '../src/subgraph-fetcher';

describe('the subgraph fetcher’s deduplication', () => {
  let server: Server;
  let url: string;
  const received: IncomingHttpHeaders[] = [];
  const agent = subgraphAgent(8);
  const fetcher = subgraphFetcher({ subgraph: 'research-innovation', timeoutMs: 5_000, agent, deduplicate: true });
  const read = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ labs { name } }"}' };

  beforeAll(async () => {
    // A subgraph that answers slowly, so identical fetches are in flight together.
    server = createServer((request, response) => {
      received.push(request.headers);
      request.resume();
      setTimeout(() => response.end('{"data":{"labs":[]}}'), 200);
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  beforeEach(() => void received.splice(0));
  afterAll(async () => {
    await agent.close();
    await new Promise((closed) => server.close(closed));
  });

  it('sends identical reads of a query once, and each caller gets the answer', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => sharingIdenticalReads(() => fetcher(url, read))));
    expect(received).toHaveLength(1);
    for (const answer of answers) expect(await answer.json()).toEqual({ data: { labs: [] } });
  });

  it('sends every fetch made outside a query (a mutation’s) on its own', async () => {
    await Promise.all(Array.from({ length: 5 }, () => fetcher(url, read)));
    expect(received).toHaveLength(5);
  });

  it('sends the subgraph no header of its own making', async () => {
    await sharingIdenticalReads(() => fetcher(url, read));
    expect(Object.keys(received[0]!).filter((name) => name.startsWith('x-'))).toEqual([]);
  });
});
