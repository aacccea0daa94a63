import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { signToken } from '@nlai/auth';
import { haproxyBinary, installHaproxy, startCluster, type Cluster, type ReplicaProcess } from '../../src';
import { ReadLoad, tokenSource, writeWithRetries } from './load';

// A read that crosses both subgraphs: labs (Research & Innovation) and their talent counts (Human Capital).
const read = 'query ClusterRead { labs(first: 3) { edges { node { id name talent(first: 1) { totalCount } } } } }';
const register = `mutation ClusterWrite($input: TalentRegisterInput!) {
  talentRegister(input: $input) { talent { id } userErrors { code } }
}`;
const talentById = 'query ClusterReadBack($id: ID!) { talent(id: $id) { id } }';
const lab = 'quva-lab';
// Per caller and 10 minutes. Human Capital's reference checks through the graph carry no token: they count
// against the client address (127.0.0.1 for every process here), so the limit leaves room for them.
const rateLimit = 300;
const run = randomBytes(4).toString('hex');
const committedSupergraph = readFileSync(resolve(__dirname, '../../../schema/supergraph.graphql'), 'utf8');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A supergraph served over HTTP with an ETag, as a registry or a bucket serves it: SUPERGRAPH_URL. */
function supergraphServer() {
  let body = committedSupergraph;
  const server: Server = createServer((request, response) => {
    const etag = `"${sha256(body)}"`;
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
    response.writeHead(200, { 'content-type': 'text/plain', etag }).end(body);
  });
  return {
    server,
    serve: (text: string) => (body = text),
    listen: () => new Promise<number>((done) => server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port))),
  };
}

/** Figures for docs/scaling.md, printed at the end. */
const figures: Record<string, unknown> = {};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it gives a value other than undefined, or fails after `timeoutMs`. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** A GraphQL answer's body, loosely: the tests look into data and errors. */
type GraphQLBody = {
  data?: Record<string, unknown>;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
};

async function post(url: string, body: unknown, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLBody };
}

describe('npm run cluster: HAProxy, two replicas of every tier, a MariaDB read replica, Redis', () => {
  let cluster: Cluster;
  const supergraph = supergraphServer();
  let token: (scopes: string[], subject: string) => string;
  let talentCount: () => Promise<number>;
  let labRowsReadOnReplica: () => Promise<number>;
  let talentRowsReadOnReplica: () => Promise<number>;
  const pids = new Set<number>();

  beforeAll(async () => {
    if (!haproxyBinary()) {
      if (process.env.CI !== 'true') throw new Error(`HAProxy is missing; install it: ${installHaproxy}`);
      execFileSync('sh', ['-c', `${process.getuid?.() === 0 ? '' : 'sudo '}sh -c '${installHaproxy}'`], { stdio: 'inherit' });
    }
    const supergraphPort = await supergraph.listen();
    cluster = await startCluster({
      gatewayEnvironment: {
        SUPERGRAPH_URL: `http://127.0.0.1:${supergraphPort}/supergraph.graphql`,
        SUPERGRAPH_POLL_MS: '500',
        GATEWAY_RATE_LIMIT_REQUESTS: String(rateLimit),
        GATEWAY_RATE_LIMIT_WINDOW_MS: '600000',
      },
      subgraphEnvironment: { DATABASE_REPLICA_CHECK_MS: '500', DATABASE_REPLICA_MAX_LAG_MS: '5000' },
    });
    for (const replica of cluster.replicas()) if (replica.pid) pids.add(replica.pid);
    for (const pid of [cluster.haproxy.pid]) if (pid) pids.add(pid);
    token = (scopes, subject) => signToken({ secret: cluster.authSecret, scopes, subject, expiresInSeconds: 600 });
    const humanCapital = cluster.subgraphs.find((tier) => tier.name === 'human-capital')!.database;
    const researchInnovation = cluster.subgraphs.find((tier) => tier.name === 'research-innovation')!.database;
    talentCount = async () => {
      const [rows] = (await cluster.database.primary.execute(
        `SELECT COUNT(*) AS count FROM \`${humanCapital}\`.talent WHERE lab_id = '${lab}'`,
      )) as Array<Array<{ count: number }>>;
      return Number(rows![0]!.count);
    };
    // Rows read from a table on the replica: reads the subgraphs sent there (replication only writes).
    const rowsReadOnReplica = async (schema: string, table: string) => {
      const [rows] = (
        await cluster.database.replica.execute(
          'SET GLOBAL userstat = 1',
          `SELECT COALESCE(SUM(ROWS_READ), 0) AS count FROM information_schema.TABLE_STATISTICS WHERE TABLE_SCHEMA = '${schema}' AND TABLE_NAME = '${table}'`,
        )
      ).slice(1) as Array<Array<{ count: number }>>;
      return Number(rows![0]!.count);
    };
    labRowsReadOnReplica = () => rowsReadOnReplica(researchInnovation, 'lab');
    talentRowsReadOnReplica = () => rowsReadOnReplica(humanCapital, 'talent');
  });

  afterAll(async () => {
    await cluster?.stop();
    supergraph.server.close();
    console.log(`cluster figures: ${JSON.stringify(figures, null, 2)}`);
  });

  let loads = 0;
  // Each load its own callers (a new subject every 20 requests), so the rate limit per caller never refuses it.
  const load = () =>
    new ReadLoad(cluster.entryUrl, read, tokenSource(cluster.authSecret, ['talent:read'], `load-${run}-${(loads += 1)}`), {
      connections: 3,
      pauseMs: 25,
      maxRequests: 20_000,
    });
  const rememberPids = () => {
    for (const replica of cluster.replicas()) if (replica.pid) pids.add(replica.pid);
  };

  it('serves the graph through HAProxy', async () => {
    const answer = await post(cluster.entryUrl, { query: read }, token(['talent:read'], `reader-${run}`));
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect((answer.body.data as { labs: { edges: unknown[] } }).labs.edges.length).toBeGreaterThan(0);
  });

  it('restarts every replica of every tier, one at a time, under load, with 0 failed requests', async () => {
    const retried = async () => (await cluster.haproxy.servers()).reduce((sum, server) => sum + server.retries + server.redispatches, 0);
    const traffic = load();
    traffic.start();
    await traffic.settle(20);
    const retriedBefore = await retried();
    await cluster.rollingRestart();
    await traffic.settle(20);
    const report = await traffic.stop();
    rememberPids();
    figures.rollingRestart = { requests: report.sent, failed: report.failed, replicasRestarted: cluster.replicas().length };
    expect(report.failures).toEqual([]);
    expect(report.failed).toBe(0);
    expect(report.succeeded).toBeGreaterThan(40);
    // Not even hidden by HAProxy's retries: each replica left rotation (/ready 503) before it stopped accepting.
    expect((await retried()) - retriedBefore).toBe(0);
  });

  it('survives kill -9 of a gateway and of a replica of each subgraph: reads retried elsewhere, retried writes neither lost nor doubled', async () => {
    const traffic = load();
    traffic.start();
    await traffic.settle(20);
    const countBefore = await talentCount();
    let writing = false;
    const writes = (async () => {
      const outcomes = [];
      for (let index = 0; index < 12; index += 1) {
        writing = true;
        // One subject per write: its idempotency key is the caller's (and keeps the writer under the rate limit).
        const writer = token(['human-capital:write', 'talent:read'], `writer-${run}-${index}`);
        outcomes.push(
          await writeWithRetries(cluster.entryUrl, writer, register, {
            input: { labId: lab, stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2024, idempotencyKey: `cluster-${run}-${index}` },
          }),
        );
        writing = false;
        await sleep(100);
      }
      return outcomes;
    })();
    await sleep(600);
    // The kill lands while a write is in flight (which replicas it is on is HAProxy's choice).
    await eventually('a write in flight', async () => (writing ? true : undefined));
    const retriedBefore = (await cluster.haproxy.servers()).reduce((sum, server) => sum + server.retries + server.redispatches, 0);
    const victims: ReplicaProcess[] = [cluster.gateways[0]!, ...cluster.subgraphs.map((tier) => tier.replicas[1]!)];
    const inFlightAtKill = traffic.inFlight;
    const killedAt = Date.now();
    await Promise.all(victims.map((victim) => victim.stop('SIGKILL')));
    await Promise.all(victims.map((victim) => cluster.haproxy.waitFor(victim.backend, victim.name, 'DOWN')));
    figures.killDetectedWithinMs = Date.now() - killedAt;
    await traffic.settle(40);
    const outcomes = await writes;
    await Promise.all(victims.map((victim) => cluster.start(victim)));
    const report = await traffic.stop();
    rememberPids();
    const lost = outcomes.filter((outcome) => !outcome.data).length;
    figures.kill9 = {
      requests: report.sent,
      failedReads: report.failed,
      inFlightAtKill,
      writes: outcomes.length,
      writeAttempts: outcomes.reduce((sum, outcome) => sum + outcome.attempts, 0),
      lost,
      haproxyRetries:
        (await cluster.haproxy.servers()).reduce((sum, server) => sum + server.retries + server.redispatches, 0) - retriedBefore,
    };
    expect({ failed: report.failed, failures: report.failures }).toEqual({
      failed: Math.min(report.failed, inFlightAtKill),
      failures: report.failed > inFlightAtKill ? [] : report.failures,
    });
    expect(lost).toBe(0);
    // Every write registered exactly one person: none lost, none doubled by a retry.
    expect((await talentCount()) - countBefore).toBe(outcomes.length);
  });

  it('lets a caller read its own write at once while the replica lags', async () => {
    const writer = token(['human-capital:write', 'talent:read'], `ryw-${run}`);
    const otherCaller = token(['talent:read'], `other-${run}`);
    const readTalent = (id: string, caller: string) => post(cluster.entryUrl, { query: talentById, variables: { id } }, caller);
    // Every Human Capital replica reads from the replica database now (after the restarts above, each has checked it):
    // four reads in a row, each one served there.
    const humanCapital = cluster.subgraphs.find((tier) => tier.name === 'human-capital')!.database;
    const [existing] = (await cluster.database.primary.execute(`SELECT id FROM \`${humanCapital}\`.talent LIMIT 1`)) as Array<
      Array<{ id: string }>
    >;
    await eventually('Human Capital reading from the replica', async () => {
      for (let index = 0; index < 4; index += 1) {
        const before = await talentRowsReadOnReplica();
        await readTalent(existing![0]!.id, otherCaller);
        if ((await talentRowsReadOnReplica()) === before) return undefined;
      }
      return true;
    });
    await cluster.database.replica.pauseReplication();
    try {
      const written = await writeWithRetries(cluster.entryUrl, writer, register, {
        input: { labId: lab, stage: 'POSTDOC', origin: 'INTERNATIONAL', startYear: 2023, idempotencyKey: `ryw-${run}` },
      });
      const id = (written.data?.talentRegister as { talent: { id: string } }).talent.id;
      const readBack = await readTalent(id, writer);
      expect(readBack.body).toEqual({ data: { talent: { id } } });
      // The lag is real: another caller, read from the replica, does not see the write yet.
      const someoneElse = await readTalent(id, otherCaller);
      expect(someoneElse.body).toEqual({ data: { talent: null } });
    } finally {
      const resumedAt = Date.now();
      await cluster.database.replica.resumeReplication();
      await cluster.database.replica.catchUpWith(cluster.database.primary);
      figures.replicaCatchUpAfterPauseMs = Date.now() - resumedAt;
    }
    // With replication running, the lag a write sees: from the primary's commit to the replica's apply.
    const { primary, replica } = cluster.database;
    await primary.execute('CREATE DATABASE IF NOT EXISTS nlai_probe', 'CREATE TABLE IF NOT EXISTS nlai_probe.probe (marker VARCHAR(64))');
    const lags: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      const marker = `lag-${run}-${index}`;
      const writtenAt = Date.now();
      await primary.execute(`INSERT INTO nlai_probe.probe VALUES ('${marker}')`);
      await eventually('the write on the replica', async () => {
        const [rows] = (await replica
          .execute(`SELECT COUNT(*) AS count FROM nlai_probe.probe WHERE marker = '${marker}'`)
          .catch(() => [[{ count: 0 }]])) as Array<Array<{ count: number }>>;
        return Number(rows![0]!.count) > 0 ? true : undefined;
      });
      lags.push(Date.now() - writtenAt);
    }
    figures.replicationLagMs = lags;
  });

  it('keeps reading from the primary while the replica database is down, and reads from the replica again once it is back', async () => {
    const reader = token(['talent:read'], `replica-reader-${run}`);
    const readsOnReplica = await labRowsReadOnReplica();
    for (let index = 0; index < 5; index += 1) await post(cluster.entryUrl, { query: read }, reader);
    expect(await labRowsReadOnReplica()).toBeGreaterThan(readsOnReplica);

    await cluster.database.replica.stop('SIGTERM');
    const answers = [];
    for (let index = 0; index < 20; index += 1) answers.push(await post(cluster.entryUrl, { query: read }, reader));
    expect(answers.map((answer) => answer.body.errors ?? answer.status)).toEqual(answers.map(() => 200));

    const restartedAt = Date.now();
    await cluster.database.replica.start();
    const afterRestart = await labRowsReadOnReplica();
    await eventually('reads back on the replica', async () => {
      await post(cluster.entryUrl, { query: read }, reader);
      return (await labRowsReadOnReplica()) > afterRestart ? true : undefined;
    });
    figures.replicaBackInUseWithinMs = Date.now() - restartedAt;
  });

  it('serves an automatic persisted query registered through one gateway replica from the other', async () => {
    const query = `{ apq_${run}: __typename }`;
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    const [first, second] = cluster.gateways;
    const caller = token(['talent:read'], `apq-${run}`);
    const registered = await post(first!.url, { query, extensions: { persistedQuery } }, caller);
    expect(registered.body).toEqual({ data: { [`apq_${run}`]: 'Query' } });
    const byHash = await post(second!.url, { extensions: { persistedQuery } }, caller);
    expect(byHash.body).toEqual({ data: { [`apq_${run}`]: 'Query' } });
  });

  it('holds a caller to one rate limit across both gateway replicas', async () => {
    const caller = token(['talent:read'], `limited-${run}`);
    const statuses: number[] = [];
    let refusal: Awaited<ReturnType<typeof post>> | undefined;
    for (let index = 0; index < rateLimit + 2; index += 1) {
      const answer = await post(cluster.gateways[index % 2]!.url, { query: '{ __typename }' }, caller);
      statuses.push(answer.status);
      if (answer.status === 429) refusal ??= answer;
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(rateLimit);
    // The two past the limit, one on each replica, are refused.
    expect(statuses.slice(rateLimit)).toEqual([429, 429]);
    expect(refusal?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refusal?.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('picks up a new supergraph from SUPERGRAPH_URL on both gateways, and refuses a broken one on both', async () => {
    const readyHashes = () =>
      Promise.all(
        cluster.gateways.map(
          async (gateway) => ((await (await fetch(`${gateway.baseUrl}/ready`)).json()) as { supergraph?: string }).supergraph,
        ),
      );
    expect(await readyHashes()).toEqual([sha256(committedSupergraph), sha256(committedSupergraph)]);

    const updated = `${committedSupergraph}\n# published by the cluster test ${run}\n`;
    supergraph.serve(updated);
    const servedAt = Date.now();
    await eventually('both gateways on the new supergraph', async () =>
      (await readyHashes()).every((hash) => hash === sha256(updated)) ? true : undefined,
    );
    figures.supergraphPickedUpWithinMs = Date.now() - servedAt;

    supergraph.serve('type Query { this is not a supergraph');
    // Several poll intervals: both gateways fetch it, fail to load it and keep the last good one.
    await sleep(2500);
    expect(await readyHashes()).toEqual([sha256(updated), sha256(updated)]);
    const answer = await post(cluster.entryUrl, { query: read }, token(['talent:read'], `after-broken-${run}`));
    expect(answer.body.errors).toBeUndefined();
    supergraph.serve(committedSupergraph);
  });

  it('stops every process it started', async () => {
    rememberPids();
    await cluster.stop();
    const alive = [...pids].filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
    const ports = [cluster.database.primary.listeningPort, cluster.database.replica.listeningPort];
    const leftovers = execFileSync('ps', ['-eo', 'args'])
      .toString()
      .split('\n')
      .filter((line) => line.includes(cluster.directory) || ports.some((port) => line.includes(`--port=${port} `)));
    expect(leftovers).toEqual([]);
  });
});
