import { createHash } from 'node:crypto';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { readSavedOperations } from './check/saved-operations';

/** One safelisted operation, as Apollo's persisted query manifest lists it. */
export interface PersistedOperation {
  /** SHA-256 (hex) of `body`, as Apollo computes it: what clients send as `extensions.persistedQuery.sha256Hash`. */
  id: string;
  /** The operation's name, e.g. LabPage. */
  name: string;
  /** The operation's type. */
  type: 'query' | 'mutation' | 'subscription';
  /** The document, printed canonically (comments and layout dropped). */
  body: string;
}

/**
 * Apollo's persisted query manifest (the format `@apollo/generate-persisted-query-manifest`
 * writes and Apollo Client's persisted-queries link and Apollo Router read); the
 * gateway's safelist mode (PERSISTED_OPERATIONS_ONLY) accepts it too.
 */
export interface PersistedOperationsManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: PersistedOperation[];
}

/** The canonical text of a document and its id; the same document always prints the same. */
export function persistedId(document: string): { id: string; body: string } {
  const body = print(parse(document));
  return { id: createHash('sha256').update(body).digest('hex'), body };
}

/** The manifest of every operation saved in the folder (one operation per file, with its fragments). */
export function buildManifest(operationsDirectory: string): PersistedOperationsManifest {
  const operations = readSavedOperations(operationsDirectory).map(({ file, text }): PersistedOperation => {
    const operation = parse(text).definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    const { id, body } = persistedId(text);
    return { id, name: operation?.name?.value ?? file, type: operation?.operation ?? 'query', body };
  });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** The manifest as it is committed: stable JSON with a trailing newline. */
export function renderManifest(manifest: PersistedOperationsManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
