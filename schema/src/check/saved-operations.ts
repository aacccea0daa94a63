import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/** A saved operation that the schema no longer accepts. */
export interface BrokenOperation {
  file: string;
  operation: string;
  message: string;
}

/** The saved operations: every `.graphql` file in the folder, by file name. */
export function readSavedOperations(directory: string): Array<{ file: string; text: string }> {
  let files: string[];
  try {
    files = readdirSync(directory)
      .filter((file) => file.endsWith('.graphql'))
      .sort();
  } catch {
    return [];
  }
  return files.map((file) => ({ file, text: readFileSync(join(directory, file), 'utf8') }));
}

/**
 * Validates each saved file against the schema and names the operations a
 * change would break (all operations of a file share its fragments).
 */
export function brokenOperations(schema: GraphQLSchema, saved: Array<{ file: string; text: string }>): BrokenOperation[] {
  const broken: BrokenOperation[] = [];
  for (const { file, text } of saved) {
    let document;
    try {
      document = parse(text);
    } catch (error) {
      broken.push({ file, operation: '(whole file)', message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    for (const error of validate(schema, document)) {
      // Name the operation (or fragment) the error is in, by where it stands in the file.
      const at = error.nodes?.[0]?.loc?.start;
      const owner = document.definitions.find(
        (definition) => at !== undefined && definition.loc && definition.loc.start <= at && at <= definition.loc.end,
      );
      const operation =
        owner?.kind === Kind.OPERATION_DEFINITION
          ? ((owner as OperationDefinitionNode).name?.value ?? '(anonymous)')
          : owner?.kind === Kind.FRAGMENT_DEFINITION
            ? `fragment ${owner.name.value}`
            : '(whole file)';
      broken.push({ file, operation, message: error.message });
    }
  }
  return broken;
}
