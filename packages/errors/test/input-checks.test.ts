import { checkLabels, checkText, checkYear, UserErrors } from '../src';

describe('checkText', () => {
  it('returns the text without surrounding spaces', () => {
    const errors = new UserErrors();

    expect(checkText(errors, ['input', 'name'], '  QUVA Lab \n', 200, 'The name')).toBe('QUVA Lab');
    expect(errors.any).toBe(false);
  });

  it('records BLANK for an empty or all-space text', () => {
    const errors = new UserErrors();

    expect(checkText(errors, ['input', 'name'], '   ', 200, 'The name')).toBeUndefined();
    expect(errors.list()).toEqual([{ field: ['input', 'name'], code: 'BLANK', message: 'The name must not be empty.' }]);
  });

  it('records TOO_LONG, with both lengths, for a text above the limit after trimming', () => {
    const errors = new UserErrors();

    expect(checkText(errors, ['input', 'city'], 'x'.repeat(101), 100, 'The city')).toBeUndefined();
    expect(errors.list()).toEqual([
      { field: ['input', 'city'], code: 'TOO_LONG', message: 'The city must be at most 100 characters; it has 101.' },
    ]);
  });

  it('accepts a text exactly at the limit, and does not count surrounding spaces', () => {
    const errors = new UserErrors();

    expect(checkText(errors, ['input', 'city'], `  ${'x'.repeat(100)}  `, 100, 'The city')).toBe('x'.repeat(100));
    expect(errors.any).toBe(false);
  });
});

describe('checkYear', () => {
  const range = { min: 1950, max: 2100 };

  it('accepts a year within the range, the bounds included', () => {
    const errors = new UserErrors();
    for (const year of [1950, 2024, 2100]) checkYear(errors, ['input', 'startYear'], year, range, 'The start year');

    expect(errors.any).toBe(false);
  });

  it('records OUT_OF_RANGE for a year outside the range, naming the range and the year', () => {
    const errors = new UserErrors();
    checkYear(errors, ['input', 'startYear'], 1949, range, 'The start year');
    checkYear(errors, ['input', 'endYear'], 2101, range, 'The end year');

    expect(errors.list()).toEqual([
      { field: ['input', 'startYear'], code: 'OUT_OF_RANGE', message: 'The start year must be between 1950 and 2100; it was 1949.' },
      { field: ['input', 'endYear'], code: 'OUT_OF_RANGE', message: 'The end year must be between 1950 and 2100; it was 2101.' },
    ]);
  });

  it('lets an absent year through: whether it is required is another rule', () => {
    const errors = new UserErrors();
    checkYear(errors, ['input', 'startYear'], null, range, 'The start year');
    checkYear(errors, ['input', 'startYear'], undefined, range, 'The start year');

    expect(errors.any).toBe(false);
  });
});

describe('checkLabels', () => {
  const limits = { maxLength: 20, maxCount: 4, minCount: 1 };

  it('trims the labels and keeps them in the order given', () => {
    const errors = new UserErrors();

    expect(checkLabels(errors, ['input', 'themes'], [' Robotics ', 'Health'], limits, 'themes')).toEqual(['Robotics', 'Health']);
    expect(errors.any).toBe(false);
  });

  it('drops duplicates in any letter case, keeping the first spelling', () => {
    const errors = new UserErrors();

    expect(checkLabels(errors, ['input', 'themes'], ['Health', 'health ', 'HEALTH', 'Energy'], limits, 'themes')).toEqual([
      'Health',
      'Energy',
    ]);
    expect(errors.any).toBe(false);
  });

  it('records BLANK and TOO_LONG against the entry at fault', () => {
    const errors = new UserErrors();

    expect(checkLabels(errors, ['input', 'themes'], ['Health', ' ', 'x'.repeat(21)], limits, 'themes')).toEqual(['Health']);
    expect(errors.list()).toEqual([
      { field: ['input', 'themes', '1'], code: 'BLANK', message: 'Each of the themes must not be empty.' },
      { field: ['input', 'themes', '2'], code: 'TOO_LONG', message: 'Each of the themes must be at most 20 characters; it has 21.' },
    ]);
  });

  it('records INVALID on the list when there are more labels than allowed, and keeps none', () => {
    const errors = new UserErrors();

    expect(checkLabels(errors, ['input', 'themes'], ['a', 'b', 'c', 'd', 'e'], limits, 'themes')).toEqual([]);
    expect(errors.list()).toEqual([{ field: ['input', 'themes'], code: 'INVALID', message: 'Give at most 4 themes; there were 5.' }]);
  });

  it('records BLANK on the list when it is shorter than the minimum', () => {
    const errors = new UserErrors();

    expect(checkLabels(errors, ['input', 'themes'], [], limits, 'themes')).toEqual([]);
    expect(errors.list()).toEqual([{ field: ['input', 'themes'], code: 'BLANK', message: 'Give at least 1 of the themes.' }]);
  });

  it('does not count a duplicate towards the minimum', () => {
    const errors = new UserErrors();

    expect(checkLabels(errors, ['input', 'sectors'], ['Health', 'health'], { ...limits, minCount: 2 }, 'sectors')).toEqual(['Health']);
    expect(errors.list()).toEqual([{ field: ['input', 'sectors'], code: 'BLANK', message: 'Give at least 2 of the sectors.' }]);
  });

  it('reports a blank only entry once, against the entry', () => {
    const errors = new UserErrors();

    expect(checkLabels(errors, ['input', 'themes'], ['  '], limits, 'themes')).toEqual([]);
    expect(errors.list()).toEqual([{ field: ['input', 'themes', '0'], code: 'BLANK', message: 'Each of the themes must not be empty.' }]);
  });
});
