import { composeServices } from '@apollo/composition';
import { GraphQLError, parse } from 'graphql';
import type { DocumentNode } from 'graphql';
import { supergraphConfigPath } from './paths';
import { loadSubgraphs } from './supergraph-config';

/** A subgraph to compose. */
export interface SubgraphDefinition {
  /** Name of the subgraph, e.g. "research-innovation"; becomes its join__Graph value. */
  name: string;
  /** Where the gateway sends this subgraph's share of a query. */
  routingUrl: string;
  /** The subgraph's SDL, starting with its federation `@link`. */
  sdl: string;
}

/** A composition hint: not an error, but worth a look (e.g. inconsistent descriptions). */
export interface CompositionHint {
  /** Federation hint code, e.g. INCONSISTENT_DESCRIPTION. */
  code: string;
  message: string;
}

/** The result of a successful composition. */
export interface ComposedSupergraph {
  /** The supergraph SDL, as the gateway reads it. */
  supergraphSdl: string;
  hints: CompositionHint[];
}

/** Composition failed; `errors` holds every error, each with its federation error code. */
export class CompositionError extends Error {
  override readonly name = 'CompositionError';

  constructor(readonly errors: readonly GraphQLError[]) {
    const lines = errors.map((error) => `  - [${String(error.extensions.code ?? 'UNKNOWN')}] ${error.message}`);
    super(`Composition of the supergraph failed with ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${lines.join('\n')}`);
  }
}

/** Prints hints as `[CODE] message`, one after the other. */
export function formatHints(hints: readonly CompositionHint[]): string {
  return hints.map((hint) => `[${hint.code}] ${hint.message}`).join('\n');
}

/**
 * Composes subgraph SDLs into a supergraph with Apollo Federation 2.
 * Throws a `CompositionError` listing every error when the subgraphs do not
 * compose (including SDL that does not parse).
 */
export function composeSupergraph(subgraphs: readonly SubgraphDefinition[]): ComposedSupergraph {
  const parsed = subgraphs.map((subgraph) => parseSubgraph(subgraph));
  const parseErrors = parsed.filter((document) => document instanceof GraphQLError);
  if (parseErrors.length) throw new CompositionError(parseErrors);
  const services = subgraphs.map((subgraph, index) => ({
    name: subgraph.name,
    url: subgraph.routingUrl,
    typeDefs: parsed[index] as DocumentNode,
  }));
  const result = composeServices(services);
  if (result.errors) throw new CompositionError(result.errors);
  const hints = result.hints.map((hint) => ({ code: hint.definition.code, message: hint.message }));
  return { supergraphSdl: result.supergraphSdl, hints };
}

/** Composes the subgraphs listed in a supergraph config, by default schema/supergraph.yaml. */
export function composeSupergraphFromConfig(configPath: string = supergraphConfigPath): ComposedSupergraph {
  return composeSupergraph(loadSubgraphs(configPath));
}

// A syntax error names the subgraph, so it reads like the composition errors beside it.
function parseSubgraph(subgraph: SubgraphDefinition): DocumentNode | GraphQLError {
  try {
    return parse(subgraph.sdl);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return new GraphQLError(`[${subgraph.name}] ${message}`, { extensions: { code: 'INVALID_GRAPHQL' } });
  }
}
