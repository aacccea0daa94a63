import { UserErrors } from '../src';

describe('UserErrors', () => {
  it('starts empty', () => {
    const errors = new UserErrors();

    expect(errors.any).toBe(false);
    expect(errors.list()).toEqual([]);
  });

  it('collects every mistake in the order found, so the caller sees them all at once', () => {
    const errors = new UserErrors();
    errors.add(['input', 'name'], 'BLANK', 'The name must not be empty.');
    errors.add(['input', 'startYear'], 'OUT_OF_RANGE', 'The start year must be between 1950 and 2100; it was 1800.');

    expect(errors.any).toBe(true);
    expect(errors.list()).toEqual([
      { field: ['input', 'name'], code: 'BLANK', message: 'The name must not be empty.' },
      { field: ['input', 'startYear'], code: 'OUT_OF_RANGE', message: 'The start year must be between 1950 and 2100; it was 1800.' },
    ]);
  });

  it('tells whether a field is still clean, so checks that depend on it can run', () => {
    const errors = new UserErrors();
    errors.add(['input', 'name'], 'BLANK', 'The name must not be empty.');

    expect(errors.isClean(['input', 'name'])).toBe(false);
    expect(errors.isClean(['input', 'city'])).toBe(true);
    expect(errors.isClean(['input'])).toBe(true);
  });

  it('hands out a copy of its list, which the caller cannot use to change the collection', () => {
    const errors = new UserErrors();
    errors.list().push({ field: ['input'], code: 'INVALID', message: 'sneaked in' });

    expect(errors.any).toBe(false);
  });
});
