import { Kind, parse, type ConstDirectiveNode } from 'graphql';
import { parse as parseYaml } from 'yaml';
import type { SchemaCheckSection } from './schema-check';

/**
 * What Apollo Router loads, from its source (apollo-federation's
 * `router_supported_supergraph_specs` and `JOIN_VERSIONS`) and Apollo's
 * federation version support table (docs/deploying.md#apollo-router):
 * - the join spec v0.2 to v0.5 (v0.1 is Federation 1, refused by Router 1.60 and later and by 2.x);
 * - every `@link` `for: EXECUTION` or `for: SECURITY` a spec it implements
 *   (a supergraph naming another is refused at load);
 * - Router 1.x stops at Federation 2.9 (1.53 and later), and the table lists
 *   Federation 2.9.3 for Router 2.0; newer federation versions need a Router
 *   release compiled against them, which this check cannot know.
 */
export const routerSupport = {
  link: ['https://specs.apollo.dev/link/v1.0', 'https://specs.apollo.dev/core/v0.2'],
  join: ['v0.2', 'v0.3', 'v0.4', 'v0.5'],
  /** Specs Router implements, for the `@link`s that say `for: EXECUTION` or `for: SECURITY`. */
  forExecutionOrSecurity: [
    'https://specs.apollo.dev/link/v1.0',
    'https://specs.apollo.dev/core/v0.2',
    ...['v0.1', 'v0.2', 'v0.3', 'v0.4', 'v0.5'].map((version) => `https://specs.apollo.dev/join/${version}`),
    ...['v0.1', 'v0.2', 'v0.3'].map((version) => `https://specs.apollo.dev/tag/${version}`),
    ...['v0.1', 'v0.2'].map((version) => `https://specs.apollo.dev/inaccessible/${version}`),
    'https://specs.apollo.dev/authenticated/v0.1',
    'https://specs.apollo.dev/requiresScopes/v0.1',
    'https://specs.apollo.dev/policy/v0.1',
    'https://specs.apollo.dev/context/v0.1',
    'https://specs.apollo.dev/cost/v0.1',
  ],
  /** The newest federation version Apollo's support table lists, per Router line. */
  federationCeiling: { 'Router 1.x (1.53 and later)': [2, 9], 'Router 2.x': [2, 9] } as Record<string, [number, number]>,
};

/** One `@link` of a schema: its URL and purpose. */
interface Link {
  url: string;
  purpose?: string;
}

function linksOf(supergraphSdl: string): Link[] {
  const links: Link[] = [];
  const collect = (directives: readonly ConstDirectiveNode[] | undefined) => {
    for (const directive of directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const argument = (name: string) => directive.arguments?.find((candidate) => candidate.name.value === name)?.value;
      const url = argument('url');
      const purpose = argument('for');
      if (url?.kind !== Kind.STRING) continue;
      links.push({ url: url.value, ...(purpose?.kind === Kind.ENUM ? { purpose: purpose.value } : {}) });
    }
  };
  for (const definition of parse(supergraphSdl).definitions)
    if (definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION) collect(definition.directives);
  return links;
}

type Version = [number, number];
const printVersion = ([major, minor]: Version) => `${major}.${minor}`;
const newer = (a: Version, b: Version) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

/** The federation version a subgraph SDL links (`https://specs.apollo.dev/federation/v2.9` → [2, 9]). */
function linkedFederationVersion(sdl: string): Version | undefined {
  const match = /https:\/\/specs\.apollo\.dev\/federation\/v(\d+)\.(\d+)/.exec(sdl);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Rover's `federation_version` of supergraph.yaml (`=2.9.3`, `2.9`, or `2` for the latest 2.x); undefined when unset. */
export function configuredFederationVersion(configYaml: string): { text: string; valid: boolean; version?: Version } | undefined {
  const document: unknown = parseYaml(configYaml);
  const value = typeof document === 'object' && document !== null ? (document as Record<string, unknown>).federation_version : undefined;
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  const match = /^=?(\d+)(?:\.(\d+))?(?:\.\d+)?$/.exec(text.trim());
  if (!match) return { text, valid: false };
  return { text, valid: true, ...(match[2] === undefined ? {} : { version: [Number(match[1]), Number(match[2])] as Version }) };
}

/**
 * Whether Apollo Router loads the supergraph: its link and join spec
 * versions, every spec it links for execution or security, and its
 * federation version (the newest the subgraphs link, and supergraph.yaml's
 * `federation_version` when set) against what Router supports.
 */
export function routerCompatibility(supergraphSdl: string, subgraphSdls: readonly string[], configYaml: string): SchemaCheckSection {
  const title = 'Apollo Router';
  const problems: string[] = [];
  const links = linksOf(supergraphSdl);
  const linkSpec = links.find((link) => /\/specs\.apollo\.dev\/(link|core)\/v/.test(link.url));
  if (!linkSpec || !routerSupport.link.includes(linkSpec.url))
    problems.push(`The supergraph links ${linkSpec?.url ?? 'no link spec'}; Router reads ${routerSupport.link.join(' or ')}.`);
  const join = links.find((link) => link.url.startsWith('https://specs.apollo.dev/join/'));
  const joinVersion = join?.url.slice('https://specs.apollo.dev/join/'.length);
  if (!joinVersion || !routerSupport.join.includes(joinVersion))
    problems.push(
      `The supergraph uses join spec ${joinVersion ?? '(none)'}; Router loads join ${routerSupport.join.join(', ')} (v0.1 is Federation 1, refused by Router 1.60+ and 2.x).`,
    );
  for (const link of links)
    if ((link.purpose === 'EXECUTION' || link.purpose === 'SECURITY') && !routerSupport.forExecutionOrSecurity.includes(link.url))
      problems.push(`The supergraph links ${link.url} for ${link.purpose}, a spec Router does not implement: it refuses to load it.`);

  const linked = subgraphSdls.map(linkedFederationVersion).filter((version): version is Version => version !== undefined);
  let federation = linked.reduce<Version | undefined>(
    (newest, version) => (!newest || newer(version, newest) ? version : newest),
    undefined,
  );
  const configured = configuredFederationVersion(configYaml);
  if (configured && !configured.valid)
    problems.push(`supergraph.yaml's federation_version "${configured.text}" is not a version like =2.9.3.`);
  if (configured?.version) {
    if (federation && newer(federation, configured.version))
      problems.push(
        `A subgraph links federation v${printVersion(federation)}, newer than supergraph.yaml's federation_version ${configured.text}: Rover would refuse to compose it.`,
      );
    if (!federation || newer(configured.version, federation)) federation = configured.version;
  }
  const loading = Object.entries(routerSupport.federationCeiling)
    .filter(([, ceiling]) => federation === undefined || !newer(federation, ceiling))
    .map(([line]) => line);
  if (federation && loading.length === 0)
    problems.push(
      `Federation ${printVersion(federation)} is newer than any Router line this check knows to load (${Object.entries(
        routerSupport.federationCeiling,
      )
        .map(([line, ceiling]) => `${line}: ${printVersion(ceiling)}`)
        .join(
          '; ',
        )}). Check Apollo's federation version support table and raise routerSupport.federationCeiling, or stay on federation ${printVersion(routerSupport.federationCeiling['Router 2.x']!)}.`,
    );
  if (problems.length) return { title, ok: false, details: problems };
  const specs = links.map((link) => link.url.replace('https://specs.apollo.dev/', '')).join(', ');
  return {
    title,
    ok: true,
    details: [`Federation ${federation ? printVersion(federation) : '2'} (${specs}): loads in ${loading.join(' and ')}.`],
  };
}
