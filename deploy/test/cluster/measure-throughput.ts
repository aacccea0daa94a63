// The figures of docs/scaling.md: requests per second through HAProxy with one and two replicas of a
// tier in rotation. Run by hand (not in CI): npx tsx deploy/test/cluster/measure-throughput.ts
import { startCluster, type Cluster } from '../../src';
import { ReadLoad, tokenSource } from './load';

const deepRead = 'query DeepRead { labs(first: 10) { edges { node { id name talent(first: 5) { totalCount } } } } }';
const researchOnly = 'query LabsOnly { labs(first: 10) { edges { node { id name status themes } } } }';
const seconds = Number(process.env.MEASURE_SECONDS ?? 15);
const connections = Number(process.env.MEASURE_CONNECTIONS ?? 16);

async function measure(cluster: Cluster, label: string, query: string): Promise<void> {
  const load = new ReadLoad(cluster.entryUrl, query, tokenSource(cluster.authSecret, ['talent:read'], `measure-${label}`, 1_000_000), {
    connections,
    pauseMs: 0,
    maxRequests: 1_000_000,
  });
  // Warm up, then count.
  load.start();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await load.stop();
  load.start();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const report = await load.stop();
  process.stdout.write(
    `${label}: ${Math.round(report.succeeded / seconds)} req/s (${report.succeeded} ok, ${report.failed} failed, ${connections} connections, ${seconds} s)\n`,
  );
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
    await measure(cluster, 'deep read, 2 gateways, 2+2 subgraph replicas', deepRead);
    await toggle(cluster, 'disable', gateway2!.backend, gateway2!.name);
    await measure(cluster, 'deep read, 1 gateway, 2+2 subgraph replicas', deepRead);
    await toggle(cluster, 'enable', gateway2!.backend, gateway2!.name);
    const research = cluster.subgraphs.find((tier) => tier.name === 'research-innovation')!;
    await measure(cluster, 'research-only read, 2 gateways, 2 research-innovation replicas', researchOnly);
    await toggle(cluster, 'disable', research.replicas[1]!.backend, research.replicas[1]!.name);
    await measure(cluster, 'research-only read, 2 gateways, 1 research-innovation replica', researchOnly);
    await toggle(cluster, 'enable', research.replicas[1]!.backend, research.replicas[1]!.name);
  } finally {
    await cluster.stop();
  }
}

void main();
