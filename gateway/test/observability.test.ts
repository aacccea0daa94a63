import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { freePort, graphql, startGraph, testDialects, tokenWith, type TestGraph } from '@nlai/testing';
import { OtlpReceiver, type ReceivedSpan } from './otlp-receiver';

const writer = tokenWith('research-innovation:write', 'human-capital:write', 'talent:read');
const subgraphs = ['research-innovation', 'human-capital'] as const;

/** Labs (Research & Innovation) with their talent figures (Human Capital, by `_entities`), and vacancies (Human Capital) with their organisations (Research & Innovation). */
const crossSubgraphRead = `query LabsAcrossTheGraph {
  labs(first: 3) { edges { node { id name talentStats { total } } } }
  vacancies(first: 2) { edges { node { title organisation { name } } } }
}`;

/** One value of a Prometheus text exposition: the sample named, with every label given; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((label) => [label[1], label[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return undefined;
}

/** The sum of every sample of a metric with the labels given. */
function total(text: string, name: string, labels: Record<string, string> = {}): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/** A span's chain of parents inside the trace, nearest first. */
function ancestorsOf(span: ReceivedSpan, spans: ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(spans.map((each) => [each.spanId, each]));
  const chain: ReceivedSpan[] = [];
  for (let parent = byId.get(span.parentSpanId ?? ''); parent; parent = byId.get(parent.parentSpanId ?? '')) chain.push(parent);
  return chain;
}

const isServerSpan = (span: ReceivedSpan) => span.name.startsWith('POST /graphql');
const isSql = (span: ReceivedSpan) => span.attributes['db.system'] !== undefined;

/** Log lines a process printed, parsed (JSON lines only). */
function logLines(output: string): Array<Record<string, unknown> & { level: number; msg: string }> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown> & { level: number; msg: string });
}

describe.each(testDialects())('traces, metrics and a log line per request (%s)', (dialect) => {
  const receiver = new OtlpReceiver();
  let graph: TestGraph;
  const metricsPorts: Record<string, number> = {};

  beforeAll(async () => {
    const endpoint = await receiver.start();
    for (const service of ['gateway', ...subgraphs]) metricsPorts[service] = await freePort();
    graph = await startGraph({
      dialect,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_SAMPLER_ARG: '1', LOG_LEVEL: 'info' },
      envFor: {
        gateway: { GATEWAY_METRICS_PORT: String(metricsPorts.gateway) },
        researchInnovation: { RESEARCH_INNOVATION_METRICS_PORT: String(metricsPorts['research-innovation']) },
        humanCapital: { HUMAN_CAPITAL_METRICS_PORT: String(metricsPorts['human-capital']) },
      },
    });
  });
  afterAll(async () => {
    await graph?.stop();
    await receiver.stop();
  });

  /** Sends an operation with a trace of the test's own as its parent; returns the trace id. */
  async function traced(query: string, variables?: Record<string, unknown>): Promise<{ traceId: string; parentId: string }> {
    const traceId = randomBytes(16).toString('hex');
    const parentId = randomBytes(8).toString('hex');
    const result = await graphql(graph.gateway.url, query, {
      token: writer,
      variables,
      headers: { traceparent: `00-${traceId}-${parentId}-01` },
    });
    expect(result.errors).toBeUndefined();
    return { traceId, parentId };
  }

  it('traces a cross-subgraph read as one tree: the gateway, both subgraphs, entity resolution and SQL under the subgraph spans', async () => {
    const { traceId, parentId } = await traced(crossSubgraphRead);
    // Each process exports in batches of its own: wait for the gateway's root and, under each of its fetches, the subgraph's request.
    const spans = await receiver.trace(
      traceId,
      (received) =>
        received.some((span) => span.parentSpanId === parentId) &&
        received
          .filter((span) => span.service === 'gateway' && span.name.startsWith('fetch '))
          .every((fetch) => received.some((span) => span.parentSpanId === fetch.spanId && isServerSpan(span))),
    );
    expect(new Set(spans.map((span) => span.service))).toEqual(new Set(['gateway', ...subgraphs]));
    // One root, the gateway's request span, child of the caller's span; every other span's parent is in the trace.
    const ids = new Set(spans.map((span) => span.spanId));
    const roots = spans.filter((span) => !ids.has(span.parentSpanId ?? ''));
    expect(roots.map((span) => [span.service, span.name, span.parentSpanId])).toEqual([
      ['gateway', 'POST /graphql LabsAcrossTheGraph', parentId],
    ]);
    expect(roots[0]!.attributes['graphql.operation.name']).toBe('LabsAcrossTheGraph');
    for (const name of ['graphql.parse', 'graphql.validate', 'gateway.plan'])
      expect(spans.filter((span) => span.service === 'gateway').map((span) => span.name)).toContain(name);
    for (const service of subgraphs) {
      const requests = spans.filter((span) => span.service === service && isServerSpan(span));
      expect(requests.length).toBeGreaterThan(0);
      // Each subgraph request hangs under the gateway's fetch of that subgraph.
      for (const request of requests)
        expect(ancestorsOf(request, spans)[0]).toMatchObject({ service: 'gateway', name: `fetch ${service}` });
      const statements = spans.filter((span) => span.service === service && isSql(span));
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.attributes['db.system']).toBe(dialect === 'sqlite' ? 'sqlite' : 'mysql');
        expect(ancestorsOf(statement, spans).find(isServerSpan)?.service).toBe(service);
      }
    }
    // Both resolve entities for the other; Research & Innovation loads the vacancies' organisations with SQL under its `_entities` span.
    const entities = spans.filter((span) => span.name === '_entities');
    expect(new Set(entities.map((span) => span.service))).toEqual(new Set(subgraphs));
    const organisations = entities.find((span) => span.service === 'research-innovation')!;
    expect(spans.some((span) => isSql(span) && ancestorsOf(span, spans).includes(organisations))).toBe(true);
    // No token and no variables: nothing of the caller's but the operation name and client.
    expect(JSON.stringify(spans)).not.toContain(writer);
  });

  it('carries the trace of Human Capital’s reference check through the gateway back to Research & Innovation', async () => {
    const { traceId } = await traced(
      'mutation Register($input: TalentRegisterInput!) { talentRegister(input: $input) { talent { id } userErrors { code } } }',
      { input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2021 } },
    );
    const spans = await receiver.trace(
      traceId,
      (received) =>
        received.filter((span) => span.service === 'gateway' && isServerSpan(span)).length >= 2 &&
        subgraphs.every((service) => received.some((span) => span.service === service && isServerSpan(span))),
    );
    const gatewayRequests = spans.filter((span) => span.service === 'gateway' && isServerSpan(span));
    expect(gatewayRequests).toHaveLength(2);
    // The second request to the gateway is Human Capital's, sent while it served the mutation.
    const check = gatewayRequests.find((span) => ancestorsOf(span, spans).some((parent) => parent.service === 'human-capital'));
    expect(check).toBeDefined();
    expect(check!.attributes['graphql.client.name']).toBe('human-capital');
    expect(
      spans.some((span) => span.service === 'research-innovation' && isServerSpan(span) && ancestorsOf(span, spans).includes(check!)),
    ).toBe(true);
  });

  it('counts the traffic sent on every /metrics, served on a port of its own, in a format promtool accepts', async () => {
    const client = { 'apollographql-client-name': 'metrics-test', 'apollographql-client-version': '1.2.3' };
    for (let sent = 0; sent < 3; sent += 1) {
      const result = await graphql(
        graph.gateway.url,
        'query MetricsRead { labs(first: 2) { edges { node { name talentStats { total } } } } }',
        {
          headers: client,
        },
      );
      expect(result.errors).toBeUndefined();
    }
    const broken = await graphql(graph.gateway.url, 'query BrokenRead { labs { noSuchField } }', { headers: client });
    expect(broken.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const scrape = async (service: string) => {
      const response = await fetch(`http://127.0.0.1:${metricsPorts[service]}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return response.text();
    };
    const [gateway, researchInnovation, humanCapital] = await Promise.all(['gateway', ...subgraphs].map(scrape));
    const labels = { operation: 'MetricsRead', client: 'metrics-test', client_version: '1.2.3' };
    expect(sample(gateway!, 'graphql_requests_total', { ...labels, outcome: 'ok' })).toBe(3);
    expect(sample(gateway!, 'graphql_requests_total', { operation: 'BrokenRead', client: 'metrics-test', outcome: 'client_error' })).toBe(
      1,
    );
    expect(sample(gateway!, 'graphql_request_duration_seconds_count', { operation: 'MetricsRead', outcome: 'ok' })).toBe(3);
    // Planned once, then found in the cache.
    expect(total(gateway!, 'gateway_query_plan_cache_lookups_total', { result: 'hit' })).toBeGreaterThanOrEqual(2);
    expect(sample(gateway!, 'gateway_query_plan_cache_entries')).toBeGreaterThan(0);
    // Every fetch the gateway counts, the subgraph counts as a request: nothing else calls a subgraph.
    for (const [service, text] of [
      ['research-innovation', researchInnovation!],
      ['human-capital', humanCapital!],
    ] as const) {
      const fetched = total(gateway!, 'gateway_subgraph_fetches_total', { subgraph: service });
      expect(fetched).toBeGreaterThanOrEqual(3);
      expect(sample(gateway!, 'gateway_subgraph_fetches_total', { subgraph: service, outcome: 'ok' })).toBe(fetched);
      expect(total(text, 'graphql_requests_total', { service })).toBe(fetched);
      expect(sample(text, 'db_pool_connections', { service })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'db_pool_waiting', { service })).toBe(0);
    }
    for (const text of [gateway!, researchInnovation!, humanCapital!])
      expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0);
    // Not on the port clients use, since it has one of its own.
    expect((await fetch(`${graph.gateway.baseUrl}/metrics`)).status).toBe(404);
    if (existsSync('/usr/bin/promtool'))
      for (const text of [gateway!, researchInnovation!, humanCapital!]) {
        const checked = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
        expect(`${checked.stdout}${checked.stderr}`.trim()).toBe('');
        expect(checked.status).toBe(0);
      }
  });

  it('writes one line per request: its id, operation, client, status, duration and error codes', async () => {
    const headers = { 'x-request-id': `log-ok-${dialect}`, 'apollographql-client-name': 'log-test', 'apollographql-client-version': '7' };
    await graphql(graph.gateway.url, 'query LoggedRead { labs(first: 1) { edges { node { name } } } }', { headers });
    await graphql(graph.gateway.url, 'query LoggedMistake { labs { noSuchField } }', {
      headers: { 'x-request-id': `log-mistake-${dialect}` },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = logLines(graph.gateway.output());
    const ok = lines.filter((line) => line.requestId === `log-ok-${dialect}`);
    expect(ok).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request',
        operationName: 'LoggedRead',
        clientName: 'log-test',
        clientVersion: '7',
        status: 200,
        codes: [],
        ms: expect.any(Number),
      }),
    ]);
    const mistake = lines.filter((line) => line.requestId === `log-mistake-${dialect}`);
    // 200: a well-formed request's errors in application/json (see legacy-json-status.ts).
    expect(mistake).toEqual([
      expect.objectContaining({ level: 30, operationName: 'LoggedMistake', status: 200, codes: ['GRAPHQL_VALIDATION_FAILED'] }),
    ]);
    // The subgraph that answered the read logged its own line, under the same request id.
    expect(logLines(graph.researchInnovation.output()).filter((line) => line.requestId === `log-ok-${dialect}`)).toEqual([
      expect.objectContaining({ level: 30, msg: 'request', status: 200 }),
    ]);
  });

  it('logs a fault at error on the request’s one line, with its cause and request id, and counts the subgraph as unavailable', async () => {
    await graph.stopService('researchInnovation');
    const result = await graphql(graph.gateway.url, 'query WhileDown { labs(first: 1) { edges { node { name } } } }', {
      headers: { 'x-request-id': `log-fault-${dialect}` },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = logLines(graph.gateway.output()).filter((line) => line.requestId === `log-fault-${dialect}`);
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [50, 'request failed: fault, reported to the client as SUBGRAPH_UNAVAILABLE'],
    ]);
    expect(lines[0]).toMatchObject({
      operationName: 'WhileDown',
      codes: ['SUBGRAPH_UNAVAILABLE'],
      code: 'SUBGRAPH_UNAVAILABLE',
      err: expect.objectContaining({ message: expect.stringContaining('research-innovation subgraph at http') }),
    });
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPorts.gateway}/metrics`)).text();
    expect(sample(metrics, 'gateway_subgraph_fetches_total', { subgraph: 'research-innovation', outcome: 'unavailable' })).toBe(1);
  });
});
