import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorCatalogue } from '@nlai/errors';
import { startGraph, tokenWith, type TestGraph } from '@nlai/testing';
import Database from 'better-sqlite3';

/** A malformed request, as a client might send it, and what it must get back. */
interface Mistake {
  name: string;
  method?: string;
  /** Query string for GET (without `?`). */
  search?: Record<string, string>;
  /** Sent as is when a string, else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  code: keyof typeof errorCatalogue;
}

const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../schema/persisted-operations.json'), 'utf8')) as {
  operations: Array<{ id: string; name: string; body: string }>;
};
const labList = manifest.operations.find((operation) => operation.name === 'LabList')!;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const labs = '{ labs(first: 1) { totalCount } }';
const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

// Every request names the modern response type; legacy application/json clients get 200 for
// parse, validation and variable errors (GraphQL over HTTP), covered in graphql-over-http.test.ts.
const mistakes: Mistake[] = [
  {
    name: 'POST: operationName names no operation of the document',
    body: { query: 'query A { labs { totalCount } }', operationName: 'B' },
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'POST: two operations and no operationName',
    body: { query: 'query A { labs { totalCount } } query B { organisations { totalCount } }' },
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'POST: operationName given for an anonymous operation',
    body: { query: labs, operationName: 'LabList' },
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'POST: a subscription (the graph has none)',
    body: { query: 'subscription { labs { totalCount } }' },
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'POST: unknown operationName, legacy application/json',
    body: { query: 'query A { labs { totalCount } }', operationName: 'B' },
    headers: { accept: 'application/json' },
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'GET: operationName names no operation of the document',
    method: 'GET',
    search: { query: 'query A { labs { totalCount } }', operationName: 'B' },
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'GET: two operations and no operationName',
    method: 'GET',
    search: { query: 'query A { labs { totalCount } } query B { organisations { totalCount } }' },
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'GET: a subscription',
    method: 'GET',
    search: { query: 'subscription { labs { totalCount } }' },
    status: 405,
    code: 'BAD_REQUEST',
  },
  {
    name: 'GET: a mutation',
    method: 'GET',
    search: { query: 'mutation($input: TalentRegisterInput!) { talentRegister(input: $input) { talent { id } } }' },
    status: 405,
    code: 'BAD_REQUEST',
  },
  { name: 'GET: no query', method: 'GET', search: {}, status: 400, code: 'BAD_REQUEST' },
  {
    name: 'GET: variables that are not JSON',
    method: 'GET',
    search: { query: labs, variables: '{nope' },
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'GET: extensions that are not JSON', method: 'GET', search: { query: labs, extensions: '[' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'GET: a syntax error', method: 'GET', search: { query: '{ labs(' }, status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'PUT: not a GraphQL method', method: 'PUT', body: { query: labs }, status: 405, code: 'BAD_REQUEST' },
  { name: 'POST: body is not JSON', body: '{"query": ', status: 400, code: 'BAD_REQUEST' },
  {
    name: 'POST: text/plain body (CSRF-safe content types are refused)',
    body: labs,
    headers: { 'content-type': 'text/plain' },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'POST: no content type',
    body: JSON.stringify({ query: labs }),
    headers: { 'content-type': '' },
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'POST: a batched array (batching is off)', body: [{ query: labs }, { query: labs }], status: 400, code: 'BAD_REQUEST' },
  { name: 'POST: a JSON string instead of an object', body: 'just text', status: 400, code: 'BAD_REQUEST' },
  { name: 'POST: a JSON number instead of an object', body: 42, status: 400, code: 'BAD_REQUEST' },
  { name: 'POST: no query and no persisted query', body: { variables: {} }, status: 400, code: 'BAD_REQUEST' },
  { name: 'POST: query is a number', body: { query: 7 }, status: 400, code: 'BAD_REQUEST' },
  { name: 'POST: operationName is an object', body: { query: labs, operationName: { name: 'x' } }, status: 400, code: 'BAD_REQUEST' },
  { name: 'POST: variables is a string', body: { query: labs, variables: '{"first": 1}' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'POST: variables is an array', body: { query: labs, variables: [1] }, status: 400, code: 'BAD_REQUEST' },
  { name: 'POST: extensions is a string', body: { query: labs, extensions: 'persisted' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'POST: a syntax error', body: { query: '{ labs(' }, status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  {
    name: 'POST: a field the schema does not have',
    body: { query: '{ labz { totalCount } }' },
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'POST: only a fragment, no operation',
    body: { query: 'fragment F on Lab { id }' },
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'POST: a variable of the wrong type',
    body: { query: 'query($first: Int) { labs(first: $first) { totalCount } }', variables: { first: 'ten' } },
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'POST: a required variable missing',
    body: { query: 'query($id: ID!) { lab(id: $id) { name } }' },
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  // Validation lets a nullable variable with a default stand where null is not allowed; null overrides the default.
  {
    name: 'POST: null for a variable with a default, where the argument is non-null',
    body: { query: 'query($id: ID = "quva-lab") { lab(id: $id) { name } }', variables: { id: null } },
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'POST: null for a variable with a default, inside an input object where the field is non-null',
    body: {
      query:
        'mutation($lab: ID = "quva-lab") { talentRegister(input: { labId: $lab, stage: PHD_CANDIDATE, origin: DOMESTIC, startYear: 2022 }) { talent { id } } }',
      variables: { lab: null },
    },
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'POST: a huge, deeply nested variable where an Int belongs',
    body: {
      query: 'query($first: Int) { labs(first: $first) { totalCount } }',
      variables: { first: JSON.parse(`${'['.repeat(2000)}${']'.repeat(2000)}`), padding: 'x'.repeat(500_000) },
    },
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'POST: a body over the size limit',
    body: { query: labs, variables: { padding: 'x'.repeat(2 * 1024 * 1024) } },
    status: 413,
    code: 'BAD_REQUEST',
  },
  {
    name: 'POST: a page larger than allowed',
    body: { query: '{ labs(first: 100000) { totalCount } }' },
    status: 400,
    code: 'PAGE_SIZE_EXCEEDED',
  },
  {
    name: 'POST: a hash that does not match its query (APQ)',
    body: { query: labs, extensions: apq(sha256('something else')) },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'POST: a persisted query of an unknown version',
    body: { query: labs, extensions: { persistedQuery: { version: 2, sha256Hash: sha256(labs) } } },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'GET: a hash that does not match its query (APQ)',
    method: 'GET',
    search: { query: labs, extensions: JSON.stringify(apq('0'.repeat(64))) },
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'POST: a path other than /graphql', headers: { 'x-path': '/graphq' }, body: { query: labs }, status: 404, code: 'BAD_REQUEST' },
];

// In safelist mode (PERSISTED_OPERATIONS_ONLY) only the manifest's operations run.
const safelistMistakes: Mistake[] = [
  {
    name: 'safelist: an unknown persisted id',
    body: { extensions: apq(sha256('query Unknown { labs { totalCount } }')) },
    status: 400,
    code: 'PERSISTED_QUERY_NOT_ALLOWED',
  },
  {
    name: 'safelist: a sha256Hash that is not a hash',
    body: { extensions: apq('not-a-hash') },
    status: 400,
    code: 'PERSISTED_QUERY_NOT_ALLOWED',
  },
  {
    name: 'safelist: a sha256Hash that is a number',
    body: { extensions: { persistedQuery: { version: 1, sha256Hash: 12 } } },
    status: 400,
    code: 'PERSISTED_QUERY_NOT_ALLOWED',
  },
  { name: 'safelist: free text not in the manifest', body: { query: labs }, status: 400, code: 'PERSISTED_QUERY_NOT_ALLOWED' },
  {
    name: 'safelist: a manifest id with the operationName of another operation',
    body: { extensions: apq(labList.id), operationName: 'LabPage' },
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'safelist: a manifest id with a variable of the wrong type',
    body: { extensions: apq(labList.id), variables: { first: 'ten' } },
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'safelist: GET with an unknown persisted id',
    method: 'GET',
    search: { extensions: JSON.stringify(apq('f'.repeat(64))) },
    status: 400,
    code: 'PERSISTED_QUERY_NOT_ALLOWED',
  },
  {
    name: 'safelist: GET with extensions that are not JSON',
    method: 'GET',
    search: { extensions: '{' },
    status: 400,
    code: 'PERSISTED_QUERY_NOT_ALLOWED',
  },
  {
    name: 'safelist: GET with a manifest id and the operationName of another operation',
    method: 'GET',
    search: { extensions: JSON.stringify(apq(labList.id)), operationName: 'Other' },
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  { name: 'safelist: a batched array', body: [{ extensions: apq(labList.id) }], status: 400, code: 'BAD_REQUEST' },
];

interface LogLine {
  level: number;
  msg?: string;
  requestId?: string;
  service?: string;
  code?: string;
  err?: { message?: string };
}

/** The JSON log lines a process printed (pino on stdout); anything else it printed is kept as an unparsed line. */
function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        return { level: 60, msg: `not a JSON log line: ${line}` };
      }
    });
}

async function send(url: string, mistake: Mistake, requestId: string) {
  const target = new URL(mistake.headers?.['x-path'] ?? '/graphql', url);
  for (const [key, value] of Object.entries(mistake.search ?? {})) target.searchParams.set(key, value);
  const { 'x-path': _path, ...headers } = mistake.headers ?? {};
  const method = mistake.method ?? 'POST';
  const response = await fetch(target, {
    method,
    headers: {
      accept: 'application/graphql-response+json',
      // A GET needs a header a browser form cannot send, or Apollo's CSRF prevention refuses it.
      ...(method === 'GET' ? { 'apollo-require-preflight': 'true' } : { 'content-type': 'application/json' }),
      'x-request-id': requestId,
      ...headers,
    },
    ...(method === 'GET' ? {} : { body: typeof mistake.body === 'string' ? mistake.body : JSON.stringify(mistake.body) }),
  });
  const text = await response.text();
  let body: { errors?: Array<{ message: string; extensions?: { code?: string } }> } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // asserted below: every answer is JSON with a code
  }
  return { status: response.status, requestIdHeader: response.headers.get('x-request-id'), text, errors: body.errors ?? [] };
}

function describeMistakes(title: string, env: Record<string, string>, cases: Mistake[]) {
  describe(title, () => {
    let graph: TestGraph;
    const sent = new Map<string, Mistake>();
    beforeAll(async () => {
      graph = await startGraph({ dialect: 'sqlite', env: { LOG_LEVEL: 'info', ...env } });
    });
    afterAll(() => graph?.stop());

    it.each(cases.map((mistake) => [mistake.name, mistake] as const))('%s', async (_name, mistake) => {
      const requestId = `mistake-${randomUUID()}`;
      sent.set(requestId, mistake);
      const answer = await send(graph.gateway.url, mistake, requestId);
      expect(answer.requestIdHeader).toBe(requestId);
      expect(answer.text).not.toContain('Internal server error');
      expect({ status: answer.status, codes: answer.errors.map((error) => error.extensions?.code) }).toEqual({
        status: mistake.status,
        codes: [mistake.code],
      });
      // The message says what to fix, not just that something failed.
      expect(answer.errors[0]!.message.length).toBeGreaterThan(15);
    });

    it('logs every client mistake below error level, with the request id the client got', async () => {
      // Give the processes a moment to flush their last lines.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const lines = [graph.gateway, graph.researchInnovation, graph.humanCapital].flatMap((service) => logLines(service.output()));
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
      const loggedIds = new Set(lines.filter((line) => line.level < 50 && line.requestId).map((line) => line.requestId));
      const unlogged = [...sent].filter(([requestId]) => !loggedIds.has(requestId)).map(([, mistake]) => mistake.name);
      expect(unlogged).toEqual([]);
    });
  });
}

describe('malformed requests are client mistakes, never server faults', () => {
  it('covers at least 30 kinds of malformed request', () => {
    expect(mistakes.length + safelistMistakes.length).toBeGreaterThanOrEqual(30);
  });
  it('answers each with its code’s status from the error catalogue, but where HTTP has a more exact one (404, 405, 413)', () => {
    const httpsOwn = [404, 405, 413];
    const otherStatus = [...mistakes, ...safelistMistakes].filter(
      (mistake) => !httpsOwn.includes(mistake.status) && mistake.status !== errorCatalogue[mistake.code].httpStatus,
    );
    expect(otherStatus.map((mistake) => mistake.name)).toEqual([]);
  });
  describeMistakes('with every operation allowed', {}, mistakes);
  describeMistakes('in safelist mode', { PERSISTED_OPERATIONS_ONLY: 'true' }, safelistMistakes);
});

describe('faults are logged at error level with the request id the client got', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ dialect: 'sqlite', env: { LOG_LEVEL: 'info' } });
  });
  afterAll(() => graph?.stop());

  it('a broken database: masked for the client, logged with its request id by the subgraph and the gateway', async () => {
    // A real fault on our side: the lab table is gone under the running subgraph.
    const database = new Database(graph.databases.researchInnovation.sqliteFile);
    database.exec('ALTER TABLE lab RENAME TO lab_gone');
    database.close();
    const requestId = `fault-${randomUUID()}`;
    const answer = await send(
      graph.gateway.url,
      { name: 'fault', body: { query: '{ labs(first: 1) { edges { node { name } } } }' }, status: 200, code: 'INTERNAL_SERVER_ERROR' },
      requestId,
    );
    expect(answer.requestIdHeader).toBe(requestId);
    expect(answer.errors.map((error) => [error.message, error.extensions?.code])).toEqual([
      ['Internal server error', 'INTERNAL_SERVER_ERROR'],
    ]);
    expect(answer.text).not.toContain('lab_gone');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const errorLines = (service: TestGraph['gateway']) => logLines(service.output()).filter((line) => line.level >= 50);
    // Each process logs the fault once, and every error line says which request it belongs to.
    expect(errorLines(graph.researchInnovation).map((line) => line.requestId)).toEqual([requestId]);
    expect(errorLines(graph.gateway).map((line) => line.requestId)).toEqual([requestId]);
  });
});

describe('an outage is a fault, not a client mistake: logged at error with the request id and its cause', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ dialect: 'sqlite', env: { LOG_LEVEL: 'info' } });
  });
  afterAll(() => graph?.stop());

  const linesOf = async (service: TestGraph['gateway'], requestId: string) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return logLines(service.output()).filter((line) => line.requestId === requestId);
  };

  it('Research & Innovation down during a Human Capital write: UPSTREAM_UNAVAILABLE for the client, the cause in the Human Capital log', async () => {
    await graph.stopService('researchInnovation');
    try {
      const requestId = `upstream-${randomUUID()}`;
      const answer = await send(
        graph.gateway.url,
        {
          name: 'write',
          body: {
            query: 'mutation($input: TalentRegisterInput!) { talentRegister(input: $input) { talent { id } } }',
            variables: { input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2022 } },
          },
          headers: { authorization: `Bearer ${tokenWith('human-capital:write')}` },
          status: 200,
          code: 'UPSTREAM_UNAVAILABLE',
        },
        requestId,
      );
      expect(answer.errors.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
      const faults = (await linesOf(graph.humanCapital, requestId)).filter((line) => line.level >= 50);
      expect(faults.map((line) => [line.code, line.err?.message])).toEqual([['UPSTREAM_UNAVAILABLE', expect.stringMatching(/gateway/)]]);
    } finally {
      await graph.startService('researchInnovation');
    }
  });

  it('a subgraph killed: SUBGRAPH_UNAVAILABLE for the client, one error line with the code and the cause in the gateway log', async () => {
    await graph.stopService('humanCapital', 'SIGKILL');
    try {
      const requestId = `down-${randomUUID()}`;
      const answer = await send(
        graph.gateway.url,
        {
          name: 'down',
          body: { query: '{ labs(first: 1) { totalCount } talentStats { total } }' },
          status: 200,
          code: 'SUBGRAPH_UNAVAILABLE',
        },
        requestId,
      );
      expect(answer.errors.map((error) => error.extensions?.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
      const faults = (await linesOf(graph.gateway, requestId)).filter((line) => line.level >= 50);
      expect(faults.map((line) => [line.code, line.err?.message])).toEqual([
        ['SUBGRAPH_UNAVAILABLE', expect.stringMatching(/human-capital subgraph at http/)],
      ]);
    } finally {
      await graph.startService('humanCapital');
    }
  });
});
