import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';
import { parse as parseYaml } from 'yaml';

/** A breaking change a working group made on purpose, recorded in schema/breaking-changes.yaml. */
export interface Acknowledgement {
  /** `api` for the public schema, or a subgraph's name. */
  schema: string;
  /** The changed coordinate, e.g. `Lab.sourceUrl`. */
  path: string;
  /** Why it is worth breaking callers, and who was told. */
  reason: string;
}

/** A breaking change found between the base and now. */
export interface BreakingChange {
  schema: string;
  path: string;
  message: string;
  acknowledged: boolean;
}

/** Reads the acknowledgements file; every entry needs a schema, a path and a reason. */
export function parseAcknowledgements(text: string | undefined): Acknowledgement[] {
  if (!text?.trim()) return [];
  const document = parseYaml(text) as { acknowledged?: unknown };
  const entries = Array.isArray(document?.acknowledged) ? document.acknowledged : [];
  return entries.map((entry: Record<string, unknown>, index: number) => {
    const { schema, path, reason } = entry ?? {};
    if (typeof schema !== 'string' || typeof path !== 'string' || typeof reason !== 'string' || !reason.trim()) {
      throw new Error(`schema/breaking-changes.yaml: entry ${index + 1} needs a schema, a path and a reason.`);
    }
    return { schema, path, reason };
  });
}

// Federation's own directives appear under a prefix until a subgraph imports
// them (`@federation__requires` becomes `@requires`): no client sees either.
const federationDirective =
  /^@(federation__\w+|link|key|requires|provides|external|shareable|inaccessible|override|tag|extends|composeDirective|interfaceObject|authenticated|requiresScopes|policy|context|fromContext|cost|listSize)$/;

/** The breaking changes from `before` to `after` of one schema, each marked acknowledged or not. */
export async function breakingChanges(
  schemaName: string,
  before: GraphQLSchema,
  after: GraphQLSchema,
  acknowledgements: Acknowledgement[],
): Promise<BreakingChange[]> {
  const changes: Change[] = await diff(before, after);
  return changes
    .filter(
      (change) => change.criticality.level === CriticalityLevel.Breaking && !federationDirective.test((change.path ?? '').split('.')[0]!),
    )
    .map((change) => {
      const path = change.path ?? '(schema)';
      return {
        schema: schemaName,
        path,
        message: change.message,
        acknowledged: acknowledgements.some((ack) => ack.schema === schemaName && (ack.path === path || path.startsWith(`${ack.path}.`))),
      };
    });
}
