import { boundedLabel } from '../src/bounded-label';

describe('boundedLabel', () => {
  it('keeps the first values as they are, names the missing one, and counts every later value as other', () => {
    const label = boundedLabel(2);
    expect([label('LabList', 'unknown'), label('LabPage', 'unknown'), label('LabList', 'unknown')]).toEqual([
      'LabList',
      'LabPage',
      'LabList',
    ]);
    expect(label('Third', 'unknown')).toBe('other');
    expect([label(undefined, 'unknown'), label(null, 'anonymous'), label('', 'unknown')]).toEqual(['unknown', 'anonymous', 'unknown']);
  });
});
