import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSubgraphSdl } from '../src';

describe('loadSubgraphSdl', () => {
  it('resolves an import by package name as Node resolves a module from the importing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdl-'));
    mkdirSync(join(dir, 'node_modules', '@scope', 'shared'), { recursive: true });
    writeFileSync(
      join(dir, 'node_modules', '@scope', 'shared', 'package.json'),
      '{"name":"@scope/shared","exports":{"./types.graphql":"./types.graphql"}}',
    );
    writeFileSync(join(dir, 'node_modules', '@scope', 'shared', 'types.graphql'), 'type PageInfo { end: String }\n');
    writeFileSync(join(dir, 'schema.graphql'), '# import * from "@scope/shared/types.graphql"\ntype Query { page: PageInfo }\n');
    expect(loadSubgraphSdl(join(dir, 'schema.graphql')).replace(/\s+/g, ' ').trim()).toBe(
      'type PageInfo { end: String } type Query { page: PageInfo }',
    );
  });

  it('follows relative imports, each file once, and reads through the reader it is given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdl-'));
    writeFileSync(join(dir, 'a.graphql'), '# import * from "./b.graphql"\ntype A { b: B }\n');
    writeFileSync(join(dir, 'b.graphql'), '# import * from "./a.graphql"\ntype B { x: Int }\n');
    expect(loadSubgraphSdl(join(dir, 'a.graphql')).replace(/\s+/g, ' ').trim()).toBe('type B { x: Int } type A { b: B }');
    const asAtBase = loadSubgraphSdl(join(dir, 'a.graphql'), (file) =>
      file.endsWith('b.graphql') ? 'type B { y: Int }' : 'type A { b: B }\n# import * from "./b.graphql"',
    );
    expect(asAtBase.replace(/\s+/g, ' ').trim()).toBe('type A { b: B } type B { y: Int }');
  });

  it('names the import it cannot find', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdl-'));
    writeFileSync(join(dir, 'a.graphql'), '# import * from "./missing.graphql"\n');
    expect(() => loadSubgraphSdl(join(dir, 'a.graphql'))).toThrow(/missing\.graphql/);
  });
});
