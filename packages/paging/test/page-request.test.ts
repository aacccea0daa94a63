import { encodeCursor, pageRequest, type OrderingShape } from '../src';

/** The shape of a client error from @nlai/errors, as a caller sees it. */
type ClientError = Error & { extensions: Record<string, unknown> };

const byName: OrderingShape = {
  name: 'organisations:name',
  keys: [
    { expression: 'organisation.name', direction: 'ASC', type: 'string' },
    { expression: 'organisation.id', direction: 'ASC', type: 'string' },
  ],
};

function refusal(run: () => unknown): ClientError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as ClientError;
  }
  throw new Error('expected a refusal');
}

describe('pageRequest', () => {
  it('serves the first 20 rows when the client gives neither first nor after', () => {
    expect(pageRequest({}, byName)).toEqual({ size: 20, after: null });
    expect(pageRequest({ first: null, after: null }, byName)).toEqual({ size: 20, after: null });
  });

  it('serves the page size asked for, up to 100', () => {
    expect(pageRequest({ first: 5 }, byName).size).toBe(5);
    expect(pageRequest({ first: 100 }, byName).size).toBe(100);
    expect(pageRequest({ first: 0 }, byName).size).toBe(0);
  });

  it('refuses a page above the largest size with PAGE_SIZE_EXCEEDED, telling the maximum', () => {
    const error = refusal(() => pageRequest({ first: 101 }, byName));

    expect(error.message).toBe('`first` must be between 0 and 100; it was 101. Page through larger lists with `after`.');
    expect(error.extensions).toEqual({ code: 'PAGE_SIZE_EXCEEDED', maxPageSize: 100 });
  });

  it('refuses a negative page size with PAGE_SIZE_EXCEEDED', () => {
    expect(refusal(() => pageRequest({ first: -1 }, byName)).extensions.code).toBe('PAGE_SIZE_EXCEEDED');
  });

  it('follows the limits of a list that sets its own', () => {
    const limits = { defaultSize: 10, maxSize: 50 };

    expect(pageRequest({}, byName, limits).size).toBe(10);
    expect(pageRequest({ first: 50 }, byName, limits).size).toBe(50);
    expect(refusal(() => pageRequest({ first: 51 }, byName, limits)).extensions).toEqual({ code: 'PAGE_SIZE_EXCEEDED', maxPageSize: 50 });
  });

  it('decodes the after cursor into the position to continue from', () => {
    const after = encodeCursor(byName, ['Amsterdam UMC', 'amsterdam-umc']);

    expect(pageRequest({ first: 3, after }, byName)).toEqual({ size: 3, after: ['Amsterdam UMC', 'amsterdam-umc'] });
  });

  it('refuses a cursor of another list with INVALID_CURSOR', () => {
    const after = encodeCursor({ ...byName, name: 'labs:name' }, ['QUVA Lab', 'quva-lab']);

    expect(refusal(() => pageRequest({ after }, byName)).extensions.code).toBe('INVALID_CURSOR');
  });
});
