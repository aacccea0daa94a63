import { UserErrors } from '@nlai/errors';
import { graphql, pendingSchemaChanges, testDialects, tokenWith } from '@nlai/testing';
import { sampleTalent } from '../src/seed/sample-data';
import { humanCapital } from '../src/subgraph';
import { checkCareer, checkCareerChange, fitsCareer, type CareerChange } from '../src/services/career-rules';
import { cellKey, perturbedCount, possibleTrueCounts, recordKeyRange } from '../src/services/cell-key';
import { untilNextRelease } from '../src/services/figure-release-schedule';
import { talentStatsFrom, type FigureCells } from '../src/services/talent-figures';
import { useHumanCapital } from './start';

const labEntities = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Lab { id talentStats { total graduated retainedInNetherlands } talent(first: 2) { totalCount edges { node { id placements { country } } } } }
} }`;

describe.each(testDialects())('the Human Capital subgraph on its own (%s)', (dialect) => {
  const server = useHumanCapital(dialect, 'hc-unit');

  it('builds its schema from its migrations alone, matching its entities exactly', async () => {
    expect(await pendingSchemaChanges(server().dataSource)).toEqual([]);
  });

  it('seeds the generated sample people and their placements', async () => {
    const { talents, placements } = sampleTalent();
    const [{ n: people }] = await server().dataSource.query('SELECT COUNT(*) AS n FROM talent');
    const [{ n: jobs }] = await server().dataSource.query('SELECT COUNT(*) AS n FROM placement');
    expect([Number(people), Number(jobs)]).toEqual([talents.length, placements.length]);
  });

  it('resolves the talent of 2 or 20 labs with the same number of SQL statements', async () => {
    const labIds: string[] = (await server().dataSource.query('SELECT DISTINCT lab_id FROM talent ORDER BY lab_id')).map(
      (row: { lab_id: string }) => row.lab_id,
    );
    expect(labIds).toHaveLength(20);
    const statementsFor = async (ids: string[]) => {
      const result = await graphql(server().url, labEntities, {
        token: tokenWith('talent:read'),
        variables: { representations: ids.map((id) => ({ __typename: 'Lab', id })) },
      });
      expect(result.errors).toBeUndefined();
      return Number(result.headers.get('x-sql-statements'));
    };
    const few = await statementsFor(labIds.slice(0, 2));
    const many = await statementsFor([...labIds, ...labIds]);
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
  });

  it('gives each lab the `first` most recent vacancies matching any of its themes, in any letter case', async () => {
    const vacancies: Array<{ id: string; posted_year: number; theme: string }> = await server().dataSource.query(
      'SELECT vacancy.id, vacancy.posted_year, vacancy_theme.theme FROM vacancy JOIN vacancy_theme ON vacancy_theme.vacancy_id = vacancy.id',
    );
    /** The answer worked out the slow way: every match, most recent first, cut at `first`. */
    const expected = (themes: string[], first: number) => {
      const wanted = new Set(themes.map((theme) => theme.toLowerCase()));
      const matches = new Map(
        vacancies.filter((vacancy) => wanted.has(vacancy.theme.toLowerCase())).map((vacancy) => [vacancy.id, vacancy]),
      );
      return [...matches.values()]
        .sort((a, b) => b.posted_year - a.posted_year || (a.id < b.id ? -1 : 1))
        .slice(0, first)
        .map((vacancy) => vacancy.id);
    };
    const themeSets = [
      ['Medical Imaging'],
      ['medical imaging', 'Recommendation', 'no such theme'],
      ['recommendation', 'deep vision', 'energy', 'medical imaging', 'food'],
    ];
    const query = `query($representations: [_Any!]!, $first: Int) { _entities(representations: $representations) { ... on Lab { matchingVacancies(first: $first) { id } } } }`;
    for (const first of [1, 2, 10]) {
      const result = await graphql<{ _entities: Array<{ matchingVacancies: Array<{ id: string }> }> }>(server().url, query, {
        variables: { first, representations: themeSets.map((themes, index) => ({ __typename: 'Lab', id: `lab-${index}`, themes })) },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities.map((lab) => lab.matchingVacancies.map((vacancy) => vacancy.id))).toEqual(
        themeSets.map((themes) => expected(themes, first)),
      );
    }
    // The cut is really exercised: several themes, each with more than `first` matches between them.
    expect(themeSets.map((themes) => expected(themes, 10).length)).toEqual([3, 5, 8]);
    const tooMany = await graphql(server().url, query, {
      variables: { first: 101, representations: [{ __typename: 'Lab', id: 'x', themes: ['health'] }] },
    });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_EXCEEDED');
  });

  it('gives an unknown lab empty figures rather than an error', async () => {
    const result = await graphql<{ _entities: unknown[] }>(server().url, labEntities, {
      token: tokenWith('talent:read'),
      variables: { representations: [{ __typename: 'Lab', id: 'no-such-lab' }] },
    });
    expect(result.data!._entities).toEqual([
      { id: 'no-such-lab', talentStats: { total: 0, graduated: 0, retainedInNetherlands: 0 }, talent: { totalCount: 0, edges: [] } },
    ]);
  });

  it('lists courses by kind and sector, national course first', async () => {
    const result = await graphql<{ courses: Array<{ kind: string }>; health: Array<{ title: string }> }>(
      server().url,
      '{ courses { kind } health: courses(filter: { sector: "Health" }) { title } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.courses[0]!.kind).toBe('NATIONAL_COURSE');
    expect(result.data!.health.map((course) => course.title).sort()).toEqual([
      'AI for healthcare professionals (sample)',
      'AI in medical imaging (sample)',
    ]);
  });
});

describe('sample data', () => {
  it('is the same for the same seed and different for another', () => {
    expect(sampleTalent(7)).toEqual(sampleTalent(7));
    expect(sampleTalent(7).talents.map((talent) => talent.id)).not.toEqual(sampleTalent(8).talents.map((talent) => talent.id));
  });

  it('gives every active lab at least 5 people, most graduates jobs outside academia and in the Netherlands, some abroad', () => {
    const { talents, placements } = sampleTalent();
    const perLab = new Map<string, number>();
    for (const talent of talents) perLab.set(talent.labId, (perLab.get(talent.labId) ?? 0) + 1);
    expect(perLab.size).toBe(20);
    expect(Math.min(...perLab.values())).toBeGreaterThanOrEqual(5);

    const graduates = talents.filter((talent) => talent.stage === 'GRADUATED');
    const latest = graduates.map(
      (graduate) => placements.filter((placement) => placement.talentId === graduate.id).sort((a, b) => b.startYear - a.startYear)[0]!,
    );
    expect(latest.every(Boolean)).toBe(true);
    const share = (test: (placement: (typeof latest)[number]) => boolean) => latest.filter(test).length / latest.length;
    expect(share((placement) => placement.sector !== 'research and education')).toBeGreaterThan(0.6);
    expect(share((placement) => placement.country === 'NL')).toBeGreaterThan(0.6);
    expect(share((placement) => placement.country !== 'NL')).toBeGreaterThan(0.05);
  });
});

describe('public talent figures', () => {
  const cells = (counts: Record<string, number>, keySum = 17): FigureCells =>
    new Map(Object.entries(counts).map(([name, count], index) => [name, { count, keySum: (keySum + index * 31) % recordKeyRange }]));
  const sample = cells({
    total: 40,
    phdCandidates: 20,
    graduated: 3,
    retainedInNetherlands: 2,
    international: 18,
    'sector:health': 12,
    'sector:retail': 2,
  });
  const released = { exact: false as const, release: { id: 'r-test', publishedAt: '2026-01-01T03:00:00.000Z' } };

  it('are exact and live for a caller with talent:read, without a release', () => {
    expect(talentStatsFrom(sample, { exact: true })).toMatchObject({
      total: 40,
      graduated: 3,
      retainedInNetherlands: 2,
      internationalShare: 0.45,
      placementsBySector: [
        { sector: 'health', placements: 12 },
        { sector: 'retail', placements: 2 },
      ],
      release: null,
    });
  });

  it('never publish 1 to 4: small counts are 0, and a category published as 0 is absent', () => {
    const published = talentStatsFrom(sample, released);
    expect([published.graduated, published.retainedInNetherlands]).toEqual([0, 0]);
    expect(published.placementsBySector.map((row) => row.sector)).toEqual(['health']);
    expect(published.release).toEqual(released.release);
    const wrong: Array<{ count: number; key: number; value: number }> = [];
    for (let count = 0; count <= 60; count += 1) {
      for (let key = 0; key < recordKeyRange; key += 1) {
        const value = perturbedCount(count, key);
        const small = value >= 1 && value <= 4;
        const far = value !== 0 && Math.abs(value - count) > 2;
        if (small || far || !possibleTrueCounts(value).includes(count)) wrong.push({ count, key, value });
      }
    }
    expect(wrong).toEqual([]);
  });

  it('give the same people the same values, and new values to every cell of a group when anyone in it changes', () => {
    expect(talentStatsFrom(sample, released)).toEqual(
      talentStatsFrom(cells({ ...Object.fromEntries([...sample].map(([n, c]) => [n, c.count])) }), released),
    );
    // One more person in the group, not in the cell: the cell's key changes all the same.
    const keysOfCell = new Set(Array.from({ length: recordKeyRange }, (_, newKey) => cellKey(100, 200 + newKey)));
    expect(keysOfCell.size).toBeGreaterThan(recordKeyRange / 2);
  });

  it('perturb large counts by at most 2, unbiased, and leave about 40% unchanged', () => {
    const noise = Array.from({ length: recordKeyRange }, (_, key) => perturbedCount(50, key) - 50);
    expect(noise.reduce((sum, value) => sum + value, 0)).toBe(0);
    expect(noise.filter((value) => value === 0).length / recordKeyRange).toBeCloseTo(0.4, 1);
  });
});

describe('the schedule of releases', () => {
  it('waits until the next configured time of day, in UTC', () => {
    const at = (time: string) => new Date(`2026-01-01T${time}Z`);
    expect(untilNextRelease([180], at('02:30:00'))).toBe(30 * 60_000);
    expect(untilNextRelease([180, 900], at('03:00:00'))).toBe(12 * 3600_000);
    expect(untilNextRelease([180], at('23:59:30'))).toBe(3 * 3600_000 + 30_000);
  });

  it('reads FIGURE_RELEASE_TIMES once, refusing a time that is not HH:MM', () => {
    expect(humanCapital.configFrom({}).figureReleaseTimes).toEqual([180]);
    expect(humanCapital.configFrom({ FIGURE_RELEASE_TIMES: '15:00, 03:00' }).figureReleaseTimes).toEqual([180, 900]);
    expect(humanCapital.configFrom({ FIGURE_RELEASE_TIMES: 'off' }).figureReleaseTimes).toEqual([]);
    expect(() => humanCapital.configFrom({ FIGURE_RELEASE_TIMES: '25:00' })).toThrow(/FIGURE_RELEASE_TIMES/);
  });
});

describe('career rules', () => {
  const check = (person: { stage: 'PHD_CANDIDATE' | 'POSTDOC' | 'GRADUATED' | 'LEFT'; startYear: number; endYear: number | null }) => {
    const errors = new UserErrors();
    checkCareer(errors, person, 2026);
    const told = errors.list().map(({ field, code }) => `${field.join('.')}:${code}`);
    // The one-error rule for callers who may not read the person agrees on the end year (a stored start year is not theirs to check).
    expect(fitsCareer(person, 2026)).toBe(!told.some((error) => error.startsWith('input.endYear')));
    return told;
  };

  it('accept a consistent career', () => {
    expect(check({ stage: 'GRADUATED', startYear: 2019, endYear: 2023 })).toEqual([]);
    expect(check({ stage: 'PHD_CANDIDATE', startYear: 2027, endYear: null })).toEqual([]);
  });

  it('refuse years that do not fit the stage', () => {
    expect(check({ stage: 'GRADUATED', startYear: 2019, endYear: null })).toEqual(['input.endYear:INVALID']);
    expect(check({ stage: 'POSTDOC', startYear: 2019, endYear: 2022 })).toEqual(['input.endYear:INVALID']);
    expect(check({ stage: 'LEFT', startYear: 2019, endYear: 2027 })).toEqual(['input.endYear:OUT_OF_RANGE']);
    expect(check({ stage: 'PHD_CANDIDATE', startYear: 1999, endYear: null })).toEqual(['input.startYear:OUT_OF_RANGE']);
  });
});

describe('the input of a talentUpdate, checked before the stored person', () => {
  const check = (change: CareerChange) => {
    const errors = new UserErrors();
    checkCareerChange(errors, change, 2026);
    return errors.list().map(({ field, code }) => `${field.join('.')}:${code}`);
  };

  it('accept a stage with its end year, or an end year alone', () => {
    expect(check({ stage: 'GRADUATED', endYear: 2024 })).toEqual([]);
    expect(check({ stage: 'POSTDOC', endYear: null })).toEqual([]);
    expect(check({ endYear: 2024 })).toEqual([]);
  });

  it('refuse an input that leaves the outcome to the stored person', () => {
    expect(check({})).toEqual(['input:INVALID']);
    expect(check({ stage: 'LEFT' })).toEqual(['input.endYear:INVALID']);
    expect(check({ stage: 'POSTDOC' })).toEqual(['input.endYear:INVALID']);
    expect(check({ endYear: null })).toEqual(['input.endYear:INVALID']);
    expect(check({ stage: 'GRADUATED', endYear: null })).toEqual(['input.endYear:INVALID']);
    expect(check({ stage: 'PHD_CANDIDATE', endYear: 2024 })).toEqual(['input.endYear:INVALID']);
    expect(check({ endYear: 2027 })).toEqual(['input.endYear:OUT_OF_RANGE']);
    expect(check({ stage: 'LEFT', endYear: 1999 })).toEqual(['input.endYear:OUT_OF_RANGE']);
  });
});

describe('configuration', () => {
  it('listens on 127.0.0.1 unless told otherwise', () => {
    expect(humanCapital.configFrom({}).host).toBe('127.0.0.1');
    expect(humanCapital.configFrom({ HUMAN_CAPITAL_HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('needs its secrets in production, naming each', () => {
    expect(() => humanCapital.configFrom({ NODE_ENV: 'production' })).toThrow(
      /AUTH_JWT_SECRET or AUTH_JWKS_URL: required in production[\s\S]*HUMAN_CAPITAL_SUBGRAPH_SECRET: required in production/,
    );
  });
});
