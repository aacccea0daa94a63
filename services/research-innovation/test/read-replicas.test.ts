import { developmentSecret, gatewaySignatureHeader, signGatewayRequest, signToken } from '@nlai/auth';
import type { RunningSubgraph } from '@nlai/subgraph-kit';
import { PrivateMariaDb, PrivateRedis } from '@nlai/testing';
import jwt from 'jsonwebtoken';
import pino from 'pino';
import { researchInnovation } from '../src/subgraph';

/*
 * Reads from a real MariaDB replica (GTID replication from a primary of the
 * test's own), writes to the primary, through two instances of the subgraph
 * sharing one Redis, as two replicas of the service behind a load balancer.
 * Pausing the replica's SQL thread makes it lag on demand: a row written on
 * the primary alone tells which server answered a read.
 */

const gatewaySecret = 'replica-test-secret-0123456789abcdef';
const maxLagMs = 3000;
const tokenOf = (subject: string) =>
  signToken({ secret: developmentSecret, scopes: ['research-innovation:write'], subject, expiresInSeconds: 3600 });
const writerA = tokenOf('writer-a');
const readerB = tokenOf('reader-b');

interface Answer<Data> {
  status: number;
  data?: Data;
  errors?: unknown[];
}

/** A request as the gateway sends it: signed for this subgraph (fresh nonce), or with the given signature. */
async function post<Data>(
  server: RunningSubgraph,
  query: string,
  options: { token?: string; variables?: Record<string, unknown>; signature?: string; body?: string } = {},
): Promise<Answer<Data> & { signature: string; body: string }> {
  const body = options.body ?? JSON.stringify({ query, variables: options.variables });
  const authorization = options.token ? `Bearer ${options.token}` : undefined;
  const signature = options.signature ?? signGatewayRequest(gatewaySecret, { subgraph: 'research-innovation', body, authorization });
  const response = await fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [gatewaySignatureHeader]: signature,
      ...(authorization ? { authorization } : {}),
    },
    body,
  });
  const answer = (await response.json()) as { data?: Data; errors?: unknown[] };
  return { status: response.status, ...answer, signature, body };
}

const organisationName = async (server: RunningSubgraph, id: string, token?: string): Promise<string | null> => {
  const answer = await post<{ organisation: { name: string } | null }>(server, 'query($id: ID!) { organisation(id: $id) { name } }', {
    variables: { id },
    ...(token ? { token } : {}),
  });
  expect(answer.errors).toBeUndefined();
  return answer.data!.organisation?.name ?? null;
};

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('reads from MariaDB read replicas, writes to the primary (real GTID replication)', () => {
  const primary = new PrivateMariaDb({ serverId: 1 });
  const replica = new PrivateMariaDb({ serverId: 2 });
  const redis = new PrivateRedis();
  let one: RunningSubgraph;
  let two: RunningSubgraph;
  let sequence = 0;
  /** What instance one logged: the replica's state changes must each appear once. */
  const logged: Array<{ msg: string }> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as { msg: string }) });
  const logCount = (prefix: string) => logged.filter((line) => line.msg.startsWith(prefix)).length;
  /** A row written on the primary alone (SQL, outside the subgraph): visible on the replica only once replicated. */
  const writeOnPrimary = async () => {
    sequence += 1;
    const id = `ghost-${sequence}`;
    await primary.execute(`INSERT INTO ri.organisation (id, name, kind, country) VALUES ('${id}', 'Ghost ${sequence}', 'COMPANY', 'NL')`);
    return id;
  };
  const onReplica = async (id: string) =>
    ((await replica.execute(`SELECT id FROM ri.organisation WHERE id = '${id}'`))[0] as unknown[]).length > 0;
  const start = (serverLogger?: typeof logger) =>
    researchInnovation.start(
      researchInnovation.configFrom({
        RESEARCH_INNOVATION_PORT: '0',
        RESEARCH_INNOVATION_DATABASE_URL: `${primary.url}/ri`,
        RESEARCH_INNOVATION_DATABASE_REPLICA_URLS: `${replica.url}/ri`,
        RESEARCH_INNOVATION_SUBGRAPH_SECRET: gatewaySecret,
        DATABASE_REPLICA_MAX_LAG_MS: String(maxLagMs),
        DATABASE_REPLICA_CHECK_MS: '100',
        REDIS_URL: redis.url,
        LOG_LEVEL: 'silent',
      }),
      serverLogger,
    );
  const ready = async (server: RunningSubgraph) =>
    server.replicas!.status().every((state) => state.healthy) && !server.replicas!.writesMayBeUnknown();

  beforeAll(async () => {
    await Promise.all([primary.install(), replica.install(), redis.start()]);
    await replica.replicate(primary);
    await primary.execute('CREATE DATABASE ri');
    one = await start(logger);
    two = await start();
    await replica.catchUpWith(primary);
    // A new process waits one write memory (max lag + two checks) before trusting replicas for signed-in callers.
    await until(async () => (await ready(one)) && (await ready(two)), 'both instances use the replica');
  }, 120_000);

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await redis.stop();
    await replica.remove();
    await primary.remove();
  }, 60_000);

  afterEach(async () => {
    await replica.resumeReplication();
    await replica.catchUpWith(primary);
  });

  it('serves reads from the replica: a row on the primary alone is seen once replicated', async () => {
    await replica.pauseReplication();
    const id = await writeOnPrimary();
    expect(await organisationName(one, id)).toBeNull();
    expect(await organisationName(two, id, readerB)).toBeNull();
    await replica.resumeReplication();
    await replica.catchUpWith(primary);
    expect(await organisationName(one, id)).toBe(`Ghost ${sequence}`);
    expect(await organisationName(two, id, readerB)).toBe(`Ghost ${sequence}`);
    const metrics = await (await fetch(new URL('/metrics', one.url))).text();
    expect(metrics).toMatch(new RegExp(`^db_replica_healthy\\{replica="127.0.0.1:${replica.listeningPort}",[^}]*\\} 1$`, 'm'));
    expect(Number(/^db_reads_total\{server="replica",[^}]*\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
  });

  it('lets a caller read their own write at once, on either instance, while others read the lagging replica', async () => {
    await replica.pauseReplication();
    const created = await post<{ organisationCreate: { organisation: { id: string } | null; userErrors: unknown[] } }>(
      one,
      'mutation($input: OrganisationCreateInput!) { organisationCreate(input: $input) { organisation { id } userErrors { code } } }',
      { token: writerA, variables: { input: { name: 'Read Your Writes BV', kind: 'COMPANY' } } },
    );
    expect(created.data!.organisationCreate.userErrors).toEqual([]);
    const id = created.data!.organisationCreate.organisation!.id;
    expect(await organisationName(one, id, writerA)).toBe('Read Your Writes BV');
    // Through the other instance: it learnt of the write through Redis.
    expect(await organisationName(two, id, writerA)).toBe('Read Your Writes BV');
    expect(await organisationName(two, id, readerB)).toBeNull();
    expect(await organisationName(one, id)).toBeNull();
  });

  it('reads from the primary during a mutation, even for a caller without a subject', async () => {
    await replica.pauseReplication();
    const partner = await writeOnPrimary();
    // A service token without `sub`: no read-your-writes for it, the mutation's own scope must do.
    const noSubject = jwt.sign({ scope: 'research-innovation:write' }, developmentSecret, { algorithm: 'HS256', expiresIn: 600 });
    const created = await post<{
      labCreate: { lab: { partners: Array<{ organisation: { id: string; name: string } }> } | null; userErrors: unknown[] };
    }>(
      one,
      `mutation($input: LabCreateInput!) { labCreate(input: $input) {
        lab { partners { organisation { id name } } } userErrors { field code } } }`,
      {
        token: noSubject,
        variables: {
          input: {
            name: 'Primary Reads Lab',
            status: 'ACTIVE',
            city: 'Tilburg',
            themes: ['replication'],
            startYear: new Date().getUTCFullYear() - 1,
            partners: [{ organisationId: partner, role: 'EXTERNAL_PARTNER' }],
          },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.labCreate).toEqual({
      lab: { partners: [{ organisation: { id: partner, name: `Ghost ${sequence}` } }] },
      userErrors: [],
    });
  });

  it('skips a replica further behind than the maximum lag, and uses it again once it caught up, saying so once each', async () => {
    const [skipped, usedAgain] = [logCount('read replica skipped'), logCount('read replica used again')];
    await replica.pauseReplication();
    const id = await writeOnPrimary();
    expect(await organisationName(one, id)).toBeNull();
    await until(async () => (await organisationName(one, id)) !== null, 'reads skip the lagging replica');
    expect(await onReplica(id)).toBe(false);
    expect(one.replicas!.status()[0]).toMatchObject({ healthy: false, reason: expect.stringContaining('behind the primary') });
    await replica.resumeReplication();
    await replica.catchUpWith(primary);
    await until(() => one.replicas!.status()[0]!.healthy, 'the replica is used again');
    expect([logCount('read replica skipped') - skipped, logCount('read replica used again') - usedAgain]).toEqual([1, 1]);
  });

  it('goes on reading from the primary with no failed request while the replica is down, and uses it again once back', async () => {
    const id = await writeOnPrimary();
    await replica.catchUpWith(primary);
    const failures: unknown[] = [];
    let reads = 0;
    let reading = true;
    const load = (async () => {
      while (reading) {
        const answers = await Promise.all(
          [one, two, one, two].map((server) =>
            post<{ organisation: { name: string } | null }>(server, 'query($id: ID!) { organisation(id: $id) { name } }', {
              variables: { id },
            }),
          ),
        );
        for (const answer of answers) {
          reads += 1;
          if (answer.status !== 200 || answer.errors || answer.data?.organisation?.name !== `Ghost ${sequence}`) failures.push(answer);
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await replica.stop('SIGKILL');
    await until(() => !one.replicas!.status()[0]!.healthy && !two.replicas!.status()[0]!.healthy, 'the dead replica is skipped');
    const readsWhileDown = reads;
    await until(() => reads >= readsWhileDown + 40, 'reads go on while the replica is down');
    await replica.start();
    await until(() => one.replicas!.status()[0]!.healthy && two.replicas!.status()[0]!.healthy, 'the replica is used again');
    reading = false;
    await load;
    expect(failures).toEqual([]);
    expect(reads).toBeGreaterThan(40);
    // Used again: a row on the primary alone is not seen, so the read came from the replica.
    await replica.pauseReplication();
    const later = await writeOnPrimary();
    expect(await organisationName(two, later)).toBeNull();
  }, 60_000);

  it('accepts a signed request once across instances (nonces in Redis), and keeps answering when Redis dies', async () => {
    const query = '{ organisation(id: "uva") { id } }';
    const first = await post(one, query);
    expect(first.status).toBe(200);
    const replayed = await post(two, query, { signature: first.signature, body: first.body });
    expect(replayed.status).toBe(401);

    await redis.stop();
    const whileDown = await post(two, query);
    expect(whileDown).toMatchObject({ status: 200, data: { organisation: { id: 'uva' } } });
    // The same instance still remembers the nonces it accepted.
    expect((await post(two, query, { signature: whileDown.signature, body: whileDown.body })).status).toBe(401);

    // Read-your-writes notices are down too: a signed-in caller reads from the primary, an anonymous one still from the replica.
    await until(() => two.replicas!.writesMayBeUnknown(), 'the instance knows its notices are down');
    await replica.pauseReplication();
    const id = await writeOnPrimary();
    expect(await organisationName(two, id, readerB)).toBe(`Ghost ${sequence}`);
    expect(await organisationName(two, id)).toBeNull();
  });
});
