import { graphql, testDialects, tokenWith, userErrorCodes, expectRefused } from '@nlai/testing';
import { nowhere, startHumanCapital, useSubgraphs } from './start';

const writer = tokenWith('human-capital:write', 'talent:read');
const blindWriter = tokenWith('human-capital:write');
const thisYear = new Date().getUTCFullYear();

const placementRecord = `mutation($input: PlacementRecordInput!) { placementRecord(input: $input) {
  placement { id country sector startYear endYear organisation { id } } userErrors { field code message } } }`;

describe.each(testDialects())('the rules of placementRecord (%s)', (dialect) => {
  const subgraphs = useSubgraphs(dialect, 'hc-placements');
  const mutate = <Data>(input: Record<string, unknown>, token = writer) =>
    graphql<Data>(subgraphs().humanCapital.url, placementRecord, { token, variables: { input } });
  const placementRows = async () => Number((await subgraphs().humanCapital.dataSource.query('SELECT COUNT(*) AS n FROM placement'))[0].n);
  /** A new person in quva-lab who joined in 2021. */
  const newcomer = async () => {
    const result = await graphql<{ talentRegister: { talent: { id: string } } }>(
      subgraphs().humanCapital.url,
      'mutation($input: TalentRegisterInput!) { talentRegister(input: $input) { talent { id } userErrors { code } } }',
      {
        token: writer,
        variables: { input: { labId: 'quva-lab', stage: 'GRADUATED', origin: 'DOMESTIC', startYear: 2021, endYear: 2024 } },
      },
    );
    expect(userErrorCodes(result)).toEqual([]);
    return result.data!.talentRegister.talent.id;
  };
  const placementsOf = async (id: string) =>
    (
      await graphql<{ talent: { placements: Array<{ id: string }> } }>(
        subgraphs().humanCapital.url,
        'query($id: ID!) { talent(id: $id) { placements { id } } }',
        {
          token: writer,
          variables: { id },
        },
      )
    ).data!.talent.placements;

  it('records a job at an organisation of Research & Innovation, with the country in upper case and the organisation’s kind', async () => {
    const talentId = await newcomer();
    const result = await mutate<{ placementRecord: { placement: { id: string } } }>({
      talentId,
      organisationId: ' ahold-delhaize ',
      country: ' nl ',
      startYear: 2024,
      endYear: thisYear,
      sector: ' retail ',
    });
    expect(userErrorCodes(result)).toEqual([]);
    expect(result.data!.placementRecord.placement).toEqual({
      id: expect.stringMatching(/^p-/),
      country: 'NL',
      sector: 'retail',
      startYear: 2024,
      endYear: thisYear,
      organisation: { id: 'ahold-delhaize' },
    });
    expect(await placementsOf(talentId)).toEqual([{ id: result.data!.placementRecord.placement.id }]);
    const [row] = await subgraphs().humanCapital.dataSource.query('SELECT organisation_kind FROM placement WHERE id = ?', [
      result.data!.placementRecord.placement.id,
    ]);
    expect(row.organisation_kind).toBe('COMPANY');
  });

  it('takes a job without a sector (an empty one is none), one starting the year the person joined, and one next year', async () => {
    const talentId = await newcomer();
    for (const input of [
      { sector: '  ', startYear: 2021 },
      { sector: null, startYear: thisYear + 1 },
      { sector: 's'.repeat(80), startYear: 2022 },
    ]) {
      const result = await mutate<{ placementRecord: { placement: { sector: string | null } } }>({
        talentId,
        organisationId: 'ing',
        country: 'NL',
        ...input,
      });
      expect(userErrorCodes(result)).toEqual([]);
      expect(result.data!.placementRecord.placement.sector).toBe(input.sector?.trim() || null);
    }
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a country code that is not ISO 3166-1 alpha-2', { country: 'XX' }, ['input.country:INVALID']],
    ['a country name instead of a code', { country: 'Netherlands' }, ['input.country:INVALID']],
    ['a sector over 80 characters', { sector: 's'.repeat(81) }, ['input.sector:TOO_LONG']],
    ['an organisation that does not exist', { organisationId: 'no-such-organisation' }, ['input.organisationId:NOT_FOUND']],
    ['an empty organisation id', { organisationId: ' ' }, ['input.organisationId:BLANK']],
    ['a person that does not exist', { talentId: 't-doesnotexist' }, ['input.talentId:NOT_FOUND']],
    ['a start year before the person joined the lab', { startYear: 2020 }, ['input.startYear:OUT_OF_RANGE']],
    ['a start year before 2000', { startYear: 1999 }, ['input.startYear:OUT_OF_RANGE']],
    ['a start year after next year', { startYear: thisYear + 2 }, ['input.startYear:OUT_OF_RANGE']],
    ['an end year before the start year', { startYear: 2023, endYear: 2022 }, ['input.endYear:OUT_OF_RANGE']],
    ['an end year in the future', { endYear: thisYear + 1 }, ['input.endYear:OUT_OF_RANGE']],
    [
      'several mistakes at once',
      { country: 'XX', organisationId: 'nobody', startYear: 1990, talentId: 't-nobody' },
      ['input.country:INVALID', 'input.organisationId:NOT_FOUND', 'input.startYear:OUT_OF_RANGE', 'input.talentId:NOT_FOUND'],
    ],
  ])('refuses %s, writing nothing', async (_name, change, expected) => {
    const talentId = await newcomer();
    const before = await placementRows();
    const result = await mutate<{ placementRecord: { placement: unknown; userErrors: Array<{ message: string }> } }>({
      talentId,
      organisationId: 'ing',
      country: 'NL',
      startYear: 2022,
      ...change,
    });
    expectRefused(result, expected);
    expect(await placementRows()).toBe(before);
  });

  it('tells a writer with talent:read the year the person joined, and one without it only the rule', async () => {
    const talentId = await newcomer();
    const input = { talentId, organisationId: 'uva', country: 'NL', startYear: 2005 };
    const told = await mutate<{ placementRecord: { userErrors: Array<{ message: string }> } }>(input);
    expect(userErrorCodes(told)).toEqual(['input.startYear:OUT_OF_RANGE']);
    expect(told.data!.placementRecord.userErrors[0]!.message).toContain('2021');
    const blind = await mutate<{ placementRecord: { userErrors: Array<{ message: string }> } }>(input, blindWriter);
    expect(userErrorCodes(blind)).toEqual(['input.startYear:OUT_OF_RANGE']);
    expect(JSON.stringify(blind.data)).not.toContain('2021');
  });

  it('lets a writer without talent:read learn nothing from a write refused for its input: any start year beside a bad country gives the same answer', async () => {
    const talentId = await newcomer();
    const answers = await Promise.all(
      [2005, 2020, 2021, 2024].map(
        async (startYear) =>
          (
            await mutate<{ placementRecord: { userErrors: unknown[] } }>(
              { talentId, organisationId: 'uva', country: 'XX', startYear },
              blindWriter,
            )
          ).data!.placementRecord.userErrors,
      ),
    );
    expect(answers[0]).toHaveLength(1);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await placementsOf(talentId)).toEqual([]);
  });

  it('refuses with UPSTREAM_UNAVAILABLE, writing nothing, when the organisations cannot be reached', async () => {
    const talentId = await newcomer();
    const cutOff = await startHumanCapital(subgraphs().database, nowhere);
    try {
      const before = await placementRows();
      const result = await graphql(cutOff.url, placementRecord, {
        token: writer,
        variables: { input: { talentId, organisationId: 'ing', country: 'NL', startYear: 2022 } },
      });
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(await placementRows()).toBe(before);
    } finally {
      await cutOff.close();
    }
  });
});
