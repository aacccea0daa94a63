import { graphql, testDialects, tokenWith, userErrorCodes, expectRefused } from '@nlai/testing';
import { nowhere, startHumanCapital, useSubgraphs } from './start';

const writer = tokenWith('human-capital:write', 'talent:read');
const blindWriter = tokenWith('human-capital:write');
const thisYear = new Date().getUTCFullYear();

const talentRegister = `mutation($input: TalentRegisterInput!) { talentRegister(input: $input) {
  talent { id stage origin startYear endYear lab { id } } userErrors { field code message } } }`;
const talentUpdate = `mutation($input: TalentUpdateInput!) { talentUpdate(input: $input) {
  change { id stage endYear } userErrors { field code message } } }`;

type Person = { id: string; stage: string; origin: string; startYear: number; endYear: number | null };

describe.each(testDialects())('the rules of talentRegister and talentUpdate (%s)', (dialect) => {
  const subgraphs = useSubgraphs(dialect, 'hc-talent');
  const mutate = <Data>(query: string, input: Record<string, unknown>, token = writer) =>
    graphql<Data>(subgraphs().humanCapital.url, query, { token, variables: { input } });
  const talentRows = async () => Number((await subgraphs().humanCapital.dataSource.query('SELECT COUNT(*) AS n FROM talent'))[0].n);
  const stored = async (id: string) =>
    (
      await graphql<{ talent: Person | null }>(
        subgraphs().humanCapital.url,
        'query($id: ID!) { talent(id: $id) { id stage origin startYear endYear } }',
        {
          token: writer,
          variables: { id },
        },
      )
    ).data!.talent;
  const register = async (input: Record<string, unknown>) => {
    const result = await mutate<{ talentRegister: { talent: Person } }>(talentRegister, {
      labId: 'quva-lab',
      stage: 'PHD_CANDIDATE',
      origin: 'DOMESTIC',
      startYear: 2021,
      ...input,
    });
    expect(userErrorCodes(result)).toEqual([]);
    return result.data!.talentRegister.talent.id;
  };

  describe('talentRegister', () => {
    it('registers a person in a lab of Research & Innovation, with a pseudonymous id, readable at once', async () => {
      const result = await mutate<{ talentRegister: { talent: Person & { lab: { id: string } } } }>(talentRegister, {
        labId: ' airlab-delft ',
        stage: 'GRADUATED',
        origin: 'INTERNATIONAL',
        startYear: 2019,
        endYear: 2023,
      });
      expect(userErrorCodes(result)).toEqual([]);
      const talent = result.data!.talentRegister.talent;
      expect(talent).toEqual({
        id: expect.stringMatching(/^t-[0-9a-z]{12}$/),
        stage: 'GRADUATED',
        origin: 'INTERNATIONAL',
        startYear: 2019,
        endYear: 2023,
        lab: { id: 'airlab-delft' },
      });
      expect(await stored(talent.id)).toEqual({
        id: talent.id,
        stage: 'GRADUATED',
        origin: 'INTERNATIONAL',
        startYear: 2019,
        endYear: 2023,
      });
    });

    it('takes a start year of next year, the year the lab started, and a lab in development without a start year', async () => {
      await register({ startYear: thisYear + 1 });
      await register({ labId: 'mercury-machine-learning-lab', startYear: 2021 });
      await register({ labId: 'brightlands-smart-health-lab', startYear: 2000 });
    });

    it.each<[string, Record<string, unknown>, string[]]>([
      ['a lab that does not exist', { labId: 'no-such-lab' }, ['input.labId:NOT_FOUND']],
      ['an empty lab id', { labId: '  ' }, ['input.labId:BLANK']],
      ['a start year before the lab started', { labId: 'mercury-machine-learning-lab', startYear: 2020 }, ['input.startYear:OUT_OF_RANGE']],
      ['a start year before 2000', { startYear: 1999 }, ['input.startYear:OUT_OF_RANGE']],
      ['a start year after next year', { startYear: thisYear + 2 }, ['input.startYear:OUT_OF_RANGE']],
      ['a graduate without an end year', { stage: 'GRADUATED' }, ['input.endYear:INVALID']],
      ['someone who left without an end year', { stage: 'LEFT' }, ['input.endYear:INVALID']],
      ['an end year for a PhD candidate', { endYear: 2024 }, ['input.endYear:INVALID']],
      ['an end year for a postdoc', { stage: 'POSTDOC', endYear: 2024 }, ['input.endYear:INVALID']],
      ['an end year before the start', { stage: 'LEFT', endYear: 2020 }, ['input.endYear:OUT_OF_RANGE']],
      ['an end year in the future', { stage: 'GRADUATED', endYear: thisYear + 1 }, ['input.endYear:OUT_OF_RANGE']],
      [
        'several mistakes at once',
        { labId: 'no-such-lab', stage: 'GRADUATED', startYear: 1990 },
        ['input.startYear:OUT_OF_RANGE', 'input.endYear:INVALID', 'input.labId:NOT_FOUND'],
      ],
    ])('refuses %s, writing nothing', async (_name, change, expected) => {
      const before = await talentRows();
      const result = await mutate<{ talentRegister: { talent: unknown; userErrors: Array<{ message: string }> } }>(talentRegister, {
        labId: 'quva-lab',
        stage: 'PHD_CANDIDATE',
        origin: 'DOMESTIC',
        startYear: 2022,
        ...change,
      });
      expectRefused(result, expected);
      expect(await talentRows()).toBe(before);
    });

    it('refuses with UPSTREAM_UNAVAILABLE, writing nothing, when the labs cannot be reached', async () => {
      const cutOff = await startHumanCapital(subgraphs().database, nowhere);
      try {
        const before = await talentRows();
        const result = await graphql(cutOff.url, talentRegister, {
          token: writer,
          variables: { input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2022 } },
        });
        expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
        expect(result.data).toEqual({ talentRegister: null });
        expect(await talentRows()).toBe(before);
        // Reads need no reference check.
        const people = await graphql(cutOff.url, '{ talents(first: 0) { totalCount } }', { token: writer });
        expect(people.data).toEqual({ talents: { totalCount: before } });
      } finally {
        await cutOff.close();
      }
    });
  });

  describe('talentUpdate', () => {
    it('records a graduation with its end year, then a corrected end year alone, then a return to the lab', async () => {
      const id = await register({ startYear: 2019 });
      const graduated = await mutate<{ talentUpdate: { change: unknown } }>(talentUpdate, { id, stage: 'GRADUATED', endYear: 2023 });
      expect(userErrorCodes(graduated)).toEqual([]);
      expect(graduated.data!.talentUpdate.change).toEqual({ id, stage: 'GRADUATED', endYear: 2023 });
      expect(await stored(id)).toMatchObject({ stage: 'GRADUATED', endYear: 2023 });
      const corrected = await mutate<{ talentUpdate: { change: unknown } }>(talentUpdate, { id, endYear: 2024 });
      expect(corrected.data!.talentUpdate.change).toEqual({ id, stage: null, endYear: 2024 });
      const back = await mutate<{ talentUpdate: { change: unknown } }>(talentUpdate, { id, stage: 'POSTDOC', endYear: null });
      expect(back.data!.talentUpdate.change).toEqual({ id, stage: 'POSTDOC', endYear: null });
      expect(await stored(id)).toMatchObject({ stage: 'POSTDOC', endYear: null });
    });

    it.each<[string, Record<string, unknown>, string[]]>([
      ['nothing to change', {}, ['input:INVALID']],
      ['a stage without its end year', { stage: 'POSTDOC' }, ['input.endYear:INVALID']],
      ['a cleared end year without a stage', { endYear: null }, ['input.endYear:INVALID']],
      ['a graduate without an end year', { stage: 'GRADUATED', endYear: null }, ['input.endYear:INVALID']],
      ['a PhD candidate with an end year', { stage: 'PHD_CANDIDATE', endYear: 2024 }, ['input.endYear:INVALID']],
      ['an end year in the future', { stage: 'GRADUATED', endYear: thisYear + 1 }, ['input.endYear:OUT_OF_RANGE']],
      ['an end year before 2000', { stage: 'LEFT', endYear: 1999 }, ['input.endYear:OUT_OF_RANGE']],
      ['an end year before the person joined', { stage: 'GRADUATED', endYear: 2020 }, ['input.endYear:OUT_OF_RANGE']],
      ['an end year alone for someone still in the lab', { endYear: 2023 }, ['input.endYear:INVALID']],
    ])('refuses %s, changing nothing', async (_name, change, expected) => {
      const id = await register({ startYear: 2021 });
      const result = await mutate<{ talentUpdate: { change: unknown } }>(talentUpdate, { id, ...change });
      expect(userErrorCodes(result)).toEqual(expected);
      expect(result.data!.talentUpdate.change).toBeNull();
      expect(await stored(id)).toMatchObject({ stage: 'PHD_CANDIDATE', endYear: null });
    });

    it('refuses a person that does not exist', async () => {
      expect(userErrorCodes(await mutate(talentUpdate, { id: 't-nobody', stage: 'LEFT', endYear: 2024 }))).toEqual(['input.id:NOT_FOUND']);
    });

    it('tells a writer without talent:read that a change does not fit, never the person’s stage or years', async () => {
      const id = await register({ startYear: 2021 });
      for (const change of [{ endYear: 2023 }, { stage: 'GRADUATED', endYear: 2001 }]) {
        const result = await mutate<{ talentUpdate: { userErrors: Array<{ message: string }> } }>(
          talentUpdate,
          { id, ...change },
          blindWriter,
        );
        expect(userErrorCodes(result)).toEqual(['input.endYear:INVALID']);
        expect(JSON.stringify(result.data)).not.toMatch(/PHD_CANDIDATE|2021/);
      }
      expect(await stored(id)).toMatchObject({ stage: 'PHD_CANDIDATE', endYear: null });
      // With talent:read the same change is told in full.
      expect(userErrorCodes(await mutate(talentUpdate, { id, stage: 'GRADUATED', endYear: 2001 }))).toEqual(['input.endYear:OUT_OF_RANGE']);
    });

    it('gives a writer without talent:read the same refusal for a person in the lab and a graduate', async () => {
      const inLab = await register({ stage: 'PHD_CANDIDATE' });
      const graduate = await register({ stage: 'GRADUATED', endYear: 2024 });
      const refusal = async (id: string, endYear: number) =>
        (await mutate<{ talentUpdate: { userErrors: unknown[] } }>(talentUpdate, { id, endYear }, blindWriter)).data!.talentUpdate
          .userErrors;
      for (const endYear of [thisYear + 1, 2005]) {
        const [a, b] = [await refusal(inLab, endYear), await refusal(graduate, endYear)];
        expect(a).toHaveLength(1);
        expect(a).toEqual(b);
      }
      expect(await stored(inLab)).toMatchObject({ endYear: null });
      expect(await stored(graduate)).toMatchObject({ endYear: 2024 });
    });

    it('lets a writer without talent:read make a change that fits', async () => {
      const id = await register({ startYear: 2020 });
      const result = await mutate<{ talentUpdate: { change: unknown } }>(talentUpdate, { id, stage: 'LEFT', endYear: 2022 }, blindWriter);
      expect(userErrorCodes(result)).toEqual([]);
      expect(result.data!.talentUpdate.change).toEqual({ id, stage: 'LEFT', endYear: 2022 });
      expect(await stored(id)).toMatchObject({ stage: 'LEFT', endYear: 2022 });
    });
  });
});
