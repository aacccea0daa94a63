import { isIsoCountryCode, isoCountryCodes } from '../src';

describe('isIsoCountryCode', () => {
  it.each(['NL', 'US', 'DE', 'BE', 'GB', 'AX', 'SS', 'BQ', 'CW', 'ZW'])('accepts the assigned code %s', (code) => {
    expect(isIsoCountryCode(code)).toBe(true);
  });

  it.each([
    ['nl', 'lower case'],
    ['Nl', 'mixed case'],
    [' NL', 'surrounding space'],
    ['XK', 'user-assigned (Kosovo)'],
    ['UK', 'exceptionally reserved'],
    ['EU', 'exceptionally reserved'],
    ['ZZ', 'user-assigned'],
    ['AN', 'withdrawn (Netherlands Antilles)'],
    ['NLD', 'alpha-3'],
    ['', 'empty'],
  ])('refuses %s (%s)', (code) => {
    expect(isIsoCountryCode(code)).toBe(false);
  });
});

describe('isoCountryCodes', () => {
  it('holds the 249 officially assigned codes, each two capital letters', () => {
    expect(isoCountryCodes.size).toBe(249);
    for (const code of isoCountryCodes) expect(code).toMatch(/^[A-Z]{2}$/);
  });
});
