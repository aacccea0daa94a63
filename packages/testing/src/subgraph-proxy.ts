import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through HTTP proxy in front of a subgraph, for fault tests and
 * benchmarks: it counts the GraphQL requests the gateway sends and the SQL
 * statements the subgraph reports for them, can hold each request back for a
 * while (a slow subgraph), and tells how many sockets the gateway keeps open
 * to it.
 */
export class SubgraphProxy {
  /** GraphQL requests received so far. */
  requests = 0;
  /** SQL statements the subgraph reported (`x-sql-statements`) for them, summed. */
  statements = 0;
  /** Each GraphQL request waits this long before it is forwarded. */
  delayMs = 0;
  /** The bodies of the GraphQL requests received so far, for tests that look at what the gateway sends. */
  bodies: string[] = [];
  /** The same requests with their headers (signature included), for tests that replay what the gateway sent. */
  captured: Array<{ headers: Record<string, string>; body: string }> = [];
  private server: Server | undefined;
  private targetPort = 0;

  /** Starts listening on a free port; `targetPort` is where the subgraph runs. */
  async start(targetPort: number): Promise<string> {
    this.targetPort = targetPort;
    this.server = createServer((incoming, outgoing) => {
      const isGraphQL = incoming.url?.startsWith('/graphql') ?? false;
      // The body is read whole first: it is recorded, and a held-back request still forwards all of it.
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      const send = () => {
        const upstream = forward(
          { host: '127.0.0.1', port: this.targetPort, method: incoming.method, path: incoming.url, headers: incoming.headers },
          (response) => {
            this.statements += Number(response.headers['x-sql-statements'] ?? 0);
            outgoing.writeHead(response.statusCode ?? 502, response.headers);
            response.pipe(outgoing);
          },
        );
        upstream.on('error', () => {
          if (!outgoing.headersSent) outgoing.writeHead(502);
          outgoing.end();
        });
        upstream.end(Buffer.concat(chunks));
      };
      incoming.on('end', () => {
        if (isGraphQL) {
          this.requests += 1;
          const body = Buffer.concat(chunks).toString('utf8');
          this.bodies.push(body);
          const headers = Object.fromEntries(
            Object.entries(incoming.headers).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : [])),
          );
          this.captured.push({ headers, body });
        }
        if (isGraphQL && this.delayMs > 0) setTimeout(send, this.delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  /** Sockets the gateway holds open to this subgraph right now. */
  openSockets(): Promise<number> {
    return new Promise((resolve, reject) => this.server!.getConnections((error, count) => (error ? reject(error) : resolve(count))));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
