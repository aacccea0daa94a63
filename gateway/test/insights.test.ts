import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { graphql, startGraph, tokenWith, type TestGraph } from '@nlai/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, saveDownload } from './browser';
import { useGraph } from './graph-fixture';

// The page touches no database itself: SQLite is enough.
const dialect = 'sqlite';
const artifacts = resolve(__dirname, '../test-artifacts');
const docsImages = resolve(__dirname, '../../docs/images');
// Only on request: CI must not rewrite the committed screenshots.
const updateScreenshots = process.env.UPDATE_SCREENSHOT === '1';
const chartIds = ['map', 'flow', 'retention', 'growth', 'courses'] as const;
const notShown = 'not shown (0–6)';

const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../schema/persisted-operations.json'), 'utf8')) as {
  operations: Array<{ name: string; body: string }>;
};
const insightsQuery = manifest.operations.find((operation) => operation.name === 'InsightsNetwork')!.body;

interface Stats {
  total: number;
  phdCandidates: number | null;
  graduated: number | null;
  retainedInNetherlands: number | null;
  release: { id: string; publishedAt: string } | null;
}
interface NetworkAnswer {
  locations: Array<{
    id: string;
    city: string;
    role: 'HUB' | 'SPOKE';
    coordinates: { latitude: number; longitude: number } | null;
    hub: { id: string } | null;
    labs: Array<{ id: string; status: string; startYear: number | null }>;
    talentStats: Stats | null;
  }>;
  courseFigures: { bySector: Array<{ sector: string; courses: number }> };
  vacancyFigures: { byTheme: Array<{ theme: string; vacancies: number }> };
}

interface Table {
  columns: string[];
  rows: string[][];
}

/** What the page shows for a count: the number, or "not shown" for a count the public graph withholds (0). */
const shownAs = (value: number | null, exact: boolean) => (!exact && !value ? notShown : String(value ?? 0));

/** The HTML table beside a chart, as text cells. */
const tableOf = (page: Page, id: string) =>
  page.evaluate<Table>(`(() => {
    const table = document.querySelector('#${id} [data-role="table"] table');
    return {
      columns: [...table.tHead.rows[0].cells].map((cell) => cell.textContent),
      rows: [...table.tBodies[0].rows].map((row) => [...row.cells].map((cell) => cell.textContent)),
    };
  })()`);

/** The series ECharts draws for a chart, as its option holds them (formatters that are functions drop out). */
const seriesOf = <T>(page: Page, id: string) =>
  page.evaluate<T>(
    `JSON.parse(JSON.stringify(echarts.getInstanceByDom(document.querySelector('#${id} [data-role="figure"]')).getOption().series))`,
  );

/** Parses RFC 4180 CSV as the page writes it (CRLF line ends, quotes only where needed). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted && char === '"' && text[index + 1] === '"') {
      field += '"';
      index += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      endField();
    } else if (!quoted && char === '\r' && text[index + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      index += 1;
    } else {
      field += char;
    }
  }
  return records;
}

async function waitForState(page: Page, states: string[]): Promise<string> {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await setTimeout(100)) {
    const state = await page.evaluate<string | undefined>('document.body.dataset.state');
    if (state && states.includes(state)) return state;
  }
  throw new Error(`the insights page did not reach ${states.join(' or ')} within 20 s`);
}

/** One band of the Sankey: from, to, its width, and how the table writes it. */
type Flow = [string, string, number, string];

/**
 * A city's people by stage as the Sankey should draw them: published figures,
 * the rest of its people in one band. Without talent:read, bands worked out
 * from published figures are not written as counts.
 */
function expectedFlows(answer: NetworkAnswer, exact: boolean): Flow[] {
  const other = exact ? 'Other stages' : 'Other stages or not shown';
  const rest = (value: number) => (exact ? String(value) : 'not shown (the rest)');
  const flows: Flow[] = [];
  let retained = 0;
  let notRetained = 0;
  for (const { city, talentStats: stats } of answer.locations) {
    if (!stats || stats.total === 0) continue;
    const phd = stats.phdCandidates ?? 0;
    const graduated = stats.graduated ?? 0;
    if (phd > 0) flows.push([city, 'PhD candidates', phd, String(phd)]);
    if (graduated > 0) flows.push([city, 'Graduated', graduated, String(graduated)]);
    const others = stats.total - phd - graduated;
    if (others > 0) flows.push([city, other, others, rest(others)]);
    retained += stats.retainedInNetherlands ?? 0;
    notRetained += Math.max(0, graduated - (stats.retainedInNetherlands ?? 0));
  }
  if (retained > 0)
    flows.push(['Graduated', 'In the Netherlands', retained, exact ? String(retained) : `${retained} (the cities' figures added up)`]);
  if (notRetained > 0)
    flows.push(['Graduated', exact ? 'Not in the Netherlands' : 'Elsewhere or not shown', notRetained, rest(notRetained)]);
  return flows;
}

describe('the insights page', () => {
  const graph = useGraph(dialect);
  const origin = () => new URL(graph().gateway.url).origin;

  describe('over HTTP', () => {
    it('serves a page that loads everything from the gateway, under a content security policy of its own origin', async () => {
      const response = await fetch(`${origin()}/insights`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).not.toMatch(/\b(https?:)?\/\/[a-z0-9.-]+/i);
      expect(html).not.toMatch(/<script>|<style>| on[a-z]+=/i);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain('unsafe-');
      const echarts = html.match(/\/insights\/echarts\.min\.js\?v=[\w-]+/)?.[0];
      const served = Buffer.from(await (await fetch(`${origin()}${echarts}`)).arrayBuffer());
      expect(served.equals(readFileSync(require.resolve('echarts/dist/echarts.min.js')))).toBe(true);
    });

    it('serves the outline of the European Netherlands from world-atlas, without the Caribbean islands', async () => {
      const outline = (await (await fetch(`${origin()}/insights/netherlands.json`)).json()) as {
        features: Array<{ geometry: { type: string; coordinates: number[][][][] } }>;
      };
      expect(outline.features).toHaveLength(1);
      const points = outline.features[0]!.geometry.coordinates.flat(2);
      expect(points.length).toBeGreaterThan(100);
      for (const [longitude, latitude] of points) {
        expect(longitude).toBeGreaterThan(3);
        expect(longitude).toBeLessThan(7.3);
        expect(latitude).toBeGreaterThan(50.7);
        expect(latitude).toBeLessThan(53.7);
      }
    });
  });

  describe('in a browser, 760 px wide', () => {
    let browser: Browser;
    let page: Page;
    const requested: Array<{ url: string; authorization?: string }> = [];
    const problems: string[] = [];
    let publicAnswer: NetworkAnswer;
    let exactAnswer: NetworkAnswer;

    beforeAll(async () => {
      mkdirSync(artifacts, { recursive: true });
      const answers = await Promise.all([
        graphql<NetworkAnswer>(graph().gateway.url, insightsQuery),
        graphql<NetworkAnswer>(graph().gateway.url, insightsQuery, { token: tokenWith('talent:read') }),
      ]);
      expect(answers.map((answer) => answer.errors)).toEqual([undefined, undefined]);
      publicAnswer = answers[0].data!;
      exactAnswer = answers[1].data!;
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
      page = await browser.newPage({ viewport: { width: 760, height: 900 }, acceptDownloads: true });
      page.on('request', (request) => requested.push({ url: request.url(), authorization: request.headers()['authorization'] }));
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      page.on('pageerror', (error) => problems.push(error.stack ?? error.message));
      await page.goto(`${origin()}/insights`);
      expect(await waitForState(page, ['public', 'exact', 'failed'])).toBe('public');
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('draws one mark per city where the graph places it, shaped by hub or spoke, and a line from each spoke to its hub', async () => {
      const series = await seriesOf<
        Array<{ type: string; data: Array<{ name: string; value?: number[]; symbol?: string; coords?: number[][] }> }>
      >(page, 'map');
      const marks = series.filter((one) => one.type === 'scatter').flatMap((one) => one.data);
      const located = publicAnswer.locations.filter((location) => location.coordinates);
      expect(located.length).toBeGreaterThan(0);
      expect(marks.map((mark) => mark.name).sort()).toEqual(located.map((location) => location.city).sort());
      for (const location of located) {
        const mark = marks.find((candidate) => candidate.name === location.city)!;
        expect(mark.value).toEqual([location.coordinates!.longitude, location.coordinates!.latitude]);
        expect(mark.symbol).toBe(location.role === 'HUB' ? 'circle' : 'triangle');
      }
      const lines = series.find((one) => one.type === 'lines')!.data;
      const spokes = publicAnswer.locations.filter((location) => location.hub);
      expect(lines.map((line) => line.name).sort()).toEqual(
        spokes.map((spoke) => `${spoke.city} → ${publicAnswer.locations.find((hub) => hub.id === spoke.hub!.id)!.city}`).sort(),
      );
      const table = await tableOf(page, 'map');
      expect(table.rows.map((row) => [row[0], row.at(-1)])).toEqual(
        publicAnswer.locations.map((location) => [location.city, shownAs(location.talentStats!.total, false)]),
      );
    });

    it('draws talent flows that are the published figures of each city, the rest of its people in one "not shown" band', async () => {
      const [sankey] = await seriesOf<Array<{ links: Array<{ source: string; target: string; value: number }> }>>(page, 'flow');
      const drawn = sankey!.links.map((link): [string, string, number] => [link.source, link.target, link.value]);
      const expected = expectedFlows(publicAnswer, false);
      expect(drawn).toEqual(expected.map(([from, to, value]) => [from, to, value]));
      // Each city's flows add up to its published total (the rest is one band), unless its published parts exceed it.
      for (const { city, talentStats } of publicAnswer.locations) {
        const out = drawn.filter(([source]) => source === city).reduce((sum, [, , value]) => sum + value, 0);
        const parts = (talentStats!.phdCandidates ?? 0) + (talentStats!.graduated ?? 0);
        expect([city, out]).toEqual([city, Math.max(talentStats!.total, talentStats!.total === 0 ? 0 : parts)]);
      }
      // The table writes published figures as numbers, and the bands worked out from them as "not shown".
      expect((await tableOf(page, 'flow')).rows).toEqual(expected.map(([from, to, , text]) => [from, to, text]));
      expect(expected.some(([, , , text]) => text === 'not shown (the rest)')).toBe(true);
    });

    it('draws withheld retention cells hatched and labelled "not shown", never as zero', async () => {
      const series = await seriesOf<Array<{ data: Array<{ withheld?: boolean; label: { formatter: string } }> }>>(page, 'retention');
      const withStats = publicAnswer.locations.filter((location) => location.talentStats);
      const fields = ['graduated', 'retainedInNetherlands'] as const;
      let withheldCells = 0;
      fields.forEach((field, index) => {
        withStats.forEach((location, row) => {
          const value = location.talentStats![field];
          const bar = series[index]!.data[row]!;
          expect([location.city, field, bar.label.formatter, Boolean(bar.withheld)]).toEqual([
            location.city,
            field,
            shownAs(value, false),
            !value,
          ]);
          if (!value) withheldCells += 1;
        });
      });
      // The sample data has small cells: the test would prove nothing without one.
      expect(withheldCells).toBeGreaterThan(0);
      expect((await tableOf(page, 'retention')).rows).toEqual(
        withStats.map((location) => [
          location.city,
          shownAs(location.talentStats!.graduated, false),
          shownAs(location.talentStats!.retainedInNetherlands, false),
        ]),
      );
    });

    it('counts labs by start year and status as the graph lists them, and leaves people by start year to talent:read', async () => {
      const table = await tableOf(page, 'growth');
      const labs = publicAnswer.locations.flatMap((location) => location.labs);
      for (const row of table.rows) {
        const year = Number(row[0]);
        expect([year, row[1]]).toEqual([year, String(labs.filter((lab) => lab.startYear === year && lab.status === 'ACTIVE').length)]);
        expect([year, row[4]]).toEqual([year, String(labs.filter((lab) => lab.startYear !== null && lab.startYear <= year).length)]);
        expect(row[5]).toBe('not shown (talent:read)');
      }
      const lastRow = table.rows.at(-1)!;
      expect(Number(lastRow[4])).toBe(labs.filter((lab) => lab.startYear !== null).length);
    });

    it('draws courses per sector and vacancies per theme as the graph counts them', async () => {
      const series = await seriesOf<Array<{ data: number[] }>>(page, 'courses');
      expect(series[0]!.data).toEqual(publicAnswer.courseFigures.bySector.map((row) => row.courses));
      expect(series[1]!.data).toEqual(publicAnswer.vacancyFigures.byTheme.map((row) => row.vacancies));
    });

    it.each(chartIds)(
      'gives the %s chart a title, its source and release, a text alternative, and SVG, PNG and CSV downloads',
      async (id) => {
        const section = page.locator(`#${id}`);
        expect(await section.locator('h2').textContent()).toBeTruthy();
        const release = publicAnswer.locations.find((location) => location.talentStats?.release)!.talentStats!.release!;
        const source = (await section.locator('[data-role="source"]').textContent()) ?? '';
        expect(source).toMatch(/live, \d{4}-\d\d-\d\d \d\d:\d\d UTC|release/);
        if (id === 'map' || id === 'flow' || id === 'retention') expect(source).toContain(release.id);
        expect((await section.locator('[data-role="alt"]').textContent())!.length).toBeGreaterThan(40);
        expect(await section.locator('[data-role="figure"]').getAttribute('role')).toBe('img');
        const svg = await saveDownload(page, section.locator('[data-download="svg"]'), join(artifacts, `insights-${id}.svg`));
        expect(svg.toString('utf8')).toMatch(/<svg[\s\S]*<\/svg>/);
        const png = await saveDownload(page, section.locator('[data-download="png"]'), join(artifacts, `insights-${id}.png`));
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        const csv = await saveDownload(page, section.locator('[data-download="csv"]'), join(artifacts, `insights-${id}.csv`));
        const table = await tableOf(page, id);
        expect(parseCsv(csv.toString('utf8'))).toEqual([table.columns, ...table.rows]);
        await section.screenshot({ path: join(artifacts, `insights-${id}-section.png`) });
        if (updateScreenshots) {
          mkdirSync(docsImages, { recursive: true });
          copyFileSync(join(artifacts, `insights-${id}-section.png`), join(docsImages, `insights-${id}.png`));
        }
      },
    );

    it('shows no talent figure the public graph does not give, in any table, text alternative, tooltip or download', async () => {
      // Cities whose exact figures differ from the published ones: the page must show the published value.
      const differing = exactAnswer.locations.filter((location, index) => {
        const published = publicAnswer.locations[index]!.talentStats!;
        return (
          location.talentStats!.graduated !== published.graduated ||
          location.talentStats!.retainedInNetherlands !== published.retainedInNetherlands
        );
      });
      expect(differing.length).toBeGreaterThan(0);
      const retention = await tableOf(page, 'retention');
      const csv = parseCsv(readFileSync(join(artifacts, 'insights-retention.csv'), 'utf8')).slice(1);
      const words = (await page.locator('#retention [data-role="alt"]').textContent()) ?? '';
      for (const location of differing) {
        const published = publicAnswer.locations.find((candidate) => candidate.id === location.id)!.talentStats!;
        const expected = [location.city, shownAs(published.graduated, false), shownAs(published.retainedInNetherlands, false)];
        expect(retention.rows.find((row) => row[0] === location.city)).toEqual(expected);
        expect(csv.find((row) => row[0] === location.city)).toEqual(expected);
        expect(words).toContain(`${location.city} ${expected[1]} graduates, ${expected[2]} retained`);
      }
      // Map tooltips carry the published people of each city, nothing else.
      const marks = (await seriesOf<Array<{ type: string; data: Array<{ name: string; tooltip: { formatter: string } }> }>>(page, 'map'))
        .filter((one) => one.type === 'scatter')
        .flatMap((one) => one.data);
      for (const mark of marks) {
        const published = publicAnswer.locations.find((location) => location.city === mark.name)!.talentStats!.total;
        expect(mark.tooltip.formatter).toMatch(new RegExp(`people: ${shownAs(published, false).replace(/[()]/g, '\\$&')}$`));
      }
      // And the page asked with no token, so the graph answered with released figures only.
      const graphRequests = requested.filter((request) => request.url.endsWith('/graphql'));
      expect(graphRequests.length).toBeGreaterThan(0);
      expect(graphRequests.filter((request) => request.authorization)).toEqual([]);
    });

    it('reads at 760 px without scrolling sideways, in colours with at least 4.5:1 contrast on white', async () => {
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(760);
      const palette = await page.evaluate<Record<string, string>>('window.nlaiInsights.colours');
      const luminance = (hex: string) => {
        const [red, green, blue] = [1, 3, 5]
          .map((at) => parseInt(hex.slice(at, at + 2), 16) / 255)
          .map((value) => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4));
        return 0.2126 * red! + 0.7152 * green! + 0.0722 * blue!;
      };
      const contrasts = Object.entries(palette).map(
        ([name, hex]) => [name, Math.round((1.05 / (luminance(hex) + 0.05)) * 100) / 100] as const,
      );
      expect(contrasts.filter(([, contrast]) => contrast < 4.5)).toEqual([]);
    });

    it('asked no host but the gateway for anything, and broke no rule of its content security policy', () => {
      const elsewhere = requested.filter(({ url }) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin());
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
    });

    it('with a talent:read token in the box, shows exact figures, people by start year among them', async () => {
      await page.locator('#token').fill(tokenWith('talent:read'));
      await page.locator('#reload').click();
      expect(await waitForState(page, ['exact', 'failed'])).toBe('exact');
      expect((await tableOf(page, 'retention')).rows).toEqual(
        exactAnswer.locations
          .filter((location) => location.talentStats)
          .map((location) => [
            location.city,
            shownAs(location.talentStats!.graduated, true),
            shownAs(location.talentStats!.retainedInNetherlands, true),
          ]),
      );
      const [sankey] = await seriesOf<Array<{ links: Array<{ source: string; target: string; value: number }> }>>(page, 'flow');
      expect(sankey!.links.map((link) => [link.source, link.target, link.value])).toEqual(
        expectedFlows(exactAnswer, true).map(([from, to, value]) => [from, to, value]),
      );
      expect((await tableOf(page, 'flow')).rows).toEqual(expectedFlows(exactAnswer, true).map(([from, to, , text]) => [from, to, text]));
      const people = await graphql<{ talents: { totalCount: number } }>(graph().gateway.url, '{ talents(first: 0) { totalCount } }', {
        token: tokenWith('talent:read'),
      });
      const growth = await tableOf(page, 'growth');
      expect(growth.rows.reduce((sum, row) => sum + Number(row[5]), 0)).toBe(people.data!.talents.totalCount);
      expect(await page.locator('#mode').textContent()).toContain('Exact figures');
      await page.locator('#growth').screenshot({ path: join(artifacts, 'insights-growth-exact.png') });
      expect(problems).toEqual([]);
    });
  });
});

describe('the insights page with INSIGHTS_ENABLED=false', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ dialect, envFor: { gateway: { INSIGHTS_ENABLED: 'false' } } });
  });
  afterAll(() => graph?.stop());

  it('answers 404 at /insights and its files, and the explorer links no chart', async () => {
    const origin = new URL(graph.gateway.url).origin;
    expect((await fetch(`${origin}/insights`)).status).toBe(404);
    expect((await fetch(`${origin}/insights/echarts.min.js`)).status).toBe(404);
    const catalogue = (await (await fetch(`${origin}/explorer/saved-questions.json`)).json()) as Array<{ chart: string | null }>;
    expect(catalogue.length).toBeGreaterThan(0);
    expect(catalogue.filter((question) => question.chart !== null)).toEqual([]);
  });
});
