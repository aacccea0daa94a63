import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gatewaySignatureHeader, signGatewayRequest } from '@nlai/auth';
import { Kind, parse, type DefinitionNode, type FieldDefinitionNode, type InputValueDefinitionNode } from 'graphql';
import { composeSupergraph, type SubgraphDefinition } from './compose-supergraph';
import { supergraphConfigPath, supergraphPath } from './paths';
import { loadSubgraphs } from './supergraph-config';
import { renderSupergraphFile } from './supergraph-file';

/** `research-innovation` → `RESEARCH_INNOVATION`: the prefix of a subgraph's variables, as the gateway derives it. */
export const environmentPrefix = (subgraph: string) => subgraph.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/** Options of {@link publishSupergraph}. */
export interface PublishOptions {
  /** The supergraph config to compose. Default: schema/supergraph.yaml. */
  configPath?: string;
  /** Where the gateways load the supergraph from. Default: SUPERGRAPH_PUBLISH_FILE, else schema/supergraph.graphql. */
  to?: string | undefined;
  /** The subgraphs' URLs and secrets, under the gateway's names (`<PREFIX>_URL`, `<PREFIX>_PORT`, `<PREFIX>_SUBGRAPH_SECRET`), and SUPERGRAPH_PUBLISH_FILE. */
  environment: Record<string, string | undefined>;
  /** How long a subgraph may take to answer `_service`, in ms. */
  timeoutMs?: number;
}

/** What a running subgraph lacks of the supergraph to publish. */
export interface SubgraphGap {
  subgraph: string;
  url: string;
  /** Set when the subgraph did not answer (down, refused the signature, or not a subgraph). */
  unreachable?: string;
  /** Schema coordinates (`Type.field`, `Type.field(argument:)`, `Enum.VALUE`) it composes with but does not serve. */
  missing: string[];
}

/** The outcome of {@link publishSupergraph}: written, or refused with every reason at once. */
export type PublishResult = { published: true; file: string; subgraphs: string[] } | { published: false; gaps: SubgraphGap[] };

/** The query the gateway, Rover and this command use to read the SDL a subgraph serves. */
const serviceQuery = '{ _service { sdl } }';

/** Where the gateway would send a subgraph's requests: `<PREFIX>_URL`, else `<PREFIX>_PORT` on 127.0.0.1, else the routing URL. */
export function subgraphUrl(
  subgraph: Pick<SubgraphDefinition, 'name' | 'routingUrl'>,
  environment: Record<string, string | undefined>,
): string {
  const prefix = environmentPrefix(subgraph.name);
  const url = environment[`${prefix}_URL`];
  if (url) return url;
  const port = environment[`${prefix}_PORT`];
  return port ? `http://127.0.0.1:${port}/graphql` : subgraph.routingUrl;
}

/**
 * The schema coordinates an SDL defines: every field (`Type.field`), its
 * arguments (`Type.field(argument:)`), input fields and enum values, from
 * definitions and extensions alike. What the gateway may ask of a subgraph
 * is among these.
 */
export function schemaCoordinates(sdl: string): Set<string> {
  const coordinates = new Set<string>();
  const addFields = (type: string, fields: readonly (FieldDefinitionNode | InputValueDefinitionNode)[] | undefined) => {
    for (const field of fields ?? []) {
      coordinates.add(`${type}.${field.name.value}`);
      if (field.kind === Kind.FIELD_DEFINITION)
        for (const argument of field.arguments ?? []) coordinates.add(`${type}.${field.name.value}(${argument.name.value}:)`);
    }
  };
  for (const definition of parse(sdl).definitions as DefinitionNode[]) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION:
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_EXTENSION:
        addFields(definition.name.value, definition.fields);
        break;
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_EXTENSION:
        for (const value of definition.values ?? []) coordinates.add(`${definition.name.value}.${value.name.value}`);
        break;
      default:
    }
  }
  return coordinates;
}

/** Asks a running subgraph for the SDL it serves, signed as the gateway signs; throws a readable reason when it does not answer. */
export async function servedSdl(subgraph: string, url: string, secret: string | undefined, timeoutMs: number): Promise<string> {
  const body = JSON.stringify({ query: serviceQuery });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret) headers[gatewaySignatureHeader] = signGatewayRequest(secret, { subgraph, body });
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
    throw new Error(`no answer (${cause ?? (error instanceof Error ? error.message : String(error))})`);
  }
  const text = await response.text();
  if (!response.ok) {
    const hint =
      response.status === 401 || response.status === 403 ? `; is ${environmentPrefix(subgraph)}_SUBGRAPH_SECRET its secret?` : '';
    throw new Error(`answered HTTP ${response.status}${hint}`);
  }
  let sdl: unknown;
  try {
    sdl = (JSON.parse(text) as { data?: { _service?: { sdl?: unknown } } }).data?._service?.sdl;
  } catch {
    sdl = undefined;
  }
  if (typeof sdl !== 'string') throw new Error('answered, but not with `_service { sdl }`: is it a federated subgraph?');
  return sdl;
}

/** Where `npm run schema:publish` writes: `--to`, else SUPERGRAPH_PUBLISH_FILE, else the file the gateway reads by default. */
export function publishTarget(to: string | undefined, environment: Record<string, string | undefined>): string {
  return resolve(to ?? (environment.SUPERGRAPH_PUBLISH_FILE || supergraphPath));
}

/**
 * Composes the subgraphs of the supergraph config, asks every subgraph
 * (where the gateway reaches it, signed with its secret) for the SDL it
 * serves, and writes the supergraph only when every subgraph answers and
 * serves every field of the SDL it was composed from. A field composed but
 * not served yet would fail every query that reaches for it once gateways
 * load the supergraph: deploy the subgraph first, then publish.
 * The file is replaced in one rename, so a gateway watching it never reads
 * half of it.
 */
export async function publishSupergraph(options: PublishOptions): Promise<PublishResult> {
  const { environment } = options;
  const subgraphs = loadSubgraphs(options.configPath ?? supergraphConfigPath);
  const { supergraphSdl } = composeSupergraph(subgraphs);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const checked = await Promise.all(
    subgraphs.map(async (subgraph): Promise<SubgraphGap> => {
      const url = subgraphUrl(subgraph, environment);
      const secret = environment[`${environmentPrefix(subgraph.name)}_SUBGRAPH_SECRET`] || undefined;
      let served: Set<string>;
      try {
        served = schemaCoordinates(await servedSdl(subgraph.name, url, secret, timeoutMs));
      } catch (error) {
        return { subgraph: subgraph.name, url, unreachable: error instanceof Error ? error.message : String(error), missing: [] };
      }
      const missing = [...schemaCoordinates(subgraph.sdl)].filter((coordinate) => !served.has(coordinate));
      return { subgraph: subgraph.name, url, missing };
    }),
  );
  const gaps = checked.filter((gap) => gap.unreachable !== undefined || gap.missing.length > 0);
  if (gaps.length > 0) return { published: false, gaps };
  const file = publishTarget(options.to, environment);
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, renderSupergraphFile(supergraphSdl));
  renameSync(temporary, file);
  return { published: true, file, subgraphs: subgraphs.map((subgraph) => subgraph.name) };
}

/** The refusal: each subgraph with what is wrong, each missing coordinate on a line, then what to do. */
export function formatRefusal(gaps: readonly SubgraphGap[]): string {
  const lines = ['Not published: every subgraph must answer and serve every field the supergraph asks it for.'];
  for (const gap of gaps) {
    if (gap.unreachable !== undefined) lines.push(`  ${gap.subgraph} (${gap.url}) ${gap.unreachable}`);
    else lines.push(`  ${gap.subgraph} (${gap.url}) does not serve yet:`, ...gap.missing.map((coordinate) => `    ${coordinate}`));
  }
  if (gaps.some((gap) => gap.missing.length > 0))
    lines.push('Deploy the subgraphs that serve these first, then publish again (docs/deploying.md#deploy-order).');
  if (gaps.some((gap) => gap.unreachable !== undefined))
    lines.push(
      "A subgraph that does not answer cannot be checked: start it, or give its URL (<PREFIX>_URL or <PREFIX>_PORT) and secret (<PREFIX>_SUBGRAPH_SECRET) as the gateway's.",
    );
  return lines.join('\n');
}
