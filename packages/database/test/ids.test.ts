import { randomId, slugify } from '../src';

describe('slugify', () => {
  it.each([
    ['QUVA Lab', 'quva-lab'],
    ['AI for Oncology Lab', 'ai-for-oncology-lab'],
    ['Université d’Évry – Paris-Saclay', 'universite-d-evry-paris-saclay'],
    ['  ELSA Lab (Defence)  ', 'elsa-lab-defence'],
    ['Booking.com', 'booking-com'],
  ])('turns "%s" into "%s"', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('keeps slugs at most 60 characters, without a dash at the end', () => {
    const slug = slugify(`${'a'.repeat(59)} lab`);

    expect(slug).toBe('a'.repeat(59));
    expect(slugify('word '.repeat(30)).length).toBeLessThanOrEqual(60);
    expect(slugify('word '.repeat(30))).not.toMatch(/-$/);
  });

  it('gives "unnamed" for a name without a letter or digit it can use', () => {
    expect(slugify('!!!')).toBe('unnamed');
    expect(slugify('深度学习')).toBe('unnamed');
  });
});

describe('randomId', () => {
  it('is the prefix, a dash and 12 characters from an alphabet without look-alikes', () => {
    expect(randomId('t')).toMatch(/^t-[0-9abcdefghjkmnpqrstvwxyz]{12}$/);
  });

  it('takes another length when asked', () => {
    expect(randomId('p', 20)).toMatch(/^p-[0-9a-z]{20}$/);
  });

  it('does not repeat itself', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => randomId('t')));

    expect(ids.size).toBe(10_000);
  });

  it('uses every character of its alphabet', () => {
    const seen = new Set(
      Array.from({ length: 200 }, () => randomId('t'))
        .join('')
        .replace(/t-/g, ''),
    );

    expect(seen.size).toBe(32);
  });
});
