import { readFileSync } from 'node:fs';
import {
  GraphQLError,
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { QueryError, usageError } from './query-error';

/** One operation picked from a .graphql file, ready to send. */
export interface LoadedOperation {
  /** The file it came from, as given; used in messages. */
  file: string;
  /** The operation's name; undefined for an anonymous operation. */
  name: string | undefined;
  definition: OperationDefinitionNode;
  /** Every fragment of the file, by name. */
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /**
   * What is sent: the operation and the fragments it uses, printed. For a
   * saved operation this is exactly the text of the persisted-operations
   * manifest, so a gateway in safelist mode admits it.
   */
  query: string;
}

const describe = (operation: OperationDefinitionNode) => operation.name?.value ?? '(anonymous)';

/** Reads and parses a .graphql file and picks the operation to run (`operationName`, or the only one). */
export function loadOperation(file: string, path: string, operationName?: string): LoadedOperation {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new QueryError('FILE_UNREADABLE', `No such file: ${file}.`);
    if (code === 'EISDIR') throw new QueryError('FILE_UNREADABLE', `${file} is a directory, not a .graphql file.`);
    throw new QueryError('FILE_UNREADABLE', `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}.`);
  }
  return parseOperation(source, file, operationName);
}

/** Parses GraphQL text and picks the operation to run; `file` only names it in messages. */
export function parseOperation(source: string, file: string, operationName?: string): LoadedOperation {
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const location = error.locations?.[0];
    throw new QueryError(
      'INVALID_DOCUMENT',
      `${file}${location ? `:${location.line}:${location.column}` : ''} is not valid GraphQL: ${error.message}`,
    );
  }
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  if (operations.length === 0) throw new QueryError('INVALID_DOCUMENT', `${file} holds no operation (query, mutation or subscription).`);
  const names = operations.map(describe).join(', ');
  let definition: OperationDefinitionNode | undefined;
  if (operationName !== undefined) {
    definition = operations.find((operation) => operation.name?.value === operationName);
    if (!definition) throw usageError(`${file} has no operation named ${operationName}; it holds ${names}.`);
  } else {
    if (operations.length > 1)
      throw usageError(`${file} holds ${operations.length} operations (${names}): pick one with --operation <name>.`);
    definition = operations[0]!;
  }
  const used = fragmentsUsedBy(definition, fragments, file);
  const sent: DefinitionNode[] = [definition, ...[...fragments.values()].filter((fragment) => used.has(fragment.name.value))];
  return { file, name: definition.name?.value, definition, fragments, query: print({ kind: Kind.DOCUMENT, definitions: sent }) };
}

/** The names of the fragments an operation spreads, directly or through other fragments. */
function fragmentsUsedBy(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  file: string,
): Set<string> {
  const used = new Set<string>();
  const pending: Array<OperationDefinitionNode | FragmentDefinitionNode> = [operation];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (used.has(name)) return;
        const fragment = fragments.get(name);
        if (!fragment) throw new QueryError('INVALID_DOCUMENT', `${file} spreads ...${name}, but defines no fragment ${name}.`);
        used.add(name);
        pending.push(fragment);
      },
    });
  }
  return used;
}
