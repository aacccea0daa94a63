/** One replica behind HAProxy. */
export interface Upstream {
  /** Its name in HAProxy (stats, logs), e.g. `gateway-1`. */
  name: string;
  port: number;
}

/** One tier: a frontend on `port` balancing over `servers`. */
export interface Tier {
  /** e.g. `gateway`, `research-innovation`. */
  name: string;
  port: number;
  servers: Upstream[];
}

/** What {@link haproxyConfig} writes. */
export interface HaproxyConfigOptions {
  /** The entry point: the gateways. */
  gateway: Tier;
  /** One frontend per subgraph, the gateways' `<PREFIX>_URL`. */
  subgraphs: Tier[];
  /** HAProxy's stats page (and /metrics in Prometheus's format). */
  statsPort: number;
  /** The admin socket: `show stat`, `show servers state`. */
  statsSocket: string;
  /** Health check interval on /ready, in ms; a replica is out after 2 failed checks, in after 2 passed. */
  checkIntervalMs: number;
}

/** `backend` names: letters, digits and dashes as HAProxy likes them. */
export const backendName = (tier: string) => `be-${tier}`;

function backend(tier: Tier, checkIntervalMs: number): string {
  return [
    `backend ${backendName(tier.name)}`,
    '    balance roundrobin',
    // Readiness, not liveness: a replica that is stopping answers 503 and leaves before it stops accepting.
    '    option httpchk GET /ready',
    '    http-check expect status 200',
    `    default-server check inter ${checkIntervalMs} fastinter ${Math.max(100, Math.floor(checkIntervalMs / 2))} downinter ${checkIntervalMs} fall 2 rise 2`,
    ...tier.servers.map((server) => `    server ${server.name} 127.0.0.1:${server.port}`),
  ].join('\n');
}

/**
 * Which requests HAProxy may send again to another replica. `retry-on`
 * (connection failures, a replica that closed without answering, an answer
 * that is not HTTP, a 503) applies only to requests whose whole body HAProxy
 * buffered, and replaying a request that a dead replica may have executed is
 * safe only for reads: so every GraphQL POST that names `mutation`, or that
 * carries no query text to tell (a persisted query's hash alone), keeps only
 * the retry that is always safe, a connection that never opened
 * (`disable-l7-retry`). GET is a read (Apollo refuses mutations over GET).
 * Writes are retried by their clients with an idempotency key.
 */
const retryRules = [
  '    option http-buffer-request',
  "    acl graphql_write req.body -m reg '\\bmutation\\b'",
  '    acl graphql_document req.body -m sub \'"query"\'',
  '    http-request disable-l7-retry if METH_POST graphql_write',
  '    http-request disable-l7-retry if METH_POST !graphql_document',
];

/** haproxy.cfg for the cluster: the gateways behind the entry frontend, each subgraph behind its own. */
export function haproxyConfig(options: HaproxyConfigOptions): string {
  const { gateway, subgraphs, checkIntervalMs } = options;
  return `${[
    [
      'global',
      `    stats socket ${options.statsSocket} mode 600 level admin`,
      '    maxconn 4096',
      // Enough for every GraphQL request the cluster serves, so reads can be replayed.
      '    tune.bufsize 65536',
    ].join('\n'),
    [
      'defaults',
      '    mode http',
      '    timeout connect 2s',
      '    timeout client 60s',
      '    timeout server 60s',
      '    timeout http-request 30s',
      '    timeout http-keep-alive 10s',
      '    timeout queue 10s',
      // A check's own deadline: without it HAProxy allows one interval, and a replica busy under load would fail
      // its checks and leave the tier with none in rotation. A stopping replica answers 503 at once all the same.
      '    timeout check 3s',
      // Up to 3 more attempts, each on another replica than the last (no 1 s pause before a retry on the same one).
      '    retries 3',
      '    option redispatch 1',
      '    retry-on conn-failure empty-response junk-response 503',
    ].join('\n'),
    [
      'frontend gateway',
      `    bind 127.0.0.1:${gateway.port}`,
      // The gateways believe X-Forwarded-For from 127.0.0.1 (GATEWAY_TRUSTED_PROXIES): rate limits per client address.
      '    option forwardfor',
      ...retryRules,
      `    default_backend ${backendName(gateway.name)}`,
    ].join('\n'),
    backend(gateway, checkIntervalMs),
    ...subgraphs.flatMap((tier) => [
      [
        `frontend ${tier.name}`,
        `    bind 127.0.0.1:${tier.port}`,
        // A gateway's /ready asks each subgraph's: answered here, ready while one replica of it is.
        '    monitor-uri /ready',
        `    monitor fail if { nbsrv(${backendName(tier.name)}) lt 1 }`,
        ...retryRules,
        `    default_backend ${backendName(tier.name)}`,
      ].join('\n'),
      backend(tier, checkIntervalMs),
    ]),
    [
      'frontend stats',
      `    bind 127.0.0.1:${options.statsPort}`,
      '    http-request use-service prometheus-exporter if { path /metrics }',
      '    stats enable',
      '    stats uri /',
      '    stats refresh 2s',
    ].join('\n'),
  ].join('\n\n')}\n`;
}
