import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import {
  composeSupergraphFromConfig,
  generateResolverTypes,
  readResolverTypesSettings,
  renderSupergraphFile,
  resolverTypesPaths,
} from '@nlai/schema';
import { loadSubgraphSdl } from '@nlai/subgraph-sdl';
import { parseDocument } from 'yaml';
import { subgraphNames, type SubgraphNames } from './names';
import { serviceFiles } from './templates/service-files';

/** Options of {@link scaffoldSubgraph}. */
export interface ScaffoldOptions {
  /** The repository root. */
  root: string;
  /** kebab-case name of the subgraph, e.g. `ai-skills`. */
  name: string;
  /** PascalCase name of its entity; default: the name, singular. */
  entity?: string;
  /** The owning working group, for CODEOWNERS and the README. Default: @nlai/<name>-working-group. */
  owner?: string;
  /** The moment of the scaffold, for the migration's timestamp. Default: now. */
  now?: number;
}

/** What the scaffold did. */
export interface ScaffoldResult {
  names: SubgraphNames;
  port: number;
  /** Files written, relative to the root. */
  written: string[];
  /** Files changed to register the subgraph, relative to the root. */
  registered: string[];
}

/** The subgraph whose docker-compose service the new one's is modelled on. */
const template = { name: 'research-innovation', prefix: 'RESEARCH_INNOVATION', database: 'research_innovation', port: '4001' };

/**
 * Writes a working subgraph in the house shape under services/<name>/ and
 * registers it: the composition config (then recomposes the supergraph and
 * generates its resolver types, as `npm run compose` and `npm run codegen` would),
 * docker-compose.yml (its service, database, user and secrets), the MySQL
 * init script and CODEOWNERS. The gateway and `npm start` find it on their
 * own (the gateway reads its subgraphs from the supergraph; `npm start`
 * from services/), and Turborepo from the workspace glob.
 */
export async function scaffoldSubgraph(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const { root } = options;
  const names = subgraphNames(options.name, options.entity);
  const owner = options.owner ?? `@nlai/${names.service}-working-group`;
  const path = (relative: string) => join(root, relative);
  const read = (relative: string) => readFileSync(path(relative), 'utf8');
  const serviceDir = `services/${names.service}`;
  if (existsSync(path(serviceDir))) throw new Error(`${serviceDir} exists already.`);

  const config = parseDocument(read('schema/supergraph.yaml'));
  const subgraphs = config.get('subgraphs') as { items?: Array<{ key: { value: string }; value: unknown }> } | undefined;
  const existing = (subgraphs?.items ?? []).map((item) => item.key.value);
  if (existing.includes(names.service)) throw new Error(`schema/supergraph.yaml lists ${names.service} already.`);
  if (new RegExp(`^type ${names.entity}\\b`, 'm').test(read('schema/supergraph.graphql'))) {
    throw new Error(`The graph has a type ${names.entity} already; pass another --entity.`);
  }
  const ports = [...read('schema/supergraph.yaml').matchAll(/routing_url: https?:\/\/[^:/]+:(\d+)/g)].map((match) => Number(match[1]));
  const port = Math.max(4000, ...ports) + 1;

  const files = serviceFiles(names, {
    port,
    migrationTimestamp: options.now ?? Date.now(),
    owner,
  });
  const written: string[] = [];
  for (const [relative, contents] of Object.entries(files)) {
    const file = path(join(serviceDir, relative));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents);
    written.push(join(serviceDir, relative));
  }
  format(root, serviceDir);

  config.setIn(['subgraphs', names.service], {
    routing_url: `http://localhost:${port}/graphql`,
    schema: { file: `../${serviceDir}/src/schema.graphql` },
  });
  writeFileSync(path('schema/supergraph.yaml'), config.toString());
  writeFileSync(path('docker-compose.yml'), registerInCompose(read('docker-compose.yml'), names, port));
  writeFileSync(
    path('docker/mysql/init/01-subgraph-databases.sh'),
    read('docker/mysql/init/01-subgraph-databases.sh').replace(/^( *subgraphs=\([^)]*)\)/m, `$1 ${names.database})`),
  );
  const owners = existsSync(path('.github/CODEOWNERS')) ? read('.github/CODEOWNERS') : '';
  mkdirSync(path('.github'), { recursive: true });
  writeFileSync(path('.github/CODEOWNERS'), `${owners.trimEnd()}\n/${serviceDir}/ ${owner}\n`);
  writeFileSync(
    path('schema/supergraph.graphql'),
    renderSupergraphFile(composeSupergraphFromConfig(path('schema/supergraph.yaml')).supergraphSdl),
  );
  const typesPaths = resolverTypesPaths(path(join(serviceDir, 'src/schema.graphql')));
  const typesFile = join(serviceDir, 'src/generated/resolvers-types.ts');
  mkdirSync(dirname(typesPaths.output), { recursive: true });
  writeFileSync(
    typesPaths.output,
    await generateResolverTypes(
      loadSubgraphSdl(path(join(serviceDir, 'src/schema.graphql'))),
      readResolverTypesSettings(typesPaths.settings),
      typesFile,
    ),
  );
  written.push(typesFile);

  return {
    names,
    port,
    written,
    registered: [
      'schema/supergraph.yaml',
      'schema/supergraph.graphql',
      'docker-compose.yml',
      'docker/mysql/init/01-subgraph-databases.sh',
      '.github/CODEOWNERS',
    ],
  };
}

/** The template subgraph's text with its names and port replaced by the new one's. */
function rewriteFor(names: SubgraphNames, port: number, text: string): string {
  return text
    .replaceAll(`@nlai/${template.name}`, names.package)
    .replaceAll(template.name, names.service)
    .replaceAll(template.prefix, names.prefix)
    .replaceAll(template.database, names.database)
    .replaceAll(template.port, String(port));
}

/**
 * Adds the subgraph to docker-compose.yml: its service (modelled on the
 * template's), its MySQL password, and, at the gateway, its URL, its secret
 * and the dependency on it.
 */
function registerInCompose(compose: string, names: SubgraphNames, port: number): string {
  const block = new RegExp(`\\n  ${template.name}:\\n[\\s\\S]*?(?=\\n\\n  [a-z-]+:\\n)`).exec(compose);
  if (!block) throw new Error(`Cannot find the ${template.name} service in docker-compose.yml to model the new one on.`);
  const service = rewriteFor(names, port, block[0]).replace(/\n\s*# On by default[^\n]*/, '');
  let next = compose.replace(/\nvolumes:\n/, `${service}\n\nvolumes:\n`);
  const lastLine = (pattern: RegExp) => [...next.matchAll(pattern)].at(-1);
  const password = lastLine(/^ {6}[A-Z_]+_MYSQL_PASSWORD: .*$/gm);
  const secret = lastLine(/^ {6}[A-Z_]+_SUBGRAPH_SECRET: \$\{[A-Z_]+:\?set [A-Z_]+\}$/gm);
  const dependency = lastLine(
    /^ {6}[a-z-]+:\n {8}condition: service_healthy\n(?= {4}healthcheck:\n {6}test: \["CMD", "node", "-e", "fetch\('http:\/\/127\.0\.0\.1:4000)/gm,
  );
  if (!password || !secret || !dependency)
    throw new Error('docker-compose.yml does not have the shape the scaffold expects; register the subgraph by hand.');
  const insertAfter = (match: RegExpMatchArray, text: string) => {
    const end = match.index! + match[0].length;
    next = `${next.slice(0, end)}${text}${next.slice(end)}`;
  };
  // From the bottom up, so earlier positions stay valid.
  insertAfter(dependency, `      ${names.service}:\n        condition: service_healthy\n`);
  insertAfter(
    secret,
    `\n      ${names.prefix}_URL: http://${names.service}:${port}/graphql\n      ${names.prefix}_SUBGRAPH_SECRET: \${${names.prefix}_SUBGRAPH_SECRET:?set ${names.prefix}_SUBGRAPH_SECRET}`,
  );
  insertAfter(password, `\n      ${names.prefix}_MYSQL_PASSWORD: \${${names.prefix}_MYSQL_PASSWORD:-${names.service}-dev}`);
  return next;
}

/**
 * Puts the new subgraph's code in the repository's Prettier style, so CI's
 * `npm run format:check` passes on it. Prettier's CLI in a child process: its
 * API loads plugins with dynamic import(), which Jest's module runtime refuses.
 */
function format(root: string, directory: string): void {
  execFileSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--write', '--log-level', 'warn', directory], {
    cwd: root,
    stdio: 'pipe',
  });
}
