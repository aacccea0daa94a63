import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { graphql, startGraph, tokenWith, type TestGraph } from '@nlai/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, saveDownload } from './browser';
import { useGraph } from './graph-fixture';

// The explorer touches no database itself: SQLite is enough.
const dialect = 'sqlite';
const screenshotFile = resolve(__dirname, '../../docs/explorer.png');
// Only on request: CI must not rewrite the committed screenshot.
const updateScreenshot = process.env.UPDATE_SCREENSHOT === '1';
const artifacts = resolve(__dirname, '../test-artifacts');
const repository = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(repository, 'schema/persisted-operations.json'), 'utf8')) as {
  operations: Array<{ name: string; type: string }>;
};

/** What `npm run query` prints as CSV for a saved operation (the built CLI, run as a process). */
async function queryCli(gatewayUrl: string, file: string, variables: Record<string, string>): Promise<string> {
  const args = ['tools/dist/query-cli.js', `schema/operations/${file}`, '--format', 'csv', '--url', gatewayUrl];
  for (const [name, value] of Object.entries(variables)) args.push('--var', `${name}=${value}`);
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: repository });
  return stdout;
}

// Beside each package.json: the packages' `exports` hide these files from require.resolve.
const packageFile = (packageName: string, file: string) => join(dirname(require.resolve(`${packageName}/package.json`)), file);
const assets = [
  ['react.production.min.js', packageFile('react', 'umd/react.production.min.js'), 'text/javascript'],
  ['react-dom.production.min.js', packageFile('react-dom', 'umd/react-dom.production.min.js'), 'text/javascript'],
  ['graphiql.min.js', packageFile('graphiql', 'graphiql.min.js'), 'text/javascript'],
  ['graphiql.min.css', packageFile('graphiql', 'graphiql.min.css'), 'text/css'],
] as const;

// The page's editors are CodeMirror 5, which keeps its instance on its wrapper element.
// Strings, not functions: this package's TypeScript has no DOM types.
const editorValue = (section: string) => `document.querySelector('${section} .CodeMirror').CodeMirror.getValue()`;
const setQuery = (text: string) =>
  `document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(${JSON.stringify(text)})`;

describe('the query explorer', () => {
  const graph = useGraph(dialect);
  const origin = () => new URL(graph().gateway.url).origin;

  describe('over HTTP', () => {
    it('serves a page that loads everything from the gateway, under a content security policy of its own origin', async () => {
      const response = await fetch(`${origin()}/explorer`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).not.toMatch(/\b(https?:)?\/\/[a-z0-9.-]+/i);
      for (const [name] of assets) expect(html).toContain(`/explorer/${name}`);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain('unsafe-');
    });

    it.each(assets)('serves %s as it is in node_modules, with its content type and an ETag', async (name, file, type) => {
      const response = await fetch(`${origin()}/explorer/${name}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(file))).toBe(true);
      const etag = response.headers.get('etag');
      expect(etag).toBeTruthy();
      expect((await fetch(`${origin()}/explorer/${name}`, { headers: { 'if-none-match': etag! } })).status).toBe(304);
    });

    it('sends a browser that opens the gateway, or /graphql without a query, to the explorer', async () => {
      const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
      for (const path of ['/', '/graphql']) {
        const response = await fetch(`${origin()}${path}`, { headers: html, redirect: 'manual' });
        expect([path, response.status, response.headers.get('location')]).toEqual([path, 302, '/explorer']);
      }
      const followed = await fetch(`${origin()}/`, { headers: html });
      expect(followed.url).toBe(`${origin()}/explorer`);
      expect(await followed.text()).toContain('nlai-graph query explorer');
    });

    it('still answers GraphQL at GET /graphql when a query is given, and JSON to a client that asks for JSON', async () => {
      const query = await fetch(`${origin()}/graphql?query=${encodeURIComponent('{ labs(first: 0) { totalCount } }')}`, {
        headers: { accept: 'text/html, application/json', 'apollo-require-preflight': 'true' },
        redirect: 'manual',
      });
      expect(query.status).toBe(200);
      expect(await query.json()).toEqual({ data: { labs: { totalCount: 30 } } });
      const client = await fetch(`${origin()}/graphql`, { headers: { accept: 'application/json' }, redirect: 'manual' });
      expect(client.status).not.toBe(302);
      expect(client.status).toBeLessThan(500);
    });

    it('lets browsers keep the files the page names for good, since their URLs carry their version', async () => {
      const html = await (await fetch(`${origin()}/explorer`)).text();
      const versioned = html.match(/\/explorer\/graphiql\.min\.js\?v=[\w-]+/)?.[0];
      expect(versioned).toBeDefined();
      expect((await fetch(`${origin()}${versioned}`)).headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${origin()}/explorer/graphiql.min.js?v=old`)).headers.get('cache-control')).toBe('no-cache');
    });
  });

  describe('in a browser', () => {
    let browser: Browser;
    let page: Page;
    const requested: string[] = [];
    const problems: string[] = [];

    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.on('request', (request) => requested.push(request.url()));
      // A CSP violation shows as a console error; so does any failed load.
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      page.on('pageerror', (error) => problems.push(error.message));
      mkdirSync(artifacts, { recursive: true });
      mkdirSync(join(repository, 'docs/images'), { recursive: true });
      await page.goto(`${origin()}/explorer`);
      await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    });
    afterAll(async () => {
      await browser?.close();
    });

    /** Clicks GraphiQL's run button and waits for a new result: what the panel shows, and its JSON. */
    async function run(): Promise<{ shown: string; result: unknown }> {
      const before = await page.evaluate<string>(editorValue('.result-window'));
      await page.locator('.graphiql-execute-button').click();
      // Polled from here: page.waitForFunction with a string evals in the page, which the CSP rightly refuses.
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await setTimeout(50)) {
        const value = await page.evaluate<string>(editorValue('.result-window'));
        if (value !== '' && value !== before)
          return { shown: (await page.locator('.result-window').textContent()) ?? '', result: JSON.parse(value) as unknown };
      }
      throw new Error('GraphiQL showed no new result within 15 s');
    }

    it('runs the default query and shows the labs the gateway answers with', async () => {
      const query = await page.evaluate<string>(editorValue('.graphiql-query-editor'));
      expect(query).toContain('labs(first: 5');
      const expected = await graphql<{ labs: { edges: Array<{ node: { name: string } }> } }>(graph().gateway.url, query);
      expect(expected.errors).toBeUndefined();

      const { shown, result } = await run();
      expect(result).toEqual({ data: expected.data });
      expect(shown).toContain('totalCount');
      expect(shown).toContain(expected.data!.labs.edges[0]!.node.name);

      if (updateScreenshot) {
        mkdirSync(dirname(screenshotFile), { recursive: true });
        await page.screenshot({ path: screenshotFile });
      }
    });

    it('sends the token from the box with each query, so person-level data comes back', async () => {
      await page.evaluate(setQuery('{ talents(first: 1) { totalCount } }'));
      const refused = await run();
      expect(refused.shown).toContain('UNAUTHENTICATED');

      await page.locator('#token').fill(tokenWith('talent:read'));
      const sent = page.waitForRequest((request) => request.url().endsWith('/graphql') && request.method() === 'POST');
      const { result } = await run();
      expect((await sent).headers()['authorization']).toMatch(/^Bearer ey/);
      expect(result).toEqual({ data: { talents: { totalCount: expect.any(Number) } } });
    });

    describe('saved questions', () => {
      /** Chooses a saved question from the menu, fills its variables and runs it; resolves when the status shows the outcome. */
      async function ask(name: string, variables: Record<string, string> = {}): Promise<string> {
        await page.locator('#saved-question').selectOption(name);
        for (const [variable, value] of Object.entries(variables)) await page.locator(`#variable-${variable}`).fill(value);
        await page.locator('#saved-run').click();
        const status = page.locator('#saved-status');
        for (const deadline = Date.now() + 15_000; Date.now() < deadline; await setTimeout(50)) {
          const text = (await status.textContent()) ?? '';
          if (text && text !== 'Running…') return text;
        }
        throw new Error(`${name} showed no outcome within 15 s`);
      }

      it('lists the saved queries of schema/operations in a menu, and no mutation', async () => {
        const options = await page.locator('#saved-question option').allTextContents();
        const queries = manifest.operations.filter((operation) => operation.type === 'query').map((operation) => operation.name);
        expect(options.slice(1)).toEqual([...queries].sort((a, b) => a.localeCompare(b)));
        expect(options).not.toContain('RegisterTalent');
      });

      it('opens a question with a form for its variables and shows the answer as a table, flattened as npm run query does', async () => {
        await page.locator('#token').fill('');
        expect(await ask('CoursesForSector', { sector: 'health' })).toMatch(/^\d+ rows$/);
        const csv = await saveDownload(page, page.locator('#saved-csv'), join(artifacts, 'saved-question-courses.csv'));
        expect(csv.toString('utf8')).toBe(await queryCli(graph().gateway.url, 'courses-for-sector.graphql', { sector: 'health' }));
        const header = await page.locator('#saved-output th').allTextContents();
        expect(header).toEqual(csv.toString('utf8').split('\r\n')[0]!.split(','));
        const cells = await page.locator('#saved-output tbody tr').first().locator('td').allTextContents();
        expect(cells.join(',')).toBe(csv.toString('utf8').split('\r\n')[1]);
        await page.locator('#saved').screenshot({ path: join(artifacts, 'explorer-saved-table.png') });
        if (updateScreenshot)
          copyFileSync(join(artifacts, 'explorer-saved-table.png'), join(repository, 'docs/images/explorer-saved-table.png'));
      });

      it('spreads a list of figures into a row per item in the table and its CSV, and links the figures to their chart', async () => {
        expect(await ask('RetentionPerCity')).toMatch(/rows$/);
        const csv = await saveDownload(page, page.locator('#saved-csv'), join(artifacts, 'saved-question-retention.csv'));
        expect(csv.toString('utf8')).toBe(await queryCli(graph().gateway.url, 'retention-per-city.graphql', {}));
        expect(await ask('NetworkTalent')).toMatch(/rows$/);
        const talent = await saveDownload(page, page.locator('#saved-csv'), join(artifacts, 'saved-question-network-talent.csv'));
        expect(talent.toString('utf8')).toBe(await queryCli(graph().gateway.url, 'network-talent.graphql', {}));
        expect(await page.locator('#saved-chart').getAttribute('href')).toBe('/insights#courses');
        expect(await page.locator('#saved-chart').isVisible()).toBe(true);
      });

      it('shows the answer as JSON on request, exactly as the graph gives it', async () => {
        expect(await ask('NetworkSummary')).toMatch(/rows$/);
        await page.locator('#saved-view').selectOption('json');
        const shown = JSON.parse((await page.locator('.saved-json').textContent()) ?? '') as unknown;
        const { body } = JSON.parse(readFileSync(join(repository, 'schema/persisted-operations.json'), 'utf8')).operations.find(
          (operation: { name: string }) => operation.name === 'NetworkSummary',
        ) as { body: string };
        expect(shown).toEqual({ data: (await graphql(graph().gateway.url, body)).data });
        await page.locator('#saved').screenshot({ path: join(artifacts, 'explorer-saved-json.png') });
        await page.locator('header').screenshot({ path: join(artifacts, 'explorer-saved-menu.png') });
        if (updateScreenshot)
          copyFileSync(join(artifacts, 'explorer-saved-json.png'), join(repository, 'docs/images/explorer-saved-json.png'));
        await page.locator('#saved-view').selectOption('table');
      });
    });

    it('asked no host but the gateway for anything, and broke no rule of its content security policy', () => {
      expect(requested.length).toBeGreaterThan(0);
      const elsewhere = requested.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin());
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
    });
  });
});

describe('the query explorer with EXPLORER_ENABLED=false', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ dialect, envFor: { gateway: { EXPLORER_ENABLED: 'false' } } });
  });
  afterAll(() => graph?.stop());

  it('answers 404 at /explorer and its files, while the graph itself still answers', async () => {
    const origin = new URL(graph.gateway.url).origin;
    expect((await fetch(`${origin}/explorer`)).status).toBe(404);
    expect((await fetch(`${origin}/explorer/graphiql.min.js`)).status).toBe(404);
    expect(await graphql(graph.gateway.url, '{ labs(first: 1) { totalCount } }')).toMatchObject({
      status: 200,
      data: { labs: { totalCount: 30 } },
    });
  });
});
