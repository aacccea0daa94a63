import { errorCatalogue, isCatalogued } from '../src';

describe('errorCatalogue', () => {
  it('describes every code in one line of text', () => {
    for (const [code, description] of Object.entries(errorCatalogue)) {
      expect(code).toMatch(/^[A-Z][A-Z_]*$/);
      expect(description.trim()).not.toBe('');
      expect(description).not.toContain('\n');
    }
  });

  it('holds the codes clients rely on', () => {
    expect(Object.keys(errorCatalogue)).toEqual(
      expect.arrayContaining(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'INVALID_CURSOR', 'PAGE_SIZE_EXCEEDED', 'INTERNAL_SERVER_ERROR']),
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
