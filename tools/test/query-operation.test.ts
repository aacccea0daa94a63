import { coerceVariables } from '../src/query/coerce-variables';
import { parseOperation } from '../src/query/load-operation';
import { afterVariableAt, afterVariables } from '../src/query/operation-fields';

const labList = parseOperation(
  `# Labs
  query LabList($filter: LabFilter, $first: Int, $after: String, $share: Float, $public: Boolean, $id: ID, $status: LabStatus, $ids: [ID!], $name: String = "x") {
    labs(filter: $filter, first: $first, after: $after) { edges { node { id } } }
  }`,
  'lab-list.graphql',
);

describe('picking the operation of a file', () => {
  const file = `query A { labs { totalCount } } query B { locations { city } } fragment Unused on Lab { id }`;

  it('refuses a file with several operations without --operation, naming them', () => {
    expect(() => parseOperation(file, 'two.graphql')).toThrow('two.graphql holds 2 operations (A, B): pick one with --operation <name>.');
  });

  it('picks the one named, and sends it without the other operations or unused fragments', () => {
    const picked = parseOperation(file, 'two.graphql', 'B');
    expect(picked.name).toBe('B');
    expect(picked.query).toBe('query B {\n  locations {\n    city\n  }\n}');
  });

  it('names the operations when the one asked for is not there', () => {
    expect(() => parseOperation(file, 'two.graphql', 'C')).toThrow('two.graphql has no operation named C; it holds A, B.');
  });

  it('sends the fragments an operation uses, through other fragments too', () => {
    const picked = parseOperation(
      'query Q { lab(id: "x") { ...L } } fragment L on Lab { id ...M } fragment M on Lab { name } fragment N on Lab { id }',
      'q.graphql',
    );
    expect(picked.query).toContain('fragment L on Lab');
    expect(picked.query).toContain('fragment M on Lab');
    expect(picked.query).not.toContain('fragment N');
  });

  it('says where a file is not valid GraphQL', () => {
    expect(() => parseOperation('{ labs(first: 2 { id } }', 'bad.graphql')).toThrow(
      'bad.graphql:1:17 is not valid GraphQL: Syntax Error: Expected Name, found "{".',
    );
    expect(() => parseOperation('fragment L on Lab { id }', 'only-fragments.graphql')).toThrow('only-fragments.graphql holds no operation');
  });
});

describe('variables from the command line', () => {
  it('coerces each value by its declared type', () => {
    expect(
      coerceVariables(labList, [
        'first=5',
        'share=0.25',
        'public=true',
        'id=42',
        'status=ACTIVE',
        'filter={"status":"ACTIVE","city":"Delft"}',
        'ids=["a","b"]',
        'name=007',
      ]),
    ).toEqual({
      first: 5,
      share: 0.25,
      public: true,
      id: '42',
      status: 'ACTIVE',
      filter: { status: 'ACTIVE', city: 'Delft' },
      ids: ['a', 'b'],
      name: '007',
    });
  });

  it('keeps everything after the first "=" as the value', () => {
    expect(coerceVariables(labList, ['after=YWZ0ZXI=='])).toEqual({ after: 'YWZ0ZXI==' });
  });

  it('lets one value stand for a list of one, as GraphQL does', () => {
    expect(coerceVariables(labList, ['ids=quva-lab'])).toEqual({ ids: 'quva-lab' });
  });

  it.each([
    ['first=five', '--var first: Int takes a whole number, got "five".'],
    ['first=1.5', '--var first: Int takes a whole number, got "1.5".'],
    ['first=3000000000', '--var first: Int takes a whole number, got "3000000000".'],
    ['share=', '--var share: Float takes a number, got "".'],
    ['public=yes', '--var public: Boolean takes true or false, got "yes".'],
    ['filter={status:ACTIVE}', '--var filter: LabFilter takes JSON here, and "{status:ACTIVE}" is not JSON'],
    ['first', '--var takes name=value, got "first".'],
  ])('refuses %s', (assignment, message) => {
    expect(() => coerceVariables(labList, [assignment])).toThrow(message);
  });

  it('refuses an unknown name, listing the variables the operation takes', () => {
    expect(() => coerceVariables(labList, ['frist=5'])).toThrow(
      'Unknown variable "frist": LabList takes $filter: LabFilter, $first: Int, $after: String, $share: Float, $public: Boolean, $id: ID, $status: LabStatus, $ids: [ID!], $name: String.',
    );
  });

  it('refuses the same name twice and a required variable left out', () => {
    expect(() => coerceVariables(labList, ['first=1', 'first=2'])).toThrow('--var first is given twice.');
    const labPage = parseOperation('query LabPage($id: ID!, $depth: Int! = 1) { lab(id: $id) { name } }', 'lab-page.graphql');
    expect(() => coerceVariables(labPage, [])).toThrow('Missing --var id=…: LabPage takes $id: ID!, $depth: Int!.');
  });
});

describe('the variable that pages a connection', () => {
  it('is the one bound to the after argument of the field at the connection path, aliases included', () => {
    const operation = parseOperation(
      'query($cursor: String) { lab(id: "x") { people: talent(first: 10, after: $cursor) { edges { node { id } } } } }',
      'q.graphql',
    );
    expect(afterVariableAt(operation, ['lab', 'people'])).toBe('cursor');
    expect(afterVariableAt(operation, ['lab'])).toBeUndefined();
    expect(afterVariables(operation)).toEqual(['cursor']);
  });
});
