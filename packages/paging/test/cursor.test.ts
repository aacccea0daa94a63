import { decodeCursor, encodeCursor, type OrderingShape } from '../src';

/** The shape of a client error from @nlai/errors, as a caller sees it. */
type ClientError = Error & { extensions: Record<string, unknown> };

const newest: OrderingShape = {
  name: 'labs:newest',
  keys: [
    { expression: 'lab.startYear', direction: 'DESC', type: 'number', nulls: 'FIRST' },
    { expression: 'lab.name', direction: 'ASC', type: 'string' },
    { expression: 'lab.id', direction: 'ASC', type: 'string' },
  ],
};
const byName: OrderingShape = {
  name: 'labs:name',
  keys: [
    { expression: 'lab.name', direction: 'ASC', type: 'string' },
    { expression: 'lab.startYear', direction: 'DESC', type: 'number', nulls: 'FIRST' },
    { expression: 'lab.id', direction: 'ASC', type: 'string' },
  ],
};

function forge(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function codeOfRefusal(ordering: OrderingShape, cursor: string): unknown {
  try {
    decodeCursor(ordering, cursor);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as ClientError).message).toBe('The `after` cursor was not issued by this list; request the first page again without it.');
    return (error as ClientError).extensions.code;
  }
  return 'accepted';
}

describe('cursors', () => {
  it('give back the position they were made from', () => {
    const cursor = encodeCursor(newest, [2019, 'QUVA Lab', 'quva-lab']);

    expect(decodeCursor(newest, cursor)).toEqual([2019, 'QUVA Lab', 'quva-lab']);
  });

  it('carry a NULL in a nullable key, for rows that have no value there', () => {
    expect(decodeCursor(newest, encodeCursor(newest, [null, 'AI for Oncology Lab', 'ai-for-oncology']))).toEqual([
      null,
      'AI for Oncology Lab',
      'ai-for-oncology',
    ]);
  });

  it('are URL-safe and do not show their content as plain text', () => {
    const cursor = encodeCursor(newest, [2019, 'QUVA Lab / Amsterdam?', 'quva-lab']);

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('QUVA');
  });

  it('survive long names in any script: every cursor a list issues is accepted back', () => {
    for (const name of ['é'.repeat(200), '"'.repeat(200), '漢'.repeat(200), '🙂'.repeat(100), '\u0001'.repeat(200)]) {
      const values = [2020, name, `l-${'x'.repeat(62)}`];

      expect(decodeCursor(newest, encodeCursor(newest, values))).toEqual(values);
    }
  });

  it('of one ordering are refused by another, even with values of the right types', () => {
    const cursor = encodeCursor(newest, [2019, 'QUVA Lab', 'quva-lab']);

    expect(codeOfRefusal(byName, cursor)).toBe('INVALID_CURSOR');
  });

  it.each([
    ['text that is not base64url', 'not a cursor!'],
    ['an empty string', ''],
    ['base64 of something that is not JSON', Buffer.from('labs:newest,2019').toString('base64url')],
    ['an absurdly long string', 'A'.repeat(100_000)],
  ])('refuse %s with INVALID_CURSOR', (_case, cursor) => {
    expect(codeOfRefusal(newest, cursor)).toBe('INVALID_CURSOR');
  });

  it.each([
    ['an object instead of a list', { name: 'labs:newest', values: [2019, 'QUVA Lab', 'quva-lab'] }],
    ['too few values', ['labs:newest', 2019, 'QUVA Lab']],
    ['too many values', ['labs:newest', 2019, 'QUVA Lab', 'quva-lab', 'extra']],
    ['a string where a number belongs', ['labs:newest', '2019', 'QUVA Lab', 'quva-lab']],
    ['a number where a string belongs', ['labs:newest', 2019, 'QUVA Lab', 7]],
    ['NULL in a key that cannot be NULL', ['labs:newest', 2019, null, 'quva-lab']],
    ['an object as a value', ['labs:newest', { $gt: 0 }, 'QUVA Lab', 'quva-lab']],
  ])('refuse a forged cursor with %s', (_case, content) => {
    expect(codeOfRefusal(newest, forge(content))).toBe('INVALID_CURSOR');
  });

  it('refuse a number too large to be a real value', () => {
    const infinite = Buffer.from('["labs:newest",1e999,"QUVA Lab","quva-lab"]').toString('base64url');

    expect(codeOfRefusal(newest, infinite)).toBe('INVALID_CURSOR');
  });
});
