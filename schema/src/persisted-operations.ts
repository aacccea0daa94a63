import { createHash } from 'node:crypto';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { readSavedOperations } from './check/saved-operations';

/** One safelisted operation. */
export interface PersistedOperation {
  /** SHA-256 (hex) of `body`: what clients send as `extensions.persistedQuery.sha256Hash`. */
  id: string;
  /** The operation's name, e.g. LabPage. */
  name: string;
  /** The saved file it comes from. */
  file: string;
  /** The document, printed canonically (comments and layout dropped). */
  body: string;
}

/** The manifest the gateway's safelist mode (PERSISTED_OPERATIONS_ONLY) accepts. */
export interface PersistedOperationsManifest {
  format: 'nlai-persisted-operations/1';
  operations: PersistedOperation[];
}

/** The canonical text of a document and its id; the same document always prints the same. */
export function persistedId(document: string): { id: string; body: string } {
  const body = print(parse(document));
  return { id: createHash('sha256').update(body).digest('hex'), body };
}

/** The manifest of every operation saved in the folder (one operation per file, with its fragments). */
export function buildManifest(operationsDirectory: string): PersistedOperationsManifest {
  const operations = readSavedOperations(operationsDirectory).map(({ file, text }) => {
    const operation = parse(text).definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    const { id, body } = persistedId(text);
    return { id, name: operation?.name?.value ?? file, file, body };
  });
  return { format: 'nlai-persisted-operations/1', operations };
}

/** The manifest as it is committed: stable JSON with a trailing newline. */
export function renderManifest(manifest: PersistedOperationsManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
