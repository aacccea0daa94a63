import { manyPer, onePer, referenced } from '../src';

interface Lab {
  id: string;
  name: string;
}

interface Theme {
  labId: string;
  theme: string;
}

describe('onePer', () => {
  const rows: Lab[] = [
    { id: 'quva', name: 'QUVA Lab' },
    { id: 'elsa', name: 'ELSA Lab' },
  ];

  it('returns one row per key, in the order of the keys, whatever order the rows came in', () => {
    expect(onePer(['elsa', 'quva'], rows, (lab) => lab.id)).toEqual([rows[1], rows[0]]);
  });

  it('returns null for a key without a row', () => {
    expect(onePer(['quva', 'gone', 'elsa'], rows, (lab) => lab.id)).toEqual([rows[0], null, rows[1]]);
  });

  it('answers a key asked for twice twice', () => {
    expect(onePer(['quva', 'quva'], rows, (lab) => lab.id)).toEqual([rows[0], rows[0]]);
  });

  it('returns an empty list for no keys', () => {
    expect(onePer([], rows, (lab) => lab.id)).toEqual([]);
  });
});

describe('manyPer', () => {
  const rows: Theme[] = [
    { labId: 'quva', theme: 'Computer vision' },
    { labId: 'elsa', theme: 'Ethics' },
    { labId: 'quva', theme: 'Deep learning' },
  ];

  it('groups the rows per key, keeping the order they were fetched in', () => {
    expect(manyPer(['quva', 'elsa'], rows, (row) => row.labId)).toEqual([[rows[0], rows[2]], [rows[1]]]);
  });

  it('returns an empty list, not null, for a key without rows', () => {
    expect(manyPer(['gone', 'elsa'], rows, (row) => row.labId)).toEqual([[], [rows[1]]]);
  });

  it('answers a key asked for twice twice', () => {
    expect(manyPer(['elsa', 'elsa'], rows, (row) => row.labId)).toEqual([[rows[1]], [rows[1]]]);
  });
});

describe('referenced', () => {
  it('returns the row a foreign key points at', async () => {
    await expect(referenced(Promise.resolve({ id: 'quva' }), 'Lab quva')).resolves.toEqual({ id: 'quva' });
  });

  it('fails, naming the row, when it is missing', async () => {
    await expect(referenced(Promise.resolve(null), 'Lab quva')).rejects.toThrow('Lab quva is missing, though a foreign key points at it.');
  });
});
