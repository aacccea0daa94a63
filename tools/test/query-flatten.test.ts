import { findRows } from '../src/query/find-rows';
import { flattenRows } from '../src/query/flatten-rows';
import { parseOperation } from '../src/query/load-operation';
import { loadGraphSchema } from '../src/query/figures';
import { tabulate } from '../src/query/tabulate';

const connection = (...nodes: unknown[]) => ({
  totalCount: nodes.length,
  edges: nodes.map((node) => ({ cursor: 'c', node })),
  pageInfo: { hasNextPage: false, endCursor: 'c' },
});

describe('where the rows of a result are', () => {
  it('takes the nodes of the first connection, breadth-first from the root', () => {
    const data = { lab: { name: 'QUVA Lab', partners: [{ role: 'X' }], talent: connection({ id: 't-1' }, { id: 't-2' }) } };
    expect(findRows(data)).toMatchObject({ kind: 'connection', path: ['lab', 'talent'], rows: [{ id: 't-1' }, { id: 't-2' }] });
  });

  it('prefers a shallower connection to a deeper one, whatever the order of the fields', () => {
    const data = { a: { b: { deep: connection({ id: 'deep' }) } }, shallow: connection({ id: 'shallow' }) };
    expect(findRows(data)).toMatchObject({ path: ['shallow'], rows: [{ id: 'shallow' }] });
  });

  it('does not look for a connection inside the items of a list', () => {
    const data = { locations: [{ city: 'Delft', labs: connection({ id: 'x' }) }] };
    expect(findRows(data)).toMatchObject({ kind: 'list', path: ['locations'] });
  });

  it('takes the items of the first top-level list of objects when there is no connection', () => {
    const data = { locations: [{ city: 'Delft' }, null, { city: 'Enschede' }] };
    expect(findRows(data)).toEqual({ kind: 'list', path: ['locations'], rows: [{ city: 'Delft' }, null, { city: 'Enschede' }] });
  });

  it('keeps a list inside an object in that object’s one row (a lab page and its partners)', () => {
    const data = { lab: { name: 'QUVA Lab', partners: [{ organisation: { name: 'UvA' } }, { organisation: { name: 'Qualcomm' } }] } };
    expect(findRows(data)).toEqual({ kind: 'object', path: [], rows: [data] });
  });

  it('counts an empty list as rows only when the operation selects objects in it', () => {
    expect(findRows({ locations: [] }).kind).toBe('object');
    expect(findRows({ locations: [] }, (path) => path.join('.') === 'locations')).toEqual({ kind: 'list', path: ['locations'], rows: [] });
  });

  it('makes the data itself the one row when it holds no list of objects', () => {
    const data = { lab: { name: 'QUVA Lab', themes: ['vision'] } };
    expect(findRows(data)).toEqual({ kind: 'object', path: [], rows: [data] });
  });
});

describe('flattening rows', () => {
  it('turns nested objects into dotted columns, in first-seen order', () => {
    expect(flattenRows([{ id: 'a', location: { city: 'Delft', hub: { city: 'Rotterdam' } }, startYear: 2019, active: true }])).toEqual({
      columns: ['id', 'location.city', 'location.hub.city', 'startYear', 'active'],
      rows: [['a', 'Delft', 'Rotterdam', '2019', 'true']],
    });
  });

  it('joins a list of scalars with "; "', () => {
    expect(flattenRows([{ themes: ['health', 'energy'] }, { themes: [] }, { themes: ['water', null] }]).rows).toEqual([
      ['health; energy'],
      [null],
      ['water; '],
    ]);
  });

  it('gives a list of objects one column per leaf path, the n-th part of each belonging to the n-th item', () => {
    const lab = {
      name: 'QUVA Lab',
      partners: [
        { role: 'KNOWLEDGE_PARTNER', organisation: { name: 'University of Amsterdam', rorId: '04dkp9463' } },
        { role: 'EXTERNAL_PARTNER', organisation: { name: 'Qualcomm', rorId: null } },
        { role: 'EXTERNAL_PARTNER', organisation: null },
      ],
    };
    expect(flattenRows([lab])).toEqual({
      columns: ['name', 'partners.role', 'partners.organisation.name', 'partners.organisation.rorId'],
      rows: [['QUVA Lab', 'KNOWLEDGE_PARTNER; EXTERNAL_PARTNER; EXTERNAL_PARTNER', 'University of Amsterdam; Qualcomm; ', '04dkp9463; ; ']],
    });
  });

  it('joins lists inside the items of a list with ", " so "; " still separates the items', () => {
    const organisation = {
      vacancies: [
        { title: 'ML engineer', themes: ['health', 'vision'] },
        { title: 'Data steward', themes: ['open data'] },
      ],
    };
    expect(flattenRows([organisation]).rows).toEqual([['ML engineer; Data steward', 'health, vision; open data']]);
  });

  it('leaves null and missing values empty and keeps a column that only some rows have', () => {
    expect(
      flattenRows([
        { id: 'a', endYear: null },
        { id: 'b', endYear: 2020, extra: 'x' },
      ]),
    ).toEqual({
      columns: ['id', 'endYear', 'extra'],
      rows: [
        ['a', null, null],
        ['b', '2020', 'x'],
      ],
    });
  });

  it("drops the column of a null object when other rows have its fields, and keeps a parent's columns together", () => {
    expect(
      flattenRows([
        { id: 'a', location: null, name: 'A' },
        { id: 'b', location: { city: 'Delft' }, name: 'B' },
        { id: 'c', location: { city: 'Ede', region: 'Gelderland' }, name: 'C' },
      ]),
    ).toEqual({
      columns: ['id', 'location.city', 'location.region', 'name'],
      rows: [
        ['a', null, null, 'A'],
        ['b', 'Delft', null, 'B'],
        ['c', 'Ede', 'Gelderland', 'C'],
      ],
    });
  });

  it('puts known columns first, so rows without values and an empty result keep them', () => {
    expect(flattenRows([], { columns: ['id', 'location.city'] })).toEqual({ columns: ['id', 'location.city'], rows: [] });
    expect(flattenRows([{ location: null }], { columns: ['id', 'location.city'] })).toEqual({
      columns: ['id', 'location.city'],
      rows: [[null, null]],
    });
  });

  it('makes a null node an empty row', () => {
    expect(flattenRows([{ id: 'a' }, null]).rows).toEqual([['a'], [null]]);
  });
});

describe('tabulating the result of an operation', () => {
  const operation = parseOperation(
    `query Labs($first: Int, $after: String, $withCity: Boolean!) {
      labs(first: $first, after: $after) { edges { node { ...Lab code: id location @include(if: $withCity) { city } } } pageInfo { endCursor } }
    }
    fragment Lab on Lab { name status }`,
    'labs.graphql',
  );

  it('names columns after response keys (aliases, fragments) in selection order, and prints a header for no rows', () => {
    expect(tabulate({ labs: connection() }, operation, { withCity: true })).toEqual({
      columns: ['name', 'status', 'code', 'location.city'],
      rows: [],
    });
  });

  it('leaves out the columns of fields that @include or @skip leave out', () => {
    expect(tabulate({ labs: connection({ name: 'A', status: 'ACTIVE', code: 'a' }) }, operation, { withCity: false })).toEqual({
      columns: ['name', 'status', 'code'],
      rows: [['A', 'ACTIVE', 'a']],
    });
  });
});

describe('figures, told apart by the committed schema', () => {
  const schema = loadGraphSchema();
  const operation = parseOperation(
    `query Cities { locations { city stats: talentStats { total graduated internationalShare placementsBySector { sector placements } } hub { city } } }`,
    'cities.graphql',
  );

  it('leaves the figures of an object that is null (its subgraph down) blank', () => {
    const data = { locations: [{ city: 'Delft', stats: null, hub: { city: 'Rotterdam' } }] };
    expect(tabulate(data, operation, {}, schema).rows).toEqual([['Delft', null, null, null, null, null, 'Rotterdam']]);
  });

  it('gives each item of a list of figures its own row, the rest of the row repeated', () => {
    const stats = {
      total: 20,
      graduated: 9,
      internationalShare: 0.5,
      placementsBySector: [
        { sector: 'health', placements: 6 },
        { sector: 'energy', placements: 5 },
      ],
    };
    const data = { locations: [{ city: 'Delft', stats, hub: null }] };
    expect(tabulate(data, operation, {}, schema).rows).toEqual([
      ['Delft', '20', '9', '0.5', 'health', '6', null],
      ['Delft', '20', '9', '0.5', 'energy', '5', null],
    ]);
  });
});
