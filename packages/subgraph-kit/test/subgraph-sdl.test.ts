import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSubgraphSdl } from '../src/subgraph-sdl';

describe('loadSubgraphSdl', () => {
  it('puts the shared definitions where a schema imports them by package name', () => {
    const sdl = loadSubgraphSdl(join(__dirname, 'fixtures', 'notes.graphql'));
    expect(sdl).not.toMatch(/^# import \*/m);
    expect(sdl).toMatch(/^directive @requiresScope\(scope: String!\)/m);
    expect(sdl).toMatch(/^type PageInfo @shareable \{/m);
    expect(sdl).toMatch(/^enum UserErrorCode \{/m);
    expect(sdl).toMatch(/^type Note @key/m);
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
