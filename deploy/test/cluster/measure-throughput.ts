// The figures of docs/scaling.md: requests per second through HAProxy with one and two replicas of a
// tier in rotation. Run by hand (not in CI): npx tsx deploy/test/cluster/measure-throughput.ts
import { startCluster, type Cluster } from '../../src';
import { ReadLoad, tokenSource } from './load';

const deepRead = 'query DeepRead { labs(first: 10) { edges { node { id name talent(first: 5) { totalCount } } } } }';
const researchOnly = 'query LabsOnly { labs(first: 10) { edges { node { id name status themes } } } }';
const seconds = Number(process.env.MEASURE_SECONDS ?? 12);
const connections = Number(process.env.MEASURE_CONNECTIONS ?? 16);
const rounds = Number(process.env.MEASURE_ROUNDS ?? 3);

/** Requests per second of one run of `query` through HAProxy, after a short warm-up. */
async function measure(cluster: Cluster, label: string, query: string): Promise<number> {
  const load = new ReadLoad(cluster.entryUrl, query, tokenSource(cluster.authSecret, ['talent:read'], `measure-${label}`, 1_000_000), {
    connections,
    pauseMs: 0,
    maxRequests: 1_000_000,
  });
  load.start();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await load.stop();
  load.start();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const report = await load.stop();
  if (report.failed > 0) process.stdout.write(`${label}: ${report.failed} failed, e.g. ${report.failures[0]}\n`);
  return report.succeeded / seconds;
}

/** Takes a server out of rotation (`disable`) or puts it back (`enable`) through HAProxy's admin socket. */
const toggle = (cluster: Cluster, action: 'enable' | 'disable', backend: string, server: string) =>
  cluster.haproxy.command(`${action} server ${backend}/${server}`);

async function main(): Promise<void> {
  const cluster = await startCluster({
    progress: (line) => process.stdout.write(`${line}\n`),
    // Off: the figures are about throughput, not the limiter.
    gatewayEnvironment: { GATEWAY_RATE_LIMIT_REQUESTS: '0' },
  });
  try {
    const [, gateway2] = cluster.gateways;
    const research = cluster.subgraphs.find((tier) => tier.name === 'research-innovation')!;
    const secondResearch = research.replicas[1]!;
    // Each setting in turn, several rounds, the median of each: the machine is shared, one run says little.
    const settings: Array<{ label: string; query: string; out: Array<[string, string]> }> = [
      { label: 'deep read, 2 gateways, 2+2 subgraph replicas', query: deepRead, out: [] },
      { label: 'deep read, 1 gateway, 2+2 subgraph replicas', query: deepRead, out: [[gateway2!.backend, gateway2!.name]] },
      { label: 'research-only read, 2 gateways, 2 research-innovation replicas', query: researchOnly, out: [] },
      {
        label: 'research-only read, 2 gateways, 1 research-innovation replica',
        query: researchOnly,
        out: [[secondResearch.backend, secondResearch.name]],
      },
    ];
    const results = new Map<string, number[]>(settings.map((setting) => [setting.label, []]));
    for (let round = 0; round < rounds; round += 1) {
      for (const setting of settings) {
        for (const [backend, server] of setting.out) await toggle(cluster, 'disable', backend, server);
        results.get(setting.label)!.push(await measure(cluster, setting.label, setting.query));
        for (const [backend, server] of setting.out) await toggle(cluster, 'enable', backend, server);
      }
    }
    for (const [label, values] of results) {
      const sorted = [...values].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      process.stdout.write(`${label}: median ${Math.round(median)} req/s (rounds: ${values.map(Math.round).join(', ')})\n`);
    }
  } finally {
    await cluster.stop();
  }
}

void main();
