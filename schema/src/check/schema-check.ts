import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { loadSubgraphSdl } from '@nlai/subgraph-sdl';
import { composeServices as composeWithGuild } from '@theguild/federation-composition';
import { buildSchema, lexicographicSortSchema, parse, printSchema, type GraphQLSchema } from 'graphql';
import { composeSupergraph, CompositionError, type SubgraphDefinition } from '../compose-supergraph';
import { apiSchemaFromSupergraph, checkContractCompatibility } from '../contract-compatibility';
import { parseSupergraphConfig, type SubgraphSource } from '../supergraph-config';
import { describeStaleSupergraph, renderSupergraphFile } from '../supergraph-file';
import { breakingChanges, parseAcknowledgements, type BreakingChange } from './breaking-changes';
import { GitBase } from './git-base';
import { brokenOperations, readSavedOperations } from './saved-operations';
import { lintSchema } from './schema-lint';
import { routerCompatibility } from './router-compatibility';
import { fieldUsageOf } from './field-usage';
import { usageConfigFrom, type UsageConfig } from '@nlai/usage';
import { describeStaleOperationTypes, generateOperationTypes, operationTypesFile } from '../operation-types';
import { buildManifest, renderManifest } from '../persisted-operations';
import { describeStaleResolverTypes, generateAllResolverTypes } from '../resolver-types';

/** Options of {@link runSchemaCheck}. */
export interface SchemaCheckOptions {
  /** The repository root (where `schema/` is). */
  root: string;
  /** The revision to compare with; default: the merge-base of HEAD and main. */
  base?: string;
  /** The usage store and window; default: `.data/usage.sqlite` and `.data/usage/` under `root`, the last 30 days. */
  usage?: UsageConfig;
}

/** One part of the check, for the report. */
export interface SchemaCheckSection {
  title: string;
  ok: boolean;
  /** What was found, a line each; for a passing section, a short summary. */
  details: string[];
}

/** Where the schema workspace keeps what the check reads, relative to the repository root. */
export const schemaFiles = {
  config: 'schema/supergraph.yaml',
  supergraph: 'schema/supergraph.graphql',
  contract: 'schema/contract/core.graphql',
  operations: 'schema/operations',
  acknowledgements: 'schema/breaking-changes.yaml',
};

const printed = (schema: GraphQLSchema) => printSchema(lexicographicSortSchema(schema));

function subgraphSchema(sdl: string): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(sdl) });
}

/**
 * Everything a working group must know before merging a schema change, in
 * one pass: composition (two composers agreeing), the committed supergraph
 * and whether Apollo Router loads it, the core contract, breaking changes
 * against the base revision, the saved operations, their safelist and
 * generated types, each subgraph's generated resolver types, and the SDL
 * conventions.
 */
export async function runSchemaCheck(options: SchemaCheckOptions): Promise<SchemaCheckSection[]> {
  const { root } = options;
  const read = (path: string) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined);
  const sections: SchemaCheckSection[] = [];
  const sources = parseSupergraphConfig(read(schemaFiles.config) ?? '', join(root, 'schema'));
  const subgraphs: SubgraphDefinition[] = sources.map((source) => ({
    name: source.name,
    routingUrl: source.routingUrl,
    sdl: loadSubgraphSdl(source.schemaFile),
  }));

  // 1. Composition, by Apollo and by The Guild.
  let supergraphSdl: string | undefined;
  try {
    supergraphSdl = composeSupergraph(subgraphs).supergraphSdl;
  } catch (error) {
    sections.push({
      title: 'Composition',
      ok: false,
      details: error instanceof CompositionError ? error.errors.map((inner) => `Apollo: ${inner.message}`) : [String(error)],
    });
  }
  const guild = composeWithGuild(
    subgraphs.map((subgraph) => ({ name: subgraph.name, url: subgraph.routingUrl, typeDefs: parse(subgraph.sdl) })),
  );
  if (guild.errors) sections.push({ title: 'Composition', ok: false, details: guild.errors.map((error) => `The Guild: ${error.message}`) });
  if (!supergraphSdl || guild.errors || !guild.publicSdl) return sections;
  const apiSchema = apiSchemaFromSupergraph(supergraphSdl);
  const agree = printed(apiSchema) === printed(buildSchema(guild.publicSdl));
  sections.push({
    title: 'Composition',
    ok: agree,
    details: agree
      ? [`@apollo/composition and @theguild/federation-composition compose the ${subgraphs.length} subgraphs to the same API schema.`]
      : ['@apollo/composition and @theguild/federation-composition compose different API schemas.'],
  });

  // 2. The committed supergraph.
  const stale = describeStaleSupergraph(read(schemaFiles.supergraph), renderSupergraphFile(supergraphSdl));
  sections.push({
    title: 'Committed supergraph',
    ok: !stale,
    details: stale ? stale.split('\n') : ['schema/supergraph.graphql is up to date.'],
  });

  // 2b. Apollo Router loads the committed supergraph (the gateway's successor at scale, docs/scaling.md).
  const committedSupergraph = read(schemaFiles.supergraph);
  if (committedSupergraph)
    sections.push(
      routerCompatibility(
        committedSupergraph,
        subgraphs.map((subgraph) => subgraph.sdl),
        read(schemaFiles.config) ?? '',
      ),
    );

  // 3. The core contract.
  const contract = read(schemaFiles.contract);
  const violations = contract ? checkContractCompatibility(apiSchema, contract) : [];
  sections.push({
    title: 'Core contract',
    ok: contract !== undefined && violations.length === 0,
    details:
      contract === undefined
        ? [`${schemaFiles.contract} is missing.`]
        : violations.length
          ? violations.map((violation) => violation.message)
          : ['The API schema is a compatible superset of the core contract.'],
  });

  // 4. Breaking changes against the base revision.
  const base = GitBase.resolve(root, options.base);
  const acknowledgements = parseAcknowledgements(read(schemaFiles.acknowledgements));
  const found: BreakingChange[] = [];
  for (const source of sources) {
    const path = source.schemaFile.slice(root.length + 1);
    // Imports are read as they were at the base too (a file outside the repository, as it is now).
    const atBase = (file: string) => base.read(relative(root, file)) ?? readFileSync(file, 'utf8');
    const before = base.read(path) === undefined ? undefined : loadSubgraphSdl(source.schemaFile, atBase);
    if (before !== undefined)
      found.push(
        ...(await breakingChanges(
          source.name,
          subgraphSchema(before),
          subgraphSchema(loadSubgraphSdl(source.schemaFile)),
          acknowledgements,
        )),
      );
  }
  const baseSupergraph = base.read(schemaFiles.supergraph);
  if (baseSupergraph) found.push(...(await breakingChanges('api', apiSchemaFromSupergraph(baseSupergraph), apiSchema, acknowledgements)));
  const unacknowledged = found.filter((change) => !change.acknowledged);
  // 4b. Who used what they touch: with usage data, a change no client used in the window breaks nobody.
  const usage = await fieldUsageOf(unacknowledged, options.usage ?? usageConfigFrom({}, root));
  const unused = (change: BreakingChange) => usage.verdict.get(change) === 'unused';
  const baseName = `${base.label}, ${base.commit.slice(0, 10)}`;
  sections.push({
    title: `Breaking changes against ${baseName}`,
    ok: unacknowledged.every(unused),
    details: found.length
      ? found.map(
          (change) =>
            `${change.acknowledged ? 'acknowledged' : unused(change) ? 'unused' : 'BREAKING'} ${change.schema}: ${change.path}: ${change.message}`,
        )
      : ['None.'],
  });
  sections.push(usage.section);

  // 5. The saved operations.
  const saved = readSavedOperations(join(root, schemaFiles.operations));
  const broken = brokenOperations(apiSchema, saved);
  sections.push({
    title: 'Saved operations',
    ok: broken.length === 0,
    details: broken.length
      ? broken.map((problem) => `${problem.file} ${problem.operation}: ${problem.message}`)
      : [`All ${saved.length} files in ${schemaFiles.operations} validate.`],
  });

  // 6. The safelist of the saved operations, as committed.
  const manifestFile = 'schema/persisted-operations.json';
  const freshManifest = renderManifest(buildManifest(join(root, schemaFiles.operations)));
  const manifestUpToDate = read(manifestFile) === freshManifest;
  sections.push({
    title: 'Persisted operations manifest',
    ok: manifestUpToDate,
    details: manifestUpToDate
      ? [`${manifestFile} lists the ${saved.length} saved operations, in Apollo's persisted query manifest format.`]
      : [
          `${manifestFile} is stale (or not in Apollo's persisted query manifest format). Run \`npm run operations:manifest\` and commit the result.`,
        ],
  });

  // 7. The generated operation types, as committed (from the committed supergraph, as `npm run codegen` reads it).
  sections.push(
    await operationTypesSection(
      read(operationTypesFile),
      read(schemaFiles.supergraph),
      join(root, schemaFiles.operations),
      broken.length > 0,
    ),
  );

  // 8. Each subgraph's generated resolver types, as committed.
  sections.push(await resolverTypesSection(root, sources, read));

  // 9. Conventions.
  const findings = lintSchema(apiSchema);
  sections.push({
    title: 'Schema lint',
    ok: findings.length === 0,
    details: findings.length
      ? findings.map((finding) => finding.message)
      : ['Every type and field is described and named by the conventions.'],
  });
  return sections;
}

/** Compares the committed operation types with a fresh generation. */
async function operationTypesSection(
  committed: string | undefined,
  supergraph: string | undefined,
  operationsDirectory: string,
  operationsBroken: boolean,
): Promise<SchemaCheckSection> {
  const title = 'Operation types';
  // Types cannot be generated for operations the schema rejects; "Saved operations" fails already and says why.
  if (operationsBroken)
    return { title, ok: true, details: ['Not compared while saved operations do not validate; fix them, then run `npm run codegen`.'] };
  if (supergraph === undefined) return { title, ok: false, details: [`${schemaFiles.supergraph} is missing.`] };
  let fresh: string;
  try {
    fresh = await generateOperationTypes(supergraph, operationsDirectory);
  } catch (error) {
    return generationFailed(title, error);
  }
  const stale = describeStaleOperationTypes(committed, fresh);
  return { title, ok: !stale, details: stale ?? [`${operationTypesFile} is up to date with the API schema and schema/operations.`] };
}

/** A failed generation as a failing section: the generator's message, without its stack. */
function generationFailed(title: string, error: unknown): SchemaCheckSection {
  const message = error instanceof Error ? error.message : String(error);
  return {
    title,
    ok: false,
    details: ['Could not generate the types:', ...message.split('\n').filter((line) => line.trim() && !/^\s+at /.test(line))],
  };
}

/** Compares each subgraph's committed resolver types with a fresh generation from its SDL. */
async function resolverTypesSection(
  root: string,
  sources: SubgraphSource[],
  read: (path: string) => string | undefined,
): Promise<SchemaCheckSection> {
  const title = 'Resolver types';
  let generated;
  try {
    generated = await generateAllResolverTypes(root, sources);
  } catch (error) {
    return generationFailed(title, error);
  }
  const stale = generated.flatMap(({ file, module }) => describeStaleResolverTypes(file, read(file), module) ?? []);
  return {
    title,
    ok: stale.length === 0,
    details: stale.length ? stale : [`The resolver types of the ${generated.length} subgraphs are up to date with their schemas.`],
  };
}

/** The report a person reads: a line per section, its findings indented below. */
export function formatReport(sections: SchemaCheckSection[]): string {
  const lines = sections.flatMap((section) => [
    `${section.ok ? '✓' : '✗'} ${section.title}`,
    ...section.details.map((detail) => `    ${detail}`),
  ]);
  const failed = sections.filter((section) => !section.ok).length;
  lines.push(
    '',
    failed ? `schema:check failed: ${failed} of ${sections.length} checks.` : `schema:check passed: ${sections.length} checks.`,
  );
  return lines.join('\n');
}
