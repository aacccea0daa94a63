import { readFileSync } from 'node:fs';
import { configuredFederationVersion, routerCompatibility } from '../src/check/router-compatibility';
import { supergraphConfigPath, supergraphPath } from '../src/paths';
import { loadSubgraphs } from '../src/supergraph-config';

const committed = readFileSync(supergraphPath, 'utf8');
const configYaml = readFileSync(supergraphConfigPath, 'utf8');
const subgraphSdls = loadSubgraphs(supergraphConfigPath).map((subgraph) => subgraph.sdl);
const linking = (version: string) => subgraphSdls.map((sdl) => sdl.replace(/federation\/v2\.\d+/, `federation/${version}`));

describe("schema:check's Apollo Router section", () => {
  it('passes the committed supergraph, naming its federation version, specs and the Router lines that load it', () => {
    const section = routerCompatibility(committed, subgraphSdls, configYaml);
    expect(section.ok).toBe(true);
    expect(section.details).toEqual([
      'Federation 2.9 (link/v1.0, join/v0.5, cost/v0.1): loads in Router 1.x (1.53 and later) and Router 2.x.',
    ]);
  });

  it('fails a Federation 1 supergraph (join v0.1), which Router 1.60+ and 2.x refuse', () => {
    const section = routerCompatibility(committed.replace('join/v0.5', 'join/v0.1'), subgraphSdls, configYaml);
    expect(section.ok).toBe(false);
    expect(section.details.join('\n')).toContain('The supergraph uses join spec v0.1; Router loads join v0.2, v0.3, v0.4, v0.5');
  });

  it('fails a spec linked for EXECUTION that Router does not implement, naming it', () => {
    const unknown = committed.replace(
      '@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])',
      '@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])\n  @link(url: "https://example.org/sharding/v1.0", for: EXECUTION)',
    );
    expect(unknown).not.toBe(committed);
    const section = routerCompatibility(unknown, subgraphSdls, configYaml);
    expect(section.ok).toBe(false);
    expect(section.details).toEqual([
      'The supergraph links https://example.org/sharding/v1.0 for EXECUTION, a spec Router does not implement: it refuses to load it.',
    ]);
  });

  it('fails a subgraph linking a federation version newer than supergraph.yaml allows and Router is known to load', () => {
    const section = routerCompatibility(committed, linking('v2.12'), configYaml);
    expect(section.ok).toBe(false);
    expect(section.details[0]).toBe(
      "A subgraph links federation v2.12, newer than supergraph.yaml's federation_version =2.9.3: Rover would refuse to compose it.",
    );
    expect(section.details[1]).toContain('Federation 2.12 is newer than any Router line this check knows to load');

    // Without federation_version in supergraph.yaml, the subgraphs' links decide alone.
    const unpinned = routerCompatibility(committed, linking('v2.12'), configYaml.replace(/^federation_version:.*$/m, ''));
    expect(unpinned.details).toEqual([expect.stringContaining('Federation 2.12 is newer than any Router line')]);
  });

  it('passes an older federation version', () => {
    const section = routerCompatibility(committed, linking('v2.8'), configYaml.replace(/^federation_version:.*$/m, ''));
    expect(section).toMatchObject({ ok: true, details: [expect.stringContaining('Federation 2.8 (')] });
  });

  it('reads federation_version as Rover writes it', () => {
    expect(configuredFederationVersion('federation_version: =2.9.3\n')).toEqual({ text: '=2.9.3', valid: true, version: [2, 9] });
    expect(configuredFederationVersion('federation_version: 2\n')).toEqual({ text: '2', valid: true });
    expect(configuredFederationVersion('subgraphs: {}\n')).toBeUndefined();
    expect(routerCompatibility(committed, subgraphSdls, 'federation_version: latest\n').details).toEqual([
      'supergraph.yaml\'s federation_version "latest" is not a version like =2.9.3.',
    ]);
  });
});
