import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, graphql, tokenWith } from '@nlai/testing';

describe('npm start (scripts/start.mjs)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'nlai-start-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('brings the whole graph up, seeded, says where, and stops it all on Ctrl-C', async () => {
    const ports = { gateway: await freePort(), researchInnovation: await freePort(), humanCapital: await freePort() };
    const child = spawn(process.execPath, [resolve(__dirname, '../../scripts/start.mjs')], {
      env: {
        PATH: process.env.PATH,
        LOG_LEVEL: 'warn',
        GATEWAY_PORT: String(ports.gateway),
        RESEARCH_INNOVATION_PORT: String(ports.researchInnovation),
        HUMAN_CAPITAL_PORT: String(ports.humanCapital),
        RESEARCH_INNOVATION_SQLITE_FILE: join(directory, 'ri.sqlite'),
        HUMAN_CAPITAL_SQLITE_FILE: join(directory, 'hc.sqlite'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      const deadline = Date.now() + 45_000;
      while (!output.includes('The graph is up') && Date.now() < deadline && child.exitCode === null)
        await new Promise((wait) => setTimeout(wait, 100));
      expect(output).toContain(`The graph is up`);
      expect(output).toContain(`http://localhost:${ports.gateway}/graphql`);
      // The first thing a newcomer opens: the explorer, named in the banner and where / leads.
      const banner = output.slice(output.indexOf('The graph is up'));
      expect(banner).toMatch(new RegExp(`explorer +http://localhost:${ports.gateway}/explorer\n`));
      const home = await fetch(`http://localhost:${ports.gateway}/`, { redirect: 'manual' });
      expect([home.status, home.headers.get('location')]).toEqual([302, '/explorer']);

      const result = await graphql<{ labs: { totalCount: number }; lab: { talentStats: { total: number } } }>(
        `http://127.0.0.1:${ports.gateway}/graphql`,
        '{ labs(first: 0) { totalCount } lab(id: "quva-lab") { talentStats { total } } }',
        // Exact figures: the public ones are released and perturbed, and may be 0 for a small lab.
        { token: tokenWith('talent:read') },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.labs.totalCount).toBe(30);
      expect(result.data!.lab.talentStats.total).toBeGreaterThanOrEqual(5);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${ports.researchInnovation}/health`)).rejects.toThrow();
  });
});
