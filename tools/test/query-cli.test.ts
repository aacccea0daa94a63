import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, graphql, startGraph, SubgraphProxy, tokenWith, type TestGraph } from '@nlai/testing';

const cli = resolve(__dirname, '../dist/query-cli.js');
const saved = (name: string) => resolve(__dirname, '../../schema/operations', name);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as an analyst would, with nothing of this process's environment but PATH and what is given. */
function query(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** Reads RFC 4180 CSV back into records, insisting on CRLF line ends. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let at = 0;
  while (at < text.length) {
    if (text[at] === '"' && field === '') {
      const close = () => {
        for (let index = at + 1; index < text.length; index += 1) {
          if (text[index] !== '"') continue;
          if (text[index + 1] === '"') index += 1;
          else return index;
        }
        throw new Error('unterminated quoted field');
      };
      const end = close();
      field = text.slice(at + 1, end).replaceAll('""', '"');
      at = end + 1;
    } else if (text[at] === ',') {
      record.push(field);
      field = '';
      at += 1;
    } else if (text.startsWith('\r\n', at)) {
      records.push([...record, field]);
      record = [];
      field = '';
      at += 2;
    } else if (text[at] === '\n' || text[at] === '\r') {
      throw new Error(`a bare line break at ${at}`);
    } else {
      field += text[at];
      at += 1;
    }
  }
  if (record.length > 0 || field !== '') throw new Error('the last record does not end in CRLF');
  return records;
}

interface LabNode {
  id: string;
  name: string;
  status: string;
  startYear: number | null;
  themes: string[];
  location: { city: string } | null;
}

describe('npm run query against the real graph', () => {
  let graph: TestGraph;
  let scratch: string;
  const url = () => graph.gateway.url;
  const operationFile = (name: string, text: string) => {
    const file = join(scratch, name);
    writeFileSync(file, text);
    return file;
  };

  beforeAll(async () => {
    graph = await startGraph({ dialect: 'sqlite' });
    scratch = mkdtempSync(join(tmpdir(), 'nlai-query-'));
  });
  afterAll(async () => {
    await graph?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** The labs as a direct JSON query of the same saved operation returns them. */
  const labsDirectly = async (variables: Record<string, unknown>) => {
    const result = await graphql<{ labs: { edges: Array<{ node: LabNode }> } }>(url(), readFileSync(saved('lab-list.graphql'), 'utf8'), {
      variables,
    });
    expect(result.errors).toBeUndefined();
    return result.data!.labs.edges.map((edge) => edge.node);
  };
  const asCsvRecord = (lab: LabNode) => [
    lab.id,
    lab.name,
    lab.status,
    lab.startYear === null ? '' : String(lab.startYear),
    lab.themes.join('; '),
    lab.location?.city ?? '',
  ];

  it('prints a saved operation as CSV whose values are those of a direct JSON query', async () => {
    const run = await query([saved('lab-list.graphql'), '--var', 'first=5', '--format', 'csv', '--url', url()]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const records = parseCsv(run.stdout);
    expect(records[0]).toEqual(['id', 'name', 'status', 'startYear', 'themes', 'location.city']);
    expect(records).toHaveLength(6);
    expect(records.slice(1)).toEqual((await labsDirectly({ first: 5 })).map(asCsvRecord));
  });

  it('writes the released figures a caller without talent:read gets, and the exact ones with it, as the graph answers them', async () => {
    interface City {
      city: string;
      talentStats: Record<string, number | null>;
    }
    const direct = async (token?: string) =>
      (await graphql<{ locations: City[] }>(url(), readFileSync(saved('retention-per-city.graphql'), 'utf8'), { token })).data!.locations;
    const figures = ['total', 'graduated', 'retainedInNetherlands', 'international'];
    const expected = (cities: City[]) =>
      cities.map((city) => [
        city.city,
        ...figures.map((figure) => String(city.talentStats[figure])),
        // A share is null when there is no one to share: left blank.
        city.talentStats.internationalShare === null ? '' : String(city.talentStats.internationalShare),
      ]);
    const columnsOf = (records: string[][]) => records.slice(1).map((record) => [0, 2, 3, 4, 5, 6].map((index) => record[index]!));

    const anonymous = await direct();
    expect(anonymous.every((city) => figures.every((figure) => city.talentStats[figure] !== null))).toBe(true);
    const csv = await query([saved('retention-per-city.graphql'), '--format', 'csv', '--url', url()]);
    expect(csv.status).toBe(0);
    expect(columnsOf(parseCsv(csv.stdout))).toEqual(expected(anonymous));

    const reader = tokenWith('talent:read');
    const exact = await query([saved('retention-per-city.graphql'), '--format', 'csv', '--token', reader, '--url', url()]);
    expect(columnsOf(parseCsv(exact.stdout))).toEqual(expected(await direct(reader)));
  });

  it('exports each list of figures one row per item, not one wide row', async () => {
    const run = await query([saved('network-talent.graphql'), '--format', 'csv', '--url', url()]);
    expect(run.status).toBe(0);
    const [header, ...rows] = parseCsv(run.stdout);
    const direct = (
      await graphql<{
        talentStats: {
          total: number;
          placementsBySector: Array<{ sector: string; placements: number | null }>;
          placementsByOrganisationKind: Array<{ kind: string; placements: number | null }>;
        };
        courseFigures: { bySector: Array<{ sector: string; courses: number }>; byKind: Array<{ kind: string; courses: number }> };
        vacancyFigures: { byTheme: Array<{ theme: string; vacancies: number }> };
      }>(url(), readFileSync(saved('network-talent.graphql'), 'utf8'))
    ).data!;
    const cell = (row: string[], column: string) => row[header!.indexOf(column)];
    const itemsOf = (key: string, count: string) =>
      rows.filter((row) => cell(row, key) !== '').map((row) => [cell(row, key), cell(row, count)]);
    const shown = (value: number | null) => String(value);

    expect(itemsOf('talentStats.placementsBySector.sector', 'talentStats.placementsBySector.placements')).toEqual(
      direct.talentStats.placementsBySector.map((item) => [item.sector, shown(item.placements)]),
    );
    expect(itemsOf('talentStats.placementsByOrganisationKind.kind', 'talentStats.placementsByOrganisationKind.placements')).toEqual(
      direct.talentStats.placementsByOrganisationKind.map((item) => [item.kind, shown(item.placements)]),
    );
    expect(itemsOf('courseFigures.bySector.sector', 'courseFigures.bySector.courses')).toEqual(
      direct.courseFigures.bySector.map((item) => [item.sector, String(item.courses)]),
    );
    expect(itemsOf('vacancyFigures.byTheme.theme', 'vacancyFigures.byTheme.vacancies')).toEqual(
      direct.vacancyFigures.byTheme.map((item) => [item.theme, String(item.vacancies)]),
    );
    const lists = [
      direct.talentStats.placementsBySector,
      direct.talentStats.placementsByOrganisationKind,
      direct.courseFigures.bySector,
      direct.courseFigures.byKind,
      direct.vacancyFigures.byTheme,
    ];
    expect(rows).toHaveLength(lists.reduce((sum, list) => sum + list.length, 0));
    // Each row is one item of one list; the figures outside the lists are on every row.
    for (const row of rows) {
      expect(row.filter((value) => value.includes('; '))).toEqual([]);
      expect(cell(row, 'talentStats.total')).toBe(String(direct.talentStats.total));
    }
  });

  it('gives a lab one row per partner that hires its graduates, and keeps its partners (not figures) in each row', async () => {
    const labId = 'national-police-lab-ai';
    // Exact figures: the public list holds only partners whose released count is positive, which may be none.
    const reader = tokenWith('talent:read');
    const run = await query([
      saved('partners-hiring-graduates.graphql'),
      '--var',
      `labId=${labId}`,
      '--format',
      'csv',
      '--token',
      reader,
      '--url',
      url(),
    ]);
    expect(run.status).toBe(0);
    const [header, ...rows] = parseCsv(run.stdout);
    const direct = (
      await graphql<{ lab: { partnerHires: Array<{ organisation: { id: string }; graduates: number | null }> } }>(
        url(),
        readFileSync(saved('partners-hiring-graduates.graphql'), 'utf8'),
        { variables: { labId }, token: reader },
      )
    ).data!;
    expect(direct.lab.partnerHires.length).toBeGreaterThan(1);
    const hires = direct.lab.partnerHires.map((hire) => [hire.organisation.id, String(hire.graduates)]);
    expect(
      rows.map((row) => [row[header!.indexOf('lab.partnerHires.organisation.id')], row[header!.indexOf('lab.partnerHires.graduates')]]),
    ).toEqual(hires);
    for (const row of rows) expect(row[header!.indexOf('lab.partners.organisation.name')]).toContain('; ');
  });

  it('follows every page with --all-pages: all 30 labs once, in order, with progress on stderr only', async () => {
    const run = await query([saved('lab-list.graphql'), '--var', 'first=7', '--all-pages', '--format', 'csv', '--url', url()]);
    expect(run.status).toBe(0);
    expect(run.stderr.split('\n')).toEqual([
      'page 1: 7 rows…',
      'page 2: 14 rows…',
      'page 3: 21 rows…',
      'page 4: 28 rows…',
      'page 5: 30 rows…',
      '',
    ]);
    const records = parseCsv(run.stdout);
    expect(records[0]![0]).toBe('id');
    expect(records.slice(1)).toEqual((await labsDirectly({ first: 100 })).map(asCsvRecord));
    expect(new Set(records.slice(1).map((record) => record[0])).size).toBe(30);
  });

  it('pages a nested connection too, through whatever variable its after argument takes', async () => {
    const token = tokenWith('talent:read');
    const direct = await graphql<{ lab: { talent: { totalCount: number } } }>(
      url(),
      '{ lab(id: "quva-lab") { talent(first: 1) { totalCount } } }',
      { token },
    );
    const total = direct.data!.lab.talent.totalCount;
    expect(total).toBeGreaterThan(2);
    const file = operationFile(
      'people.graphql',
      'query People($id: ID!, $cursor: String) { lab(id: $id) { name people: talent(first: 2, after: $cursor) { edges { node { id stage } } pageInfo { hasNextPage endCursor } } } }',
    );
    const run = await query([file, '--var', 'id=quva-lab', '--all-pages', '--format', 'json', '--token', token, '--url', url()]);
    expect(run.status).toBe(0);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(`page ${Math.ceil(total / 2)}: ${total} rows…`);
    const people = JSON.parse(run.stdout).lab.people;
    expect(people.edges).toHaveLength(total);
    expect(new Set(people.edges.map((edge: { node: { id: string } }) => edge.node.id)).size).toBe(total);
    expect(people.pageInfo.hasNextPage).toBe(false);
  });

  it('coerces an input object from JSON and prints the filtered labs as a table', async () => {
    const run = await query([saved('lab-list.graphql'), '--var', 'filter={"status":"ACTIVE","city":"Delft"}', '--url', url()]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const delft = (await labsDirectly({ filter: { status: 'ACTIVE', city: 'Delft' } })).map((lab) => lab.id);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id +name +status +startYear +themes +location\.city$/);
    expect(lines[1]).toMatch(/^-+( +-+){5}$/);
    expect(lines.slice(2, -1).map((line) => line.split(' ')[0])).toEqual(delft);
    expect(lines.at(-1)).toBe(`(${delft.length} rows)`);
  });

  it('prints the data as JSON with --format json, as a direct query returns it', async () => {
    const run = await query([saved('lab-page.graphql'), '--var', 'id=quva-lab', '--format', 'json', '--url', url()]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const direct = await graphql(url(), readFileSync(saved('lab-page.graphql'), 'utf8'), { variables: { id: 'quva-lab' } });
    expect(JSON.parse(run.stdout)).toEqual(direct.data);
  });

  it('takes the gateway from GRAPH_URL and the token from GRAPH_TOKEN', async () => {
    const talents = operationFile('talents.graphql', '{ talents(first: 3) { edges { node { id stage } } } }');
    const run = await query([talents, '--format', 'csv'], { GRAPH_URL: url(), GRAPH_TOKEN: tokenWith('talent:read') });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(parseCsv(run.stdout)).toHaveLength(4);
  });

  it('follows the stack’s GATEWAY_PORT and GATEWAY_URL when GRAPH_URL and --url are not given', async () => {
    const port = new URL(url()).port;
    const byPort = await query([saved('lab-list.graphql'), '--var', 'first=2', '--format', 'csv'], { GATEWAY_PORT: port });
    expect(byPort.stderr).toBe('');
    expect(parseCsv(byPort.stdout)).toHaveLength(3);
    const closed = `http://127.0.0.1:${await freePort()}/graphql`;
    const byUrl = await query([saved('lab-list.graphql'), '--var', 'first=2', '--format', 'csv'], {
      GATEWAY_URL: url(),
      GATEWAY_PORT: new URL(closed).port,
    });
    expect(byUrl.stderr).toBe('');
    expect(parseCsv(byUrl.stdout)).toHaveLength(3);
    const graphUrlFirst = await query([saved('lab-list.graphql'), '--var', 'first=2', '--format', 'csv'], {
      GRAPH_URL: url(),
      GATEWAY_URL: closed,
    });
    expect(graphUrlFirst.status).toBe(0);
  });

  it('prints the GraphQL errors with code and path and exits 1: talents without a token', async () => {
    const talents = operationFile('talents-anonymous.graphql', '{ talents(first: 3) { edges { node { id } } } }');
    const run = await query([talents, '--format', 'csv', '--url', url()]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^GraphQL error \[UNAUTHENTICATED\] at talents: .+\n$/);
  });

  it('still prints partial data, and says on stderr that it is partial', async () => {
    const placements = operationFile('placements.graphql', '{ organisation(id: "qualcomm") { name placements { id } } }');
    const run = await query([placements, '--format', 'json', '--url', url()]);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ organisation: { name: 'Qualcomm', placements: null } });
    expect(run.stderr.split('\n')).toEqual([
      expect.stringMatching(/^GraphQL error \[UNAUTHENTICATED\] at organisation\.placements: /),
      'query: the data is partial (1 error above); printed what came back.',
      '',
    ]);
  });

  it('says a file is missing, exit code 1', async () => {
    const missing = join(scratch, 'no-such-operation.graphql');
    const run = await query([missing, '--url', url()]);
    expect(run).toEqual({ status: 1, stdout: '', stderr: `query: No such file: ${missing}.\n` });
  });

  it('says where a file is not valid GraphQL, exit code 1', async () => {
    const broken = operationFile('broken.graphql', 'query { labs(first: 2 { totalCount } }');
    const run = await query([broken, '--url', url()]);
    expect(run).toEqual({
      status: 1,
      stdout: '',
      stderr: `query: ${broken}:1:23 is not valid GraphQL: Syntax Error: Expected Name, found "{".\n`,
    });
  });

  it('says the gateway cannot be reached, and how to start it', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/graphql`;
    const run = await query([saved('lab-list.graphql'), '--url', closed]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(`^query: Cannot reach the gateway at ${closed}: connect ECONNREFUSED [^ ]+\\. Is it running\\? \\(npm start\\)\\n$`),
    );
  });

  it('reports an HTTP error that carries no GraphQL errors: a proxy whose gateway is down', async () => {
    const proxy = new SubgraphProxy();
    const proxyUrl = await proxy.start(await freePort());
    try {
      const run = await query([saved('lab-list.graphql'), '--url', proxyUrl]);
      expect(run).toEqual({ status: 1, stdout: '', stderr: `query: The gateway at ${proxyUrl} answered HTTP 502 Bad Gateway.\n` });
    } finally {
      await proxy.stop();
    }
  });

  it('reports an answer that is not GraphQL: a URL of the gateway that serves something else', async () => {
    const health = `${graph.gateway.baseUrl}/health`;
    const run = await query([saved('lab-list.graphql'), '--url', health]);
    expect(run).toEqual({
      status: 1,
      stdout: '',
      stderr: `query: The gateway at ${health} answered something that is not a GraphQL response: {"status":"ok"}.\n`,
    });
  });

  it('refuses bad usage with exit code 2 before sending anything', async () => {
    const unreachable = 'http://127.0.0.1:9/graphql';
    const unknown = await query([saved('lab-list.graphql'), '--var', 'frist=5', '--url', unreachable]);
    expect(unknown).toEqual({
      status: 2,
      stdout: '',
      stderr: 'query: Unknown variable "frist": LabList takes $filter: LabFilter, $first: Int, $after: String.\n',
    });
    const notPaged = await query([saved('lab-page.graphql'), '--var', 'id=quva-lab', '--all-pages', '--url', unreachable]);
    expect(notPaged.status).toBe(2);
    expect(notPaged.stderr).toMatch(/^query: --all-pages needs the connection's after argument bound to a variable/);
    const format = await query([saved('lab-list.graphql'), '--format', 'xlsx', '--url', unreachable]);
    expect(format).toEqual({ status: 2, stdout: '', stderr: 'query: --format takes table, csv, json; got "xlsx".\n' });
  });
});
