import { anonymous, type AuthContext } from '@nlai/auth';
import { UserErrors } from '@nlai/errors';
import { createTestDatabase, graphql, pendingSchemaChanges, type TestDatabase, testDialects, tokenWith } from '@nlai/testing';
import { configFrom } from '../src/config';
import { sampleTalent } from '../src/seed/sample-data';
import { createServer, type HumanCapitalServer } from '../src/server';
import { checkCareer, checkCareerChange, fitsCareer, type CareerChange } from '../src/services/career-rules';
import type { TalentFigures } from '../src/repositories';
import { protectCells, publishTalentStats } from '../src/services/talent-stats';

const labEntities = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Lab { id talentStats { total graduated retainedInNetherlands } talent(first: 2) { totalCount edges { node { id placements { country } } } } }
} }`;

describe.each(testDialects())('the Human Capital subgraph on its own (%s)', (dialect) => {
  let database: TestDatabase;
  let server: HumanCapitalServer;

  beforeAll(async () => {
    database = await createTestDatabase(dialect, 'hc-unit');
    server = await createServer(
      configFrom({
        HUMAN_CAPITAL_PORT: '0',
        HUMAN_CAPITAL_DATABASE_URL: database.url,
        HUMAN_CAPITAL_SQLITE_FILE: database.sqliteFile,
        EXPOSE_SQL_STATEMENT_COUNT: 'true',
        LOG_LEVEL: 'silent',
      }),
    );
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('builds its schema from its migrations alone, matching its entities exactly', async () => {
    expect(await pendingSchemaChanges(server.dataSource)).toEqual([]);
  });

  it('seeds the generated sample people and their placements', async () => {
    const { talents, placements } = sampleTalent();
    const [{ n: people }] = await server.dataSource.query('SELECT COUNT(*) AS n FROM talent');
    const [{ n: jobs }] = await server.dataSource.query('SELECT COUNT(*) AS n FROM placement');
    expect([Number(people), Number(jobs)]).toEqual([talents.length, placements.length]);
  });

  it('resolves the talent of 2 or 20 labs with the same number of SQL statements', async () => {
    const labIds: string[] = (await server.dataSource.query('SELECT DISTINCT lab_id FROM talent ORDER BY lab_id')).map(
      (row: { lab_id: string }) => row.lab_id,
    );
    expect(labIds).toHaveLength(20);
    const statementsFor = async (ids: string[]) => {
      const result = await graphql(server.url, labEntities, {
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
    const vacancies: Array<{ id: string; posted_year: number; theme: string }> = await server.dataSource.query(
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
      const result = await graphql<{ _entities: Array<{ matchingVacancies: Array<{ id: string }> }> }>(server.url, query, {
        variables: { first, representations: themeSets.map((themes, index) => ({ __typename: 'Lab', id: `lab-${index}`, themes })) },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities.map((lab) => lab.matchingVacancies.map((vacancy) => vacancy.id))).toEqual(
        themeSets.map((themes) => expected(themes, first)),
      );
    }
    // The cut is really exercised: several themes, each with more than `first` matches between them.
    expect(themeSets.map((themes) => expected(themes, 10).length)).toEqual([3, 5, 8]);
    const tooMany = await graphql(server.url, query, {
      variables: { first: 101, representations: [{ __typename: 'Lab', id: 'x', themes: ['health'] }] },
    });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_EXCEEDED');
  });

  it('gives an unknown lab empty figures rather than an error', async () => {
    const result = await graphql<{ _entities: unknown[] }>(server.url, labEntities, {
      token: tokenWith('talent:read'),
      variables: { representations: [{ __typename: 'Lab', id: 'no-such-lab' }] },
    });
    expect(result.data!._entities).toEqual([
      { id: 'no-such-lab', talentStats: { total: 0, graduated: 0, retainedInNetherlands: 0 }, talent: { totalCount: 0, edges: [] } },
    ]);
  });

  it('lists courses by kind and sector, national course first', async () => {
    const result = await graphql<{ courses: Array<{ kind: string }>; health: Array<{ title: string }> }>(
      server.url,
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
  const reader: AuthContext = { subject: 'analyst', authenticated: true, scopes: new Set(['talent:read']) };
  const figures = (overrides: Partial<TalentFigures>): TalentFigures => ({
    total: 40,
    phdCandidates: 20,
    graduated: 15,
    retainedInNetherlands: 10,
    international: 18,
    placementsBySector: [],
    placementsByOrganisationKind: [],
    ...overrides,
  });

  it('are exact for a caller with talent:read', () => {
    expect(publishTalentStats(figures({ graduated: 3 }), reader, 5)).toMatchObject({
      total: 40,
      phdCandidates: 20,
      graduated: 3,
      retainedInNetherlands: 10,
      international: 18,
      internationalShare: 0.45,
    });
  });

  it('show the total always, and figures of at least the threshold', () => {
    expect(publishTalentStats(figures({}), anonymous, 5)).toMatchObject({
      total: 40,
      phdCandidates: 20,
      graduated: 15,
      retainedInNetherlands: 10,
      international: 18,
      internationalShare: 0.45,
    });
    expect(
      publishTalentStats(figures({ total: 3, phdCandidates: 3, graduated: 0, retainedInNetherlands: 0, international: 1 }), anonymous, 5),
    ).toMatchObject({
      total: 3,
      phdCandidates: null,
      graduated: null,
      retainedInNetherlands: null,
      international: null,
      internationalShare: null,
    });
  });

  it('hide a figure from which a small one could be worked out by subtraction', () => {
    // 40 people: 20 candidates, 17 graduates, so 3 others (postdocs, leavers): showing both would reveal the 3.
    expect(publishTalentStats(figures({ graduated: 17 }), anonymous, 5)).toMatchObject({ phdCandidates: 20, graduated: null });
    // 15 graduates of whom 13 stayed: 2 left the country.
    expect(publishTalentStats(figures({ retainedInNetherlands: 13 }), anonymous, 5)).toMatchObject({
      graduated: 15,
      retainedInNetherlands: null,
    });
    // 38 of 40 international: 2 domestic.
    expect(publishTalentStats(figures({ international: 38 }), anonymous, 5)).toMatchObject({
      international: null,
      internationalShare: null,
    });
    // Sectors 12, 9, 3: the 3 hidden, and the 9 too, or 3 = total - 12 - 9.
    const sectors = publishTalentStats(
      figures({
        placementsBySector: [
          { sector: 'health', placements: 12 },
          { sector: 'finance', placements: 9 },
          { sector: 'retail', placements: 3 },
        ],
      }),
      anonymous,
      5,
    ).placementsBySector;
    expect(sectors).toEqual([
      { sector: 'health', placements: 12 },
      { sector: 'finance', placements: null },
      { sector: 'retail', placements: null },
    ]);
  });

  it('protect cells so that hidden ones are at least two and add up to the threshold', () => {
    expect(protectCells([10, 10, 10], 5)).toEqual([false, false, false]);
    expect(protectCells([10, 10, 1], 5)).toEqual([true, false, true]);
    expect(protectCells([10, 2, 1, 1], 5)).toEqual([true, true, true, true]);
    expect(protectCells([20, 6, 1, 1], 5)).toEqual([false, true, true, true]);
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
    expect(configFrom({}).host).toBe('127.0.0.1');
    expect(configFrom({ HUMAN_CAPITAL_HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('needs its secrets in production, naming each', () => {
    expect(() => configFrom({ NODE_ENV: 'production' })).toThrow(
      /AUTH_JWT_SECRET or AUTH_JWKS_URL: required in production[\s\S]*HUMAN_CAPITAL_SUBGRAPH_SECRET: required in production/,
    );
  });
});
