/**
 * `npm run bench`: measures the graph against its goals in one run, on this
 * machine, and writes bench/RESULTS.md. It starts and owns every process:
 * both subgraphs (SQLite, or MySQL when the database URLs are set), our
 * gateway and Hive Gateway on the same supergraph, and a second pair of
 * subgraphs on SEED_SCALE times the data. A and B alternate, round after
 * round; medians are reported. A benchmark, not a test: it fails only when
 * a request fails or the two gateways answer differently.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { telemetryEnvironment } from '@nlai/telemetry';
import { createTestDatabase, freePort, startProcess, SubgraphProxy, type ServiceProcess, type TestDatabase } from '@nlai/testing';
import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';
import { benchConfig as config } from './config';

const repository = resolve(__dirname, '../..');
const hivePeer = resolve(__dirname, '../peers/hive-gateway');

/**
 * The deep federated read: active labs → partners → organisations, with talent
 * figures, and vacancies → organisations → their labs. Its lists are as full
 * at scale 1 as at scale 100, so the data-growth goal compares answers of the
 * same size.
 */
const deepRead = `query DeepRead($first: Int) {
  labs(first: $first, filter: { status: ACTIVE }) { edges { node { id name status location { city role } themes
    partners { role organisation { id name kind } }
    talentStats { total graduated retainedInNetherlands } } } }
  vacancies(first: 10) { edges { node { title themes organisation { name kind partnerships { lab { name } } } } } }
}`;
/**
 * The deep read and each lab's matching vacancies → organisations: one more
 * crossing of the subgraphs. Its answer grows with the data (a lab matches 0–3
 * vacancies at scale 1, 10 at scale 100), so its growth is reported apart.
 * The statement counts (goal c) use this read, the heaviest.
 */
const heavyRead = `query DeepReadWithMatches($first: Int) {
  labs(first: $first, filter: { status: ACTIVE }) { edges { node { id name status location { city role } themes
    partners { role organisation { id name kind } }
    talentStats { total graduated retainedInNetherlands }
    matchingVacancies { title organisation { name } } } } }
  vacancies(first: 20) { edges { node { title themes organisation { name kind partnerships { lab { name } } } } } }
}`;
/** A read that one subgraph answers alone. */
const singleRead = `query SingleRead { labs(first: 20) { edges { node { id name status startYear themes location { city region } partners { role organisation { name kind } } } } } }`;

/** The share of requests traced by default (OTEL_TRACES_SAMPLER_ARG), as the services' config says. */
const defaultSampleRatio = telemetryEnvironment.OTEL_TRACES_SAMPLER_ARG.parse(undefined);

/** A collector that takes OTLP/HTTP exports and drops them: tracing's cost without a real collector's. */
async function spanSink(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

interface Running {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<unknown>;
}

const cleanup: Array<() => Promise<unknown>> = [];

/** Starts both subgraphs on fresh databases seeded at `scale`, with more environment if given (`tag` names their databases apart). */
async function startSubgraphs(
  scale: number,
  env: Record<string, string> = {},
  tag = String(scale),
): Promise<{ researchInnovation: ServiceProcess; humanCapital: ServiceProcess }> {
  const dialect = config.mysqlServer ? 'mysql' : 'sqlite';
  const databases: TestDatabase[] = [
    await createTestDatabase(dialect, `bench_ri_${tag}`, config.mysqlServer),
    await createTestDatabase(dialect, `bench_hc_${tag}`, config.mysqlServer),
  ];
  cleanup.push(async () => Promise.all(databases.map((database) => database.drop())));
  const [riDb, hcDb] = databases as [TestDatabase, TestDatabase];
  const common = { LOG_LEVEL: 'warn', SEED_SCALE: String(scale), EXPOSE_SQL_STATEMENT_COUNT: 'true', ...env };
  const riPort = await freePort();
  const hcPort = await freePort();
  const [researchInnovation, humanCapital] = await Promise.all([
    startProcess('research-innovation', require.resolve('@nlai/research-innovation'), riPort, {
      ...common,
      RESEARCH_INNOVATION_PORT: String(riPort),
      RESEARCH_INNOVATION_DATABASE_URL: riDb.url,
      RESEARCH_INNOVATION_SQLITE_FILE: riDb.sqliteFile,
    }),
    startProcess('human-capital', require.resolve('@nlai/human-capital'), hcPort, {
      ...common,
      HUMAN_CAPITAL_PORT: String(hcPort),
      HUMAN_CAPITAL_DATABASE_URL: hcDb.url,
      HUMAN_CAPITAL_SQLITE_FILE: hcDb.sqliteFile,
    }),
  ]);
  cleanup.push(
    () => researchInnovation.stop(),
    () => humanCapital.stop(),
  );
  return { researchInnovation, humanCapital };
}

/** The committed supergraph with its routing URLs pointed at these subgraphs, for both gateways. */
function supergraphFor(urls: Record<string, string>, directory: string, name: string): string {
  let sdl = readFileSync(resolve(repository, 'schema/supergraph.graphql'), 'utf8');
  for (const [subgraph, url] of Object.entries(urls))
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${subgraph}", url: ")[^"]+`), `$1${url}`);
  const file = join(directory, `${name}.graphql`);
  writeFileSync(file, sdl);
  return file;
}

/** The Node flags the gateway runs with in production (its package.json's nodeArguments: a sized heap). */
const gatewayNodeArguments =
  (JSON.parse(readFileSync(resolve(repository, 'gateway/package.json'), 'utf8')) as { nodeArguments?: string[] }).nodeArguments ?? [];

async function startOurGateway(
  name: string,
  supergraphFile: string,
  deduplicate = true,
  profileDirectory?: string,
  environment: Record<string, string> = {},
): Promise<Running> {
  const port = await freePort();
  const profiling = profileDirectory ? ['--cpu-prof', '--cpu-prof-dir', profileDirectory] : [];
  const gateway = await startProcess(
    name,
    require.resolve('@nlai/gateway'),
    port,
    {
      LOG_LEVEL: 'warn',
      GATEWAY_PORT: String(port),
      SUPERGRAPH_FILE: supergraphFile,
      EXPLORER_ENABLED: 'false',
      SUBGRAPH_DEDUPLICATE: String(deduplicate),
      ...environment,
    },
    [...gatewayNodeArguments, ...profiling],
  );
  cleanup.push(() => gateway.stop());
  return { name, url: gateway.url, pid: gateway.child.pid!, stop: () => gateway.stop() };
}

/** Installs Hive Gateway from its own lockfile, once. */
function installHive(): void {
  if (existsSync(join(hivePeer, 'node_modules/@graphql-hive/gateway'))) return;
  process.stderr.write('Installing Hive Gateway for the comparison (bench/peers/hive-gateway)…\n');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: hivePeer, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Hive Gateway with its defaults, or (`deduplicate` false) with its in-flight deduplication turned off. */
async function startHive(name: string, supergraphFile: string, deduplicate = true): Promise<Running> {
  installHive();
  const port = await freePort();
  const configFile = join(hivePeer, deduplicate ? 'defaults.config.mjs' : 'no-deduplication.config.mjs');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(hivePeer, 'node_modules/@graphql-hive/gateway/dist/bin.js'),
      'supergraph',
      supergraphFile,
      '--port',
      String(port),
      '--config-path',
      configFile,
    ],
    {
      cwd: hivePeer,
      env: { PATH: config.path, NODE_ENV: 'production', HIVE_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body('{ __typename }') }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`Hive Gateway did not start:\n${errors}`);
    await new Promise((wait) => setTimeout(wait, 200));
  }
  const stop = () => new Promise((done) => (child.exitCode !== null ? done(null) : (child.once('exit', done), child.kill('SIGTERM'))));
  cleanup.push(stop);
  return { name, url, pid: child.pid!, stop };
}

async function answer(url: string, requestBody: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: requestBody });
  return response.text();
}

/** Peak resident memory of a process while `work` runs, sampled every 50 ms (Linux /proc). */
async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakKb = 0;
  const sample = () => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // the process is gone; keep what we had
    }
  };
  sample();
  const timer = setInterval(sample, 50);
  try {
    return { result: await work(), peakMb: peakKb / 1024 };
  } finally {
    clearInterval(timer);
    sample();
  }
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; USER_HZ is 100). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' '); // the command name before it may hold spaces and parentheses
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Run {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  failures: number;
  peakRssMb: number;
  /** CPU ms per request of each process the target names. */
  cpuPerRequest: Record<string, number>;
}

/** One autocannon run: throughput, latency percentiles (p95 from our own histogram) and every kind of failure, wrong bodies included. */
async function load({ target, expectBody, processes = [] }: Target, requestBody: string, connections = config.connections): Promise<Run> {
  const latencies = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 100_000, numberOfSignificantValueDigits: 3 });
  const cpuBefore = processes.map(({ pid }) => cpuMs(pid));
  const { result, peakMb } = await withPeakRss(target.pid, () =>
    autocannon({
      url: target.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: requestBody,
      expectBody,
      connections,
      duration: config.durationSeconds,
      histograms: { latencies },
    } as autocannon.Options),
  );
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p95: latencies.getValueAtPercentile(95),
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0),
    peakRssMb: peakMb,
    cpuPerRequest: Object.fromEntries(
      processes.map(({ name, pid }, index) => [name, (cpuMs(pid) - cpuBefore[index]!) / Math.max(1, result.requests.total)]),
    ),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** A process under load and the exact body it must answer with (each server formats its own; the data must be identical). */
interface Target {
  target: Running;
  expectBody: string;
  /** Processes whose CPU time per request is reported: the gateway and the subgraphs behind it. */
  processes?: Array<{ name: string; pid: number }>;
}

/** Connections of each side when A and B are loaded side by side: half of a run's, so the machine carries the same load. */
const sideBySideConnections = Math.max(1, Math.floor(config.connections / 2));

/** Lets the previous run's garbage collection and sockets settle, so it does not bleed into the next one. */
const settle = () => new Promise((settled) => setTimeout(settled, config.settleMs));

/**
 * A and B alternate (A first in odd rounds, B first in even ones), or, `sideBySide`, are loaded at the same time with
 * half the connections each, so that whatever slows the machine during a run slows both; returns each side's runs.
 */
async function compare(
  a: Target,
  b: Target,
  requestBody: string,
  label: string,
  { rounds, sideBySide }: { rounds: number; sideBySide: boolean },
): Promise<{ a: Run[]; b: Run[] }> {
  const runs = { a: [] as Run[], b: [] as Run[] };
  const report = (round: number, target: Target, run: Run) =>
    process.stderr.write(
      `  ${label} round ${round} ${target.target.name}${sideBySide ? ' (side by side)' : ''}: ${run.requestsPerSecond.toFixed(0)} req/s, p95 ${run.p95} ms, ${run.failures} failures\n`,
    );
  for (let round = 1; round <= rounds; round += 1) {
    if (sideBySide) {
      await settle();
      const [runA, runB] = await Promise.all([load(a, requestBody, sideBySideConnections), load(b, requestBody, sideBySideConnections)]);
      runs.a.push(runA);
      runs.b.push(runB);
      report(round, a, runA);
      report(round, b, runB);
      continue;
    }
    const order: Array<['a' | 'b', Target]> =
      round % 2
        ? [
            ['a', a],
            ['b', b],
          ]
        : [
            ['b', b],
            ['a', a],
          ];
    for (const [side, target] of order) {
      await settle();
      const run = await load(target, requestBody);
      runs[side].push(run);
      report(round, target, run);
    }
  }
  return runs;
}

/** One A-against-B comparison: the same request to two targets. */
interface Comparison {
  label: string;
  request: string;
  a: Target;
  b: Target;
  /** False when A and B serve different datasets (data growth). */
  sameData: boolean;
  /** Rounds of A and B, when not the configured number. */
  rounds?: number;
  /** A and B loaded at the same time (see compare). */
  sideBySide?: boolean;
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string } }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The part of the gateway a profiled function belongs to: a dependency, our code, Node.js itself, the garbage collector or V8. */
function partOf(functionName: string, url: string): string {
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1]!;
  if (url.includes('/gateway/dist/') || url.includes('/packages/')) return 'our gateway code';
  if (url.startsWith('node:')) return 'Node.js (HTTP, streams, modules)';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)') return 'idle';
  return 'V8 and native code (JSON, regexps, builtins)';
}

/** Busy ms by part between two moments (µs on the monotonic clock that V8's profiler and process.hrtime share). */
function busyTimeByPart(profile: CpuProfile, fromUs: number, toUs: number): Map<string, number> {
  const parts = new Map(profile.nodes.map(({ id, callFrame }) => [id, partOf(callFrame.functionName, callFrame.url)]));
  const totals = new Map<string, number>();
  let time = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    time += delta;
    const part = parts.get(id) ?? 'V8 and native code (JSON, regexps, builtins)';
    if (part !== 'idle' && time >= fromUs && time <= toUs) totals.set(part, (totals.get(part) ?? 0) + delta / 1000);
  });
  if (totals.size === 0) throw new Error('the CPU profile holds no samples from the load window (its clock is not the monotonic one?)');
  return totals;
}

/** Our gateway under `--cpu-prof`, warmed up, then loaded with `request`: its busy time by part, per request. */
async function profileGateway(
  name: string,
  supergraphFile: string,
  request: string,
  directory: string,
): Promise<{ busyPerRequest: Map<string, number>; requests: number }> {
  const profileDirectory = mkdtempSync(join(directory, 'profile-'));
  const gateway = await startOurGateway(name, supergraphFile, true, profileDirectory);
  const options = {
    url: gateway.url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: request,
    connections: config.connections,
  };
  await autocannon({ ...options, amount: config.warmUpRequests });
  const from = Number(process.hrtime.bigint() / 1000n);
  const result = await autocannon({ ...options, duration: config.durationSeconds });
  const to = Number(process.hrtime.bigint() / 1000n);
  await gateway.stop();
  const file = readdirSync(profileDirectory).find((entry) => entry.endsWith('.cpuprofile'));
  if (!file) throw new Error(`${name} wrote no CPU profile`);
  const busy = busyTimeByPart(JSON.parse(readFileSync(join(profileDirectory, file), 'utf8')) as CpuProfile, from, to);
  const requests = Math.max(1, result.requests.total);
  return { busyPerRequest: new Map([...busy].map(([part, ms]) => [part, ms / requests])), requests };
}

async function main(): Promise<void> {
  const started = Date.now();
  const directory = mkdtempSync(join(tmpdir(), 'nlai-bench-'));
  cleanup.push(async () => rmSync(directory, { recursive: true, force: true }));
  process.stderr.write(
    `Benchmark on ${config.mysqlServer ? 'MySQL' : 'SQLite'}${config.smoke ? ' (smoke run)' : ''}: starting the processes…\n`,
  );

  const small = await startSubgraphs(1);
  const large = await startSubgraphs(config.growthScale);
  const proxies = { ri: new SubgraphProxy(), hc: new SubgraphProxy() };
  cleanup.push(
    () => proxies.ri.stop(),
    () => proxies.hc.stop(),
  );
  const smallSupergraph = supergraphFor(
    { 'research-innovation': small.researchInnovation.url, 'human-capital': small.humanCapital.url },
    directory,
    'small',
  );
  const ours = await startOurGateway('our gateway', smallSupergraph);
  const hive = await startHive('Hive Gateway', smallSupergraph);
  const oursPlain = await startOurGateway('our gateway, no deduplication', smallSupergraph, false);
  const hivePlain = await startHive('Hive Gateway, no deduplication', smallSupergraph, false);
  // Field usage: off above (the test harness's NODE_ENV=test), on at its defaults, and sampled.
  const usageOn = (sampleRate: string) => ({
    USAGE_RECORDING: 'true',
    USAGE_SPOOL_DIR: join(directory, `usage-${sampleRate}`),
    USAGE_SAMPLE_RATE: sampleRate,
  });
  const largeSupergraph = supergraphFor(
    { 'research-innovation': large.researchInnovation.url, 'human-capital': large.humanCapital.url },
    directory,
    'large',
  );
  const oursLarge = await startOurGateway(`our gateway, scale ${config.growthScale}`, largeSupergraph);
  const counting = await startOurGateway(
    'our gateway via counting proxies',
    supergraphFor(
      {
        'research-innovation': await proxies.ri.start(Number(new URL(large.researchInnovation.url).port)),
        'human-capital': await proxies.hc.start(Number(new URL(large.humanCapital.url).port)),
      },
      directory,
      'counted',
    ),
  );
  // Tracing's cost: the same graph with every process tracing, exporting to a collector of ours that takes and drops the spans.
  const sink = await spanSink();
  cleanup.push(() => sink.close());
  const tracingOn = { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url };
  // The subgraphs trace what the gateway traced (parent-based sampling), whatever their own ratio.
  const traced = await startSubgraphs(1, { ...tracingOn, OTEL_TRACES_SAMPLER_ARG: '0' }, 'traced');
  const tracedSupergraph = supergraphFor(
    { 'research-innovation': traced.researchInnovation.url, 'human-capital': traced.humanCapital.url },
    directory,
    'traced',
  );
  // Each observing gateway gets a baseline of its own with both off, started, warmed and measured beside it: a
  // gateway grows faster with age for tens of thousands of requests (one 40k requests older served 7% more here), so
  // a baseline shared by five comparisons would be older than each gateway it is compared with. All of them run on
  // the same subgraph processes (how fast they answer decides how many identical reads share a fetch, so the
  // gateway's work per request); those trace only what a gateway traced, nothing of a baseline's requests.
  const withItsBaseline = async (name: string, environment: Record<string, string>) => ({
    on: await startOurGateway(name, tracedSupergraph, true, undefined, environment),
    off: await startOurGateway('our gateway, tracing and field usage off', tracedSupergraph),
  });
  const usageRecorded = await withItsBaseline('our gateway, field usage recorded', usageOn('1'));
  const usageSampled = await withItsBaseline('our gateway, field usage sampled 10%', usageOn('0.1'));
  const tracingEvery = await withItsBaseline('our gateway, tracing every request', { ...tracingOn, OTEL_TRACES_SAMPLER_ARG: '1' });
  const tracingSampled = await withItsBaseline('our gateway, tracing at its default sampling', tracingOn);
  const observed = await withItsBaseline('our gateway, tracing and field usage at their defaults', {
    ...tracingOn,
    ...usageOn('1'),
    USAGE_SPOOL_DIR: join(directory, 'usage-observed'),
  });
  const subgraph: Running = {
    name: 'the subgraph directly',
    url: small.researchInnovation.url,
    pid: small.researchInnovation.child.pid!,
    stop: async () => undefined,
  };

  // Identical data, or the comparison means nothing. Each server's exact body is then what its every response must be.
  const deep = body(deepRead, { first: 20 });
  const heavy = body(heavyRead, { first: 20 });
  const single = body(singleRead);
  const target = async (running: Running, request: string, processes?: Target['processes']): Promise<Target> => ({
    target: running,
    expectBody: await answer(running.url, request),
    processes,
  });
  const behind = (gateway: Running, subgraphs: typeof small) => [
    { name: 'gateway', pid: gateway.pid },
    { name: 'research-innovation', pid: subgraphs.researchInnovation.child.pid! },
    { name: 'human-capital', pid: subgraphs.humanCapital.child.pid! },
  ];
  const gatewayCpu = (gateway: Running) => [{ name: 'gateway', pid: gateway.pid }];
  /** The deep read through a gateway with tracing or field usage on, against its own baseline with both off, side by side, the gateways' CPU measured, over more rounds (the difference sought is small beside this machine's swings). */
  const againstFeaturesOff = async (label: string, { on, off }: { on: Running; off: Running }): Promise<Comparison> => ({
    label,
    request: deep,
    a: await target(on, deep, gatewayCpu(on)),
    b: await target(off, deep, gatewayCpu(off)),
    sameData: true,
    rounds: config.featureRounds,
    sideBySide: true,
  });
  const dataOf = (text: string) => JSON.stringify((JSON.parse(text) as { data?: unknown }).data);
  const growthTargets = async (request: string) => ({
    a: await target(ours, request, behind(ours, small)),
    b: await target(oursLarge, request, behind(oursLarge, large)),
    sameData: false,
  });
  const comparisons: Record<string, Comparison> = {
    deep: { label: 'deep read', request: deep, a: await target(ours, deep), b: await target(hive, deep), sameData: true },
    single: {
      label: 'single-subgraph read',
      request: single,
      a: await target(ours, single),
      b: await target(hive, single),
      sameData: true,
    },
    overhead: {
      label: 'gateway overhead',
      request: single,
      a: await target(ours, single),
      b: await target(subgraph, single),
      sameData: true,
    },
    growth: { label: 'data growth', request: deep, ...(await growthTargets(deep)) },
    heavy: {
      label: 'deep read with matching vacancies',
      request: heavy,
      a: await target(ours, heavy),
      b: await target(hive, heavy),
      sameData: true,
    },
    heavyGrowth: { label: 'data growth, deep read with matching vacancies', request: heavy, ...(await growthTargets(heavy)) },
    deepPlain: {
      label: 'deep read, no deduplication',
      request: deep,
      a: await target(oursPlain, deep),
      b: await target(hivePlain, deep),
      sameData: true,
    },
    usage: await againstFeaturesOff('deep read, field usage recorded', usageRecorded),
    usageSampled: await againstFeaturesOff('deep read, field usage sampled 10%', usageSampled),
    singlePlain: {
      label: 'single-subgraph read, no deduplication',
      request: single,
      a: await target(oursPlain, single),
      b: await target(hivePlain, single),
      sameData: true,
    },
    overheadPlain: {
      label: 'gateway overhead, no deduplication',
      request: single,
      a: await target(oursPlain, single),
      b: await target(subgraph, single),
      sameData: true,
    },
    tracingEvery: await againstFeaturesOff('deep read, tracing every request', tracingEvery),
    tracingSampled: await againstFeaturesOff('deep read, tracing at its default sampling', tracingSampled),
    observed: await againstFeaturesOff('deep read, tracing and field usage at their defaults', observed),
  };
  const problems: string[] = [];
  for (const { label, a, b, sameData } of Object.values(comparisons)) {
    for (const side of [a, b])
      if (side.expectBody.includes('"errors"') || !side.expectBody.includes('"data"'))
        problems.push(`${side.target.name} answered the ${label} with errors: ${side.expectBody.slice(0, 300)}`);
    if (sameData && dataOf(a.expectBody) !== dataOf(b.expectBody))
      problems.push(`${a.target.name} and ${b.target.name} answer the ${label} differently`);
  }
  if (problems.length) throw new Error(problems.join('\n'));

  process.stderr.write('Warming up…\n');
  for (const { request, a, b } of Object.values(comparisons)) {
    for (const side of [a, b]) {
      const warm = await autocannon({
        url: side.target.url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: request,
        connections: config.connections,
        amount: config.warmUpRequests,
        expectBody: side.expectBody,
      });
      const failed = warm.errors + warm.timeouts + warm.non2xx + (warm.mismatches ?? 0);
      if (failed > 0) throw new Error(`${side.target.name} failed ${failed} of its warm-up requests`);
    }
  }

  process.stderr.write('Measuring…\n');
  const runs: Record<string, { a: Run[]; b: Run[] }> = {};
  for (const [key, { label, request, a, b, rounds, sideBySide }] of Object.entries(comparisons))
    runs[key] = await compare(a, b, request, label, { rounds: rounds ?? config.rounds, sideBySide: sideBySide ?? false });

  // SQL statements per request, pages of 5 and of 50 labs, on the larger dataset (scale 1 has only 30 labs); sequential, nothing else running against these subgraphs.
  const statementsFor = async (first: number) => {
    proxies.ri.statements = 0;
    proxies.hc.statements = 0;
    const text = await answer(counting.url, body(heavyRead, { first }));
    if (text.includes('"errors"') || (JSON.parse(text) as { data: { labs: { edges: unknown[] } } }).data.labs.edges.length !== first)
      throw new Error(`the counted read failed: ${text.slice(0, 300)}`);
    return { researchInnovation: proxies.ri.statements, humanCapital: proxies.hc.statements };
  };
  const statements = { five: await statementsFor(5), fifty: await statementsFor(50) };

  // Where the gateway's time goes as the answer grows: a CPU profile of the heaviest read at both scales, after the measured runs.
  process.stderr.write('Profiling our gateway…\n');
  const profiles = {
    small: await profileGateway('our gateway, profiled', smallSupergraph, heavy, directory),
    large: await profileGateway(`our gateway at scale ${config.growthScale}, profiled`, largeSupergraph, heavy, directory),
  };

  const all = Object.values(runs).flatMap((pair) => [...pair.a, ...pair.b]);
  const failures = all.reduce((sum, run) => sum + run.failures, 0);
  const rps = (list: Run[]) => median(list.map((run) => run.requestsPerSecond));
  const p95 = (list: Run[]) => median(list.map((run) => run.p95));
  const peak = (list: Run[]) => Math.max(...list.map((run) => run.peakRssMb));
  const total = (count: { researchInnovation: number; humanCapital: number }) => count.researchInnovation + count.humanCapital;
  const r = runs as Record<keyof typeof comparisons, { a: Run[]; b: Run[] }>;
  const throughput = (id: string, what: string, pair: { a: Run[]; b: Run[] }, target: number) => {
    const ratio = rps(pair.a) / rps(pair.b);
    return { id, what, ours: rps(pair.a), peer: rps(pair.b), ratio, goal: `≥ ${target}`, met: ratio >= target };
  };
  const memory = (pair: { a: Run[]; b: Run[] }) => {
    const [ours, peer] = [peak(pair.a), peak(pair.b)];
    const what = 'memory: peak RSS under the deep read, our gateway / Hive Gateway (MB)';
    return { id: 'e', what, ours, peer, ratio: ours / peer, goal: '≤ 0.5 and < 300 MB', met: ours / peer <= 0.5 && ours < 300 };
  };
  const goals = [
    throughput('a', 'deep federated read: our gateway / Hive Gateway (req/s)', r.deep!, 1.5),
    throughput('a', 'single-subgraph read: our gateway / Hive Gateway (req/s)', r.single!, 1.2),
    throughput('b', 'gateway overhead: through the gateway / the subgraph directly (req/s)', r.overhead!, 0.5),
    {
      id: 'c',
      what: 'SQL statements per deep read: 50 labs / 5 labs',
      ours: total(statements.fifty),
      peer: total(statements.five),
      ratio: total(statements.fifty) / total(statements.five),
      goal: '= 1',
      met: total(statements.fifty) === total(statements.five),
    },
    {
      id: 'd',
      what: `data growth: p95 of the deep read at scale ${config.growthScale} / scale 1 (ms)`,
      ours: p95(r.growth!.b),
      peer: p95(r.growth!.a),
      ratio: p95(r.growth!.b) / p95(r.growth!.a),
      goal: '≤ 1.5',
      met: p95(r.growth!.b) / p95(r.growth!.a) <= 1.5,
    },
    memory(r.deep!),
  ];
  const engines = [
    throughput('a', 'deep federated read: our gateway / Hive Gateway (req/s)', r.deepPlain!, 1.5),
    throughput('a', 'single-subgraph read: our gateway / Hive Gateway (req/s)', r.singlePlain!, 1.2),
    throughput('b', 'gateway overhead: through the gateway / the subgraph directly (req/s)', r.overheadPlain!, 0.5),
    memory(r.deepPlain!),
  ];

  // Each round runs the feature on and off back to back; the median of the rounds' ratios cancels the machine's drift between rounds.
  const roundRatio = (pair: { a: Run[]; b: Run[] }) =>
    median(pair.a.map((run, round) => run.requestsPerSecond / pair.b[round]!.requestsPerSecond));
  const gatewayCpuMs = (list: Run[]) => median(list.map((run) => run.cpuPerRequest.gateway ?? 0));
  const observingCost = [
    { what: 'field usage recorded, every operation (its default)', pair: r.usage!, target: undefined },
    { what: 'field usage sampled, USAGE_SAMPLE_RATE=0.1', pair: r.usageSampled!, target: undefined },
    { what: 'tracing every request', pair: r.tracingEvery!, target: undefined },
    { what: `tracing at its default sampling (OTEL_TRACES_SAMPLER_ARG ${defaultSampleRatio})`, pair: r.tracingSampled!, target: undefined },
    { what: '**both at their defaults** (usage every operation, tracing sampled)', pair: r.observed!, target: 0.9 },
  ].map(({ what, pair, target }) => {
    const ratio = roundRatio(pair);
    const met = target === undefined ? '—' : ratio >= target ? 'yes' : '**no**';
    return `| ${what} | ${rps(pair.a).toFixed(0)} | ${rps(pair.b).toFixed(0)} | ${ratio.toFixed(2)} | ${gatewayCpuMs(pair.a).toFixed(2)} / ${gatewayCpuMs(pair.b).toFixed(2)} | ${target === undefined ? '—' : `≥ ${target}`} | ${met} |`;
  });

  /** A package's version, found from its entry point upwards (some packages do not export their package.json). */
  const version = (entry: string) => {
    for (let directory = dirname(entry); directory !== dirname(directory); directory = dirname(directory)) {
      const file = join(directory, 'package.json');
      if (existsSync(file)) {
        const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (manifest.name && manifest.version) return manifest.version;
      }
    }
    return 'unknown';
  };
  const kilobytes = (key: 'growth' | 'heavyGrowth', side: 'a' | 'b') =>
    (Buffer.byteLength(comparisons[key]![side].expectBody) / 1024).toFixed(1);
  const sum = (parts: Map<string, number>) => [...parts.values()].reduce((total, ms) => total + ms, 0);
  const format = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 0));
  const goalRows = (list: typeof goals) =>
    list.map(
      (goal) =>
        `| (${goal.id}) | ${goal.what} | ${format(goal.ours)} | ${format(goal.peer)} | ${goal.ratio.toFixed(2)} | ${goal.goal} | ${goal.met ? 'yes' : '**no**'} |`,
    );
  const lines = [
    `# Benchmark results${config.smoke ? ' (smoke run: too short to read anything into)' : ''}`,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` in ${((Date.now() - started) / 1000).toFixed(0)} s, all in one run, ${failures} failed or wrong responses.`,
    '',
    'Both gateways as they ship (each deduplicates identical subgraph reads in flight):',
    '',
    '| goal | measure | ours | peer | ratio | target | met |',
    '|---|---|---|---|---|---|---|',
    ...goalRows(goals),
    '',
    'Every client here sends the same request with the same (absent) token, the case deduplication is for: concurrent identical reads share one subgraph request, which is why (b) can exceed 1. The table below is the pure cost of each engine:',
    '',
    'The engines alone, in-flight deduplication off in both gateways (every client request reaches the subgraphs):',
    '',
    '| goal | measure | ours | peer | ratio | target | met |',
    '|---|---|---|---|---|---|---|',
    ...goalRows(engines),
    '',
    `SQL statements per deep read with matching vacancies, by subgraph: 5 labs ${statements.five.researchInnovation} + ${statements.five.humanCapital}, 50 labs ${statements.fifty.researchInnovation} + ${statements.fifty.humanCapital} (Research & Innovation + Human Capital, at scale ${config.growthScale}).`,
    '',
    '## Beyond the goals: a read whose answer grows with the data',
    '',
    `The deep read with each lab's matching vacancies crosses the subgraphs once more. Its answer is ${kilobytes('heavyGrowth', 'a')} KB at scale 1 (a lab matches 0–3 vacancies) and ${kilobytes('heavyGrowth', 'b')} KB at scale ${config.growthScale} (10 per lab, the bound), so its p95 grows with the answer, not with the data.`,
    '',
    '| measure | A | B | ratio |',
    '|---|---|---|---|',
    `| deep read with matching vacancies: our gateway / Hive Gateway (req/s) | ${format(rps(r.heavy!.a))} | ${format(rps(r.heavy!.b))} | ${(rps(r.heavy!.a) / rps(r.heavy!.b)).toFixed(2)} |`,
    `| data growth with matching vacancies: p95 at scale ${config.growthScale} / scale 1 (ms) | ${format(p95(r.heavyGrowth!.b))} | ${format(p95(r.heavyGrowth!.a))} | ${(p95(r.heavyGrowth!.b) / p95(r.heavyGrowth!.a)).toFixed(2)} |`,
    '',
    '## The cost of observing: tracing and field usage',
    '',
    `The deep read through a gateway with tracing, field-usage recording or both on, each against a baseline of its own with both off (started, warmed and measured beside it, so of the same age: a gateway keeps getting faster for tens of thousands of requests), all on the same two subgraph processes. The two are loaded side by side, at the same time with ${sideBySideConnections} connections each, in ${config.featureRounds} rounds: the machine's own swings (±20% between two 10-second runs here) are larger than the difference sought, and side by side they hit both alike; the req/s are each side's share. With tracing on, both subgraphs trace too (spans batched and posted over OTLP/HTTP to a local collector that drops them; a subgraph traces what the gateway traced). The ratio is the median of the rounds' ratios; CPU is the gateway's own, user + system ms per request (docs/operations.md).`,
    '',
    '| measure | on (req/s) | off (req/s) | on / off | gateway CPU ms per request, on / off | target | met |',
    '|---|---|---|---|---|---|---|',
    ...observingCost,
    '',
    '## Where the time goes',
    '',
    'CPU time per request of each process (user + system, from /proc; medians of the rounds). Concurrent identical reads share subgraph requests, so the gateway carries most of it:',
    '',
    '| read | scale | answer KB | p95 ms | gateway ms | research-innovation ms | human-capital ms |',
    '|---|---|---|---|---|---|---|',
    ...(['growth', 'heavyGrowth'] as const).flatMap((key) =>
      (['a', 'b'] as const).map((side) => {
        const list = r[key]![side];
        const cpu = (name: string) => median(list.map((run) => run.cpuPerRequest[name] ?? 0)).toFixed(2);
        return `| ${key === 'growth' ? 'deep read' : 'deep read with matching vacancies'} | ${side === 'a' ? 1 : config.growthScale} | ${kilobytes(key, side)} | ${format(p95(list))} | ${cpu('gateway')} | ${cpu('research-innovation')} | ${cpu('human-capital')} |`;
      }),
    ),
    '',
    `Our gateway's busy time by part under the deep read with matching vacancies (\`--cpu-prof\`, self time in ms per request, ${profiles.small.requests} and ${profiles.large.requests} requests):`,
    '',
    `| part | scale 1 | scale ${config.growthScale} |`,
    '|---|---|---|',
    ...[...profiles.large.busyPerRequest]
      .sort(([, x], [, y]) => y - x)
      .slice(0, 10)
      .map(([part, ms]) => `| ${part} | ${(profiles.small.busyPerRequest.get(part) ?? 0).toFixed(2)} | ${ms.toFixed(2)} |`),
    `| all | ${sum(profiles.small.busyPerRequest).toFixed(2)} | ${sum(profiles.large.busyPerRequest).toFixed(2)} |`,
    '',
    '## Runs (medians of the rounds; A and B alternate)',
    '',
    '| comparison | side | req/s | req/s, lowest–highest round | p50 ms | p95 ms | p99 ms | requests | failures | peak RSS MB |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...Object.entries(comparisons).flatMap(([key, { label, a, b }]) =>
      (
        [
          [a, runs[key]!.a],
          [b, runs[key]!.b],
        ] as const
      ).map(
        ([side, list]) =>
          `| ${label} | ${side.target.name} | ${rps([...list]).toFixed(0)} | ${Math.min(...list.map((run) => run.requestsPerSecond)).toFixed(0)}–${Math.max(...list.map((run) => run.requestsPerSecond)).toFixed(0)} | ${median(list.map((run) => run.p50))} | ${p95([...list])} | ${median(list.map((run) => run.p99))} | ${list.reduce((sum, run) => sum + run.requests, 0)} | ${list.reduce((sum, run) => sum + run.failures, 0)} | ${peak([...list]).toFixed(0)} |`,
      ),
    ),
    '',
    '## Setup',
    '',
    `- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${config.mysqlServer ? 'MySQL/MariaDB' : 'SQLite (better-sqlite3)'}. Load generator, gateways and subgraphs share these cores.`,
    `- Versions: @apollo/gateway ${version(require.resolve('@apollo/gateway'))}, @apollo/server ${version(require.resolve('@apollo/server'))}, @graphql-hive/gateway ${version(join(hivePeer, 'node_modules/@graphql-hive/gateway/dist/bin.js'))}, autocannon ${version(require.resolve('autocannon'))}.`,
    `- Load: autocannon, ${config.connections} connections, ${config.durationSeconds} s per run, ${config.rounds} rounds (${config.featureRounds} for the cost of observing), after ${config.warmUpRequests} warm-up requests per target and ${config.settleMs} ms of rest before each run; every response checked byte for byte against that server's first answer, whose data both sides of a comparison share.`,
    `- Both gateways serve the same supergraph over the same subgraph processes (scale 1: 30 labs, 134 people). Hive Gateway runs its CLI in production mode with its defaults; ours runs with its package's Node flags (${gatewayNodeArguments.join(' ') || 'none'}) in development mode without subgraph secrets, so neither signs subgraph requests.`,
    `- Deep read: \`${deepRead.replace(/\s+/g, ' ')}\` with first = 20. With matching vacancies: \`${heavyRead.replace(/\s+/g, ' ')}\`. Single read: \`${singleRead}\`.`,
    '',
  ];
  writeFileSync(config.output, lines.join('\n'));
  process.stdout.write(`${lines.slice(0, 24).join('\n')}\nWrote ${config.output}.\n`);
  if (failures > 0) throw new Error(`${failures} requests failed or answered wrongly; see the table.`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  });
