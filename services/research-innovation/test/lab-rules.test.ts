import { graphql, testDialects, tokenWith, userErrorCodes, expectRefused } from '@nlai/testing';
import { useResearchInnovation } from './start';

const writer = tokenWith('research-innovation:write');
const thisYear = new Date().getUTCFullYear();

const labCreate = `mutation($input: LabCreateInput!) { labCreate(input: $input) {
  lab { id name status startYear endYear themes location { city } partners { role startYear endYear organisation { id } } }
  userErrors { field code message } } }`;
const labUpdate = `mutation($input: LabUpdateInput!) { labUpdate(input: $input) {
  lab { id name status startYear endYear themes location { city } } userErrors { field code message } } }`;

type Lab = { id: string; name: string; status: string; startYear: number | null; endYear: number | null; themes: string[] };

describe.each(testDialects())('the rules of labCreate and labUpdate (%s)', (dialect) => {
  const server = useResearchInnovation(dialect, 'ri-labs');
  const mutate = <Data>(query: string, input: Record<string, unknown>) =>
    graphql<Data>(server().url, query, { token: writer, variables: { input } });
  /** Every row a lab write touches, so a refused write can be shown to leave nothing behind. */
  const rows = async () => {
    const count = async (table: string) => Number((await server().dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    return { labs: await count('lab'), themes: await count('lab_theme'), partnerships: await count('partnership') };
  };
  const stored = async (id: string) =>
    (
      await graphql<{ lab: Lab | null }>(server().url, 'query($id: ID!) { lab(id: $id) { id name status startYear endYear themes } }', {
        variables: { id },
      })
    ).data!.lab;

  describe('labCreate', () => {
    it('creates a lab in an existing city, in any letter case, with its partners, listed right away', async () => {
      const result = await mutate<{ labCreate: { lab: unknown } }>(labCreate, {
        name: '  Tilburg language AI lab  ',
        status: 'ACTIVE',
        city: ' TILBURG ',
        themes: ['language', ' Language ', 'ethics'],
        startYear: thisYear - 1,
        partners: [
          { organisationId: 'kpn', role: 'EXTERNAL_PARTNER' },
          { organisationId: 'tilburg-university', role: 'KNOWLEDGE_PARTNER' },
        ],
      });
      expect(userErrorCodes(result)).toEqual([]);
      expect(result.data!.labCreate.lab).toEqual({
        id: 'tilburg-language-ai-lab',
        name: 'Tilburg language AI lab',
        status: 'ACTIVE',
        startYear: thisYear - 1,
        endYear: null,
        themes: ['language', 'ethics'],
        location: { city: 'Tilburg' },
        partners: [
          { role: 'KNOWLEDGE_PARTNER', startYear: thisYear - 1, endYear: null, organisation: { id: 'tilburg-university' } },
          { role: 'EXTERNAL_PARTNER', startYear: thisYear - 1, endYear: null, organisation: { id: 'kpn' } },
        ],
      });
      const listed = await graphql<{ labs: { edges: Array<{ node: { id: string } }> } }>(
        server().url,
        '{ labs(first: 100, filter: { city: "tilburg", theme: "ETHICS", partnerId: "kpn" }) { edges { node { id } } } }',
      );
      expect(listed.data!.labs.edges.map((edge) => edge.node.id)).toEqual(['tilburg-language-ai-lab']);
    });

    it('gives a lab whose name makes a taken id the next free number', async () => {
      const ids = [];
      for (const name of ['Numbered lab', 'Numbered lab!', 'Numbered-lab']) {
        const result = await mutate<{ labCreate: { lab: { id: string } } }>(labCreate, {
          name,
          status: 'IN_DEVELOPMENT',
          city: 'Delft',
          themes: ['ids'],
        });
        expect(userErrorCodes(result)).toEqual([]);
        ids.push(result.data!.labCreate.lab.id);
      }
      expect(ids).toEqual(['numbered-lab', 'numbered-lab-2', 'numbered-lab-3']);
    });

    it('takes the longest name, the most themes and the longest theme allowed, and an ended lab with its end year', async () => {
      const result = await mutate<{ labCreate: { lab: Lab } }>(labCreate, {
        name: `Long ${'n'.repeat(195)}`,
        status: 'ENDED',
        city: 'Delft',
        themes: [...Array.from({ length: 19 }, (_, index) => `theme ${index}`), 't'.repeat(80)],
        startYear: 2000,
        endYear: thisYear,
      });
      expect(userErrorCodes(result)).toEqual([]);
      expect(result.data!.labCreate.lab).toMatchObject({ status: 'ENDED', startYear: 2000, endYear: thisYear });
      expect(result.data!.labCreate.lab.name).toHaveLength(200);
      expect(result.data!.labCreate.lab.themes).toHaveLength(20);
    });

    it('takes a lab in development that starts within five years, and one without a start year', async () => {
      for (const startYear of [thisYear + 5, null]) {
        const result = await mutate(labCreate, {
          name: `Planned lab ${startYear}`,
          status: 'IN_DEVELOPMENT',
          city: 'Utrecht',
          themes: ['plans'],
          startYear,
        });
        expect(userErrorCodes(result)).toEqual([]);
      }
    });

    const valid = { name: 'A valid new lab', status: 'ACTIVE', city: 'Delft', themes: ['robotics'], startYear: 2021 };
    it.each<[string, Record<string, unknown>, string[]]>([
      ['an empty name', { name: '   ' }, ['input.name:BLANK']],
      ['a name over 200 characters', { name: 'n'.repeat(201) }, ['input.name:TOO_LONG']],
      ['a name taken by another lab, in another letter case and with spaces', { name: ' quva LAB ' }, ['input.name:TAKEN']],
      ['an empty city', { city: ' ' }, ['input.city:BLANK']],
      ['a city over 100 characters', { city: 'c'.repeat(101) }, ['input.city:TOO_LONG']],
      ['a city that is not a location of the network', { city: 'Groningen' }, ['input.city:NOT_FOUND']],
      ['no themes', { themes: [] }, ['input.themes:BLANK']],
      ['an empty theme', { themes: ['robotics', '  '] }, ['input.themes.1:BLANK']],
      ['a theme over 80 characters', { themes: ['t'.repeat(81)] }, ['input.themes.0:TOO_LONG']],
      ['more than twenty themes', { themes: Array.from({ length: 21 }, (_, index) => `theme ${index}`) }, ['input.themes:INVALID']],
      ['a start year before 2000', { startYear: 1999 }, ['input.startYear:OUT_OF_RANGE']],
      [
        'a start year more than five years ahead, even in development',
        { status: 'IN_DEVELOPMENT', startYear: thisYear + 6 },
        ['input.startYear:OUT_OF_RANGE'],
      ],
      ['an active lab that starts next year', { startYear: thisYear + 1 }, ['input.startYear:OUT_OF_RANGE']],
      ['an ended lab that starts next year', { status: 'ENDED', startYear: thisYear + 1 }, ['input.startYear:OUT_OF_RANGE']],
      ['an end year for a lab that has not ended', { endYear: thisYear }, ['input.endYear:INVALID']],
      ['an end year before the start year', { status: 'ENDED', startYear: 2020, endYear: 2019 }, ['input.endYear:OUT_OF_RANGE']],
      ['an end year in the future', { status: 'ENDED', endYear: thisYear + 1 }, ['input.endYear:OUT_OF_RANGE']],
      [
        'an end year before 2000 for a lab without a start year',
        { status: 'ENDED', startYear: null, endYear: 1999 },
        ['input.endYear:OUT_OF_RANGE'],
      ],
      [
        'a partner that does not exist',
        { partners: [{ organisationId: 'no-such-organisation', role: 'EXTERNAL_PARTNER' }] },
        ['input.partners.0.organisationId:NOT_FOUND'],
      ],
      [
        'a partner listed twice',
        {
          partners: [
            { organisationId: 'kpn', role: 'EXTERNAL_PARTNER' },
            { organisationId: 'kpn', role: 'KNOWLEDGE_PARTNER' },
          ],
        },
        ['input.partners.1.organisationId:INVALID'],
      ],
      [
        'several mistakes at once',
        { name: '', city: 'Atlantis', themes: [], startYear: 3000, partners: [{ organisationId: 'nobody', role: 'EXTERNAL_PARTNER' }] },
        [
          'input.name:BLANK',
          'input.city:NOT_FOUND',
          'input.themes:BLANK',
          'input.startYear:OUT_OF_RANGE',
          'input.partners.0.organisationId:NOT_FOUND',
        ],
      ],
    ])('refuses %s with userErrors and writes nothing', async (_name, change, expected) => {
      const before = await rows();
      const result = await mutate<{ labCreate: { lab: unknown; userErrors: Array<{ message: string }> } }>(labCreate, {
        ...valid,
        ...change,
      });
      expectRefused(result, expected);
      expect(await rows()).toEqual(before);
    });

    it('names the known cities when the city is not one of them', async () => {
      const result = await mutate<{ labCreate: { userErrors: Array<{ message: string }> } }>(labCreate, {
        ...valid,
        name: 'Northern lab',
        city: 'Groningen',
      });
      expect(result.data!.labCreate.userErrors[0]!.message).toContain('Amsterdam, Delft, Den Bosch, Eindhoven, Enschede');
    });

    it('refuses a status that does not exist with BAD_USER_INPUT before anything runs', async () => {
      const before = await rows();
      const result = await mutate(labCreate, { ...valid, name: 'Paused lab', status: 'PAUSED' });
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(await rows()).toEqual(before);
    });

    it('creates one lab for ten concurrent creations of one name; the others are TAKEN and leave no rows behind', async () => {
      const before = await rows();
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          mutate(labCreate, {
            name: 'Contested lab',
            status: 'ACTIVE',
            city: 'Delft',
            themes: ['a', 'b'],
            startYear: 2020,
            partners: [{ organisationId: 'tu-delft', role: 'KNOWLEDGE_PARTNER' }],
          }),
        ),
      );
      const outcomes = answers.map((answer) => userErrorCodes(answer).join() || 'created');
      expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome !== 'created')).toEqual(Array(9).fill('input.name:TAKEN'));
      expect(await rows()).toEqual({ labs: before.labs + 1, themes: before.themes + 2, partnerships: before.partnerships + 1 });
    });
  });

  describe('labUpdate', () => {
    it('changes only the fields given', async () => {
      const result = await mutate<{ labUpdate: { lab: unknown } }>(labUpdate, {
        id: 'brightlands-smart-health-lab',
        status: 'ACTIVE',
        startYear: thisYear,
      });
      expect(userErrorCodes(result)).toEqual([]);
      expect(result.data!.labUpdate.lab).toEqual({
        id: 'brightlands-smart-health-lab',
        name: 'Brightlands Smart Health Lab',
        status: 'ACTIVE',
        startYear: thisYear,
        endYear: null,
        themes: ['predictive care', 'health'],
        location: { city: 'Maastricht' },
      });
      expect(await stored('brightlands-smart-health-lab')).toMatchObject({ status: 'ACTIVE', startYear: thisYear });
    });

    it('renames a lab, moves it to another city in any letter case and replaces its themes', async () => {
      const created = await mutate<{ labCreate: { lab: { id: string } } }>(labCreate, {
        name: 'Moving lab',
        status: 'IN_DEVELOPMENT',
        city: 'Delft',
        themes: ['old'],
      });
      const id = created.data!.labCreate.lab.id;
      const result = await mutate<{ labUpdate: { lab: unknown } }>(labUpdate, {
        id,
        name: ' Moved lab ',
        city: 'den bosch',
        themes: ['new', 'NEW', 'newer'],
      });
      expect(userErrorCodes(result)).toEqual([]);
      expect(result.data!.labUpdate.lab).toMatchObject({
        id,
        name: 'Moved lab',
        location: { city: 'Den Bosch' },
        themes: ['new', 'newer'],
      });
      expect(await stored(id)).toMatchObject({ name: 'Moved lab', themes: ['new', 'newer'] });
    });

    it('lets a lab keep its own name in another letter case', async () => {
      const result = await mutate(labUpdate, { id: 'delta-lab', name: 'DELTA LAB' });
      expect(userErrorCodes(result)).toEqual([]);
      expect((await stored('delta-lab'))!.name).toBe('DELTA LAB');
    });

    it('clears a year given as an explicit null, and ends a lab with its end year', async () => {
      const created = await mutate<{ labCreate: { lab: { id: string } } }>(labCreate, {
        name: 'Lab to end',
        status: 'ACTIVE',
        city: 'Delft',
        themes: ['endings'],
        startYear: 2019,
      });
      const id = created.data!.labCreate.lab.id;
      expect(userErrorCodes(await mutate(labUpdate, { id, status: 'ENDED', endYear: 2023 }))).toEqual([]);
      expect(await stored(id)).toMatchObject({ status: 'ENDED', startYear: 2019, endYear: 2023 });
      expect(userErrorCodes(await mutate(labUpdate, { id, status: 'ACTIVE', endYear: null, startYear: null }))).toEqual([]);
      expect(await stored(id)).toMatchObject({ status: 'ACTIVE', startYear: null, endYear: null });
    });

    it.each<[string, Record<string, unknown>, string[]]>([
      ['a lab that does not exist', { id: 'no-such-lab', name: 'x' }, ['input.id:NOT_FOUND']],
      ['an empty name', { name: ' ' }, ['input.name:BLANK']],
      ['a name over 200 characters', { name: 'n'.repeat(201) }, ['input.name:TOO_LONG']],
      ['the name of another lab, in any letter case', { name: 'qUVA lab' }, ['input.name:TAKEN']],
      ['a city that is not a location', { city: 'Atlantis' }, ['input.city:NOT_FOUND']],
      ['an empty city', { city: '' }, ['input.city:BLANK']],
      ['no themes', { themes: [] }, ['input.themes:BLANK']],
      ['an end year while the lab stays active', { endYear: 2024 }, ['input.endYear:INVALID']],
      ['an end year before the stored start year', { status: 'ENDED', endYear: 2016 }, ['input.endYear:OUT_OF_RANGE']],
      ['a start year in the future for the running lab', { startYear: thisYear + 1 }, ['input.startYear:OUT_OF_RANGE']],
      ['a start year before 2000', { startYear: 1999 }, ['input.startYear:OUT_OF_RANGE']],
      [
        'several mistakes at once',
        { name: '', city: 'Atlantis', themes: [] },
        ['input.name:BLANK', 'input.city:NOT_FOUND', 'input.themes:BLANK'],
      ],
    ])('refuses %s, changing nothing', async (_name, change, expected) => {
      const before = { lab: await stored('airlab-delft'), rows: await rows() };
      const result = await mutate<{ labUpdate: { lab: unknown } }>(labUpdate, { id: 'airlab-delft', ...change });
      expect(userErrorCodes(result)).toEqual(expected);
      expect(result.data!.labUpdate.lab).toBeNull();
      expect({ lab: await stored('airlab-delft'), rows: await rows() }).toEqual(before);
    });

    it('checks the years against the stored status: activating a lab planned for a later year is refused', async () => {
      const created = await mutate<{ labCreate: { lab: { id: string } } }>(labCreate, {
        name: 'Lab planned ahead',
        status: 'IN_DEVELOPMENT',
        city: 'Delft',
        themes: ['plans'],
        startYear: thisYear + 2,
      });
      const id = created.data!.labCreate.lab.id;
      expect(userErrorCodes(await mutate(labUpdate, { id, status: 'ACTIVE' }))).toEqual(['input.startYear:OUT_OF_RANGE']);
      expect(await stored(id)).toMatchObject({ status: 'IN_DEVELOPMENT', startYear: thisYear + 2 });
    });
  });
});
