import { GraphQLError } from 'graphql';
import { clientCodeOf, errorCatalogue, httpStatusOf, isCatalogued, kindOf, publicCodeOf, reportedFault } from '../src';

/** `4xx` for 404, `5xx` for 503. */
const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

describe('errorCatalogue', () => {
  it('describes every code in one line of text', () => {
    for (const [code, { description }] of Object.entries(errorCatalogue)) {
      expect(code).toMatch(/^[A-Z][A-Z_]*$/);
      expect(description.trim()).not.toBe('');
      expect(description).not.toContain('\n');
    }
  });

  it('gives every mistake a 4xx, but the two steps of automatic persisted queries, which Apollo Client expects as a 200', () => {
    const persistedQuerySteps = ['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED'];
    const mistakes = Object.entries(errorCatalogue).filter(([, entry]) => entry.kind === 'mistake');
    for (const [code, { httpStatus }] of mistakes)
      expect([code, persistedQuerySteps.includes(code) ? httpStatus : statusClass(httpStatus)]).toEqual([
        code,
        persistedQuerySteps.includes(code) ? 200 : '4xx',
      ]);
    expect(httpStatusOf('UNAUTHENTICATED')).toBe(401);
    expect(httpStatusOf('FORBIDDEN')).toBe(403);
  });

  it('gives every fault a 5xx, or a 200 with partial data when it only nulls some fields', () => {
    const faults = Object.entries(errorCatalogue).filter(([, entry]) => entry.kind === 'fault');
    expect(faults.length).toBeGreaterThan(0);
    for (const [code, { httpStatus, description }] of faults) {
      if (httpStatus === 200) expect([code, description]).toEqual([code, expect.stringContaining(' null')]);
      else expect([code, statusClass(httpStatus)]).toEqual([code, '5xx']);
    }
    expect(httpStatusOf('INTERNAL_SERVER_ERROR')).toBe(500);
  });

  it('holds the codes clients rely on', () => {
    expect(Object.keys(errorCatalogue)).toEqual(
      expect.arrayContaining([
        'UNAUTHENTICATED',
        'FORBIDDEN',
        'BAD_USER_INPUT',
        'INVALID_CURSOR',
        'PAGE_SIZE_EXCEEDED',
        'INTERNAL_SERVER_ERROR',
      ]),
    );
  });
});

describe('isCatalogued', () => {
  it('recognises the codes of the catalogue', () => {
    expect(isCatalogued('FORBIDDEN')).toBe(true);
    expect(isCatalogued('INVALID_CURSOR')).toBe(true);
  });

  it('refuses unknown codes, other letter cases and non-strings', () => {
    expect(isCatalogued('ER_DUP_ENTRY')).toBe(false);
    expect(isCatalogued('forbidden')).toBe(false);
    expect(isCatalogued(undefined)).toBe(false);
    expect(isCatalogued(401)).toBe(false);
  });

  it('is not fooled by names every object inherits', () => {
    expect(isCatalogued('toString')).toBe(false);
    expect(isCatalogued('constructor')).toBe(false);
    expect(isCatalogued('__proto__')).toBe(false);
  });
});

describe('whose an error is', () => {
  const coded = (code: string) => new GraphQLError('x', { extensions: { code } });

  it('counts our outages and upstream outages as faults, not as client mistakes', () => {
    for (const code of ['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT', 'UPSTREAM_UNAVAILABLE', 'INTERNAL_SERVER_ERROR'] as const) {
      expect([code, kindOf(code), clientCodeOf(coded(code))]).toEqual([code, 'fault', undefined]);
    }
  });

  it('counts what a client can fix as its mistake', () => {
    for (const code of [
      'BAD_USER_INPUT',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'PAGE_SIZE_EXCEEDED',
      'OPERATION_RESOLUTION_FAILURE',
      'PERSISTED_QUERY_NOT_ALLOWED',
    ] as const) {
      expect([code, kindOf(code), clientCodeOf(coded(code))]).toEqual([code, 'mistake', code]);
    }
  });

  it('shows the client a reported fault by its code, and masks an internal error', () => {
    expect(publicCodeOf(coded('SUBGRAPH_UNAVAILABLE'))).toBe('SUBGRAPH_UNAVAILABLE');
    expect(publicCodeOf(coded('INTERNAL_SERVER_ERROR'))).toBeUndefined();
    expect(publicCodeOf(coded('ER_DUP_ENTRY'))).toBeUndefined();
  });

  it('keeps the cause of a reported fault for the log, not for the client', () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:4000');
    const error = reportedFault('UPSTREAM_UNAVAILABLE', 'Retry later.', cause);
    expect([error.message, error.extensions, error.originalError]).toEqual(['Retry later.', { code: 'UPSTREAM_UNAVAILABLE' }, cause]);
  });
});
