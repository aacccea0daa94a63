import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';

/** A variable of a saved question, as its form shows it. */
export interface SavedQuestionVariable {
  name: string;
  /** The GraphQL type, e.g. "String!". */
  type: string;
  required: boolean;
  /** The default the operation declares, as GraphQL text; null for none. */
  defaultValue: string | null;
}

/** A saved operation of schema/operations that reads (no mutation), for the explorer's menu. */
export interface SavedQuestion {
  name: string;
  /** The comment at the top of its file, without the `#`s; empty when the file is not at hand. */
  description: string;
  body: string;
  variables: SavedQuestionVariable[];
  /** The insights chart that draws its figures, e.g. "/insights#retention"; null for none. */
  chart: string | null;
}

/** Which chart of /insights draws a saved question's figures, by operation name. */
const chartAnchors: Record<string, string> = {
  NetworkMap: 'map',
  InsightsNetwork: 'map',
  NetworkSummary: 'growth',
  InsightsPeople: 'growth',
  RetentionPerCity: 'retention',
  GraduateDestinations: 'flow',
  NetworkTalent: 'courses',
};

interface Manifest {
  operations: Array<{ name: string; type: string; body: string }>;
}

/** Leading `#` lines of each file in schema/operations, by the name of the operation it holds. */
function descriptions(operationsDirectory: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!existsSync(operationsDirectory)) return found;
  for (const file of readdirSync(operationsDirectory).filter((name) => name.endsWith('.graphql'))) {
    const text = readFileSync(join(operationsDirectory, file), 'utf8');
    const name = /^\s*(?:query|mutation|subscription)\s+(\w+)/m.exec(text)?.[1];
    const comment = text.match(/^(?:#.*\n)+/)?.[0] ?? '';
    if (name)
      found.set(
        name,
        comment
          .split('\n')
          .map((line) => line.replace(/^#\s?/, ''))
          .join(' ')
          .trim(),
      );
  }
  return found;
}

/**
 * The queries of the persisted-operations manifest (generated from
 * schema/operations, so the same list whether or not the safelist is on),
 * with their variables and the comment of their file when it is beside the
 * manifest. `insightsEnabled` decides whether results link to charts.
 */
export function loadSavedQuestions(manifestFile: string, insightsEnabled: boolean): SavedQuestion[] {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const comments = descriptions(join(dirname(manifestFile), 'operations'));
  return manifest.operations
    .filter((operation) => operation.type === 'query')
    .map((operation) => {
      const definition = parse(operation.body).definitions.find(
        (node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION,
      );
      const anchor = chartAnchors[operation.name];
      return {
        name: operation.name,
        description: comments.get(operation.name) ?? '',
        body: operation.body,
        variables: (definition?.variableDefinitions ?? []).map((variable) => ({
          name: variable.variable.name.value,
          type: print(variable.type),
          required: variable.type.kind === Kind.NON_NULL_TYPE && !variable.defaultValue,
          defaultValue: variable.defaultValue ? print(variable.defaultValue) : null,
        })),
        chart: insightsEnabled && anchor ? `/insights#${anchor}` : null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
