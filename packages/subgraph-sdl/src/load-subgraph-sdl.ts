import { readFileSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';

/** `# import * from "<module or relative path>"`, the graphql-import form, whole files only. */
const importLine = /^#\s*import\s+\*\s+from\s+["']([^"']+)["']\s*$/;

const readText = (file: string) => readFileSync(file, 'utf8');

/**
 * A subgraph's SDL with its imports in place: each `# import * from "…"`
 * line is replaced by the file it names, resolved as Node resolves a module
 * from the importing file (so `@nlai/subgraph-kit/shared.graphql` works from
 * src/ and dist/ alike). One loader for the server, composition, code
 * generation and checks, so all of them read the same schema. `read` lets
 * the schema check read files as they were at a base revision.
 */
export function loadSubgraphSdl(file: string, read: (file: string) => string = readText, seen: Set<string> = new Set()): string {
  if (seen.has(file)) return '';
  seen.add(file);
  return read(file)
    .split('\n')
    .map((line) => {
      const spec = importLine.exec(line)?.[1];
      if (!spec) return line;
      const target = isAbsolute(spec) ? spec : require.resolve(spec, { paths: [dirname(file)] });
      return loadSubgraphSdl(target, read, seen).trimEnd();
    })
    .join('\n');
}
