import { graphql, testDialects, tokenWith, type GraphQLResult } from '@nlai/testing';
import { useGraph } from './graph-fixture';

const writer = tokenWith('research-innovation:write', 'human-capital:write', 'talent:read');
const thisYear = new Date().getUTCFullYear();

type UserErrors = Array<{ field: string[]; code: string; message: string }>;

describe.each(testDialects())('mutations with their userErrors (%s)', (dialect) => {
  const graph = useGraph(dialect);
  const mutate = <Data>(text: string, variables: Record<string, unknown>) =>
    graphql<Data>(graph().gateway.url, text, { token: writer, variables });
  const counts = async () => {
    const result = await graphql<{ labs: { totalCount: number }; organisations: { totalCount: number }; talents: { totalCount: number } }>(
      graph().gateway.url,
      '{ labs(first: 0) { totalCount } organisations(first: 0) { totalCount } talents(first: 0) { totalCount } }',
      { token: writer },
    );
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const placementsOf = async (talentId: string) => {
    const result = await graphql<{ talent: { placements: unknown[] } }>(
      graph().gateway.url,
      'query($id: ID!) { talent(id: $id) { placements { id } } }',
      { token: writer, variables: { id: talentId } },
    );
    return result.data!.talent.placements.length;
  };
  const errorsOf = (result: GraphQLResult<Record<string, { userErrors: UserErrors }>>) => {
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!.userErrors.map(({ field, code }) => ({ field: field.join('.'), code }));
  };

  const labCreate = `mutation($input: LabCreateInput!) { labCreate(input: $input) { lab { id name status startYear themes location { city } partners { role organisation { id } } } userErrors { field code message } } }`;
  const talentRegister = `mutation($input: TalentRegisterInput!) { talentRegister(input: $input) { talent { id stage startYear lab { id name } } userErrors { field code message } } }`;
  const placementRecord = `mutation($input: PlacementRecordInput!) { placementRecord(input: $input) { placement { id country sector organisation { name } talent { id } } userErrors { field code message } } }`;

  describe('labCreate', () => {
    it('creates a lab in an existing city, with its partners, visible in the lists right away', async () => {
      const result = await mutate<{ labCreate: { lab: Record<string, unknown>; userErrors: UserErrors } }>(labCreate, {
        input: {
          name: '  Tilburg language AI lab  ',
          status: 'ACTIVE',
          city: 'tilburg',
          themes: ['language', 'Language', 'ethics'],
          startYear: thisYear - 1,
          partners: [
            { organisationId: 'tilburg-university', role: 'KNOWLEDGE_PARTNER' },
            { organisationId: 'kpn', role: 'EXTERNAL_PARTNER' },
          ],
        },
      });
      expect(result.data!.labCreate.userErrors).toEqual([]);
      expect(result.data!.labCreate.lab).toEqual({
        id: 'tilburg-language-ai-lab',
        name: 'Tilburg language AI lab',
        status: 'ACTIVE',
        startYear: thisYear - 1,
        themes: ['language', 'ethics'],
        location: { city: 'Tilburg' },
        partners: [
          { role: 'KNOWLEDGE_PARTNER', organisation: { id: 'tilburg-university' } },
          { role: 'EXTERNAL_PARTNER', organisation: { id: 'kpn' } },
        ],
      });
      const listed = await graphql<{ labs: { edges: Array<{ node: { id: string } }> } }>(
        graph().gateway.url,
        '{ labs(first: 100, filter: { city: "Tilburg", theme: "ETHICS" }) { edges { node { id } } } }',
      );
      expect(listed.data!.labs.edges.map((edge) => edge.node.id)).toEqual(['tilburg-language-ai-lab']);
    });

    it("passes a client's own list variable named like the gateway's entity keys through untouched", async () => {
      // The gateway folds duplicate `representations` of its entity fetches; a client variable of that name is not one.
      const result = await mutate<{ labCreate: { lab: unknown; userErrors: UserErrors } }>(
        'mutation($representations: [LabPartnerInput!]) { labCreate(input: { name: "Twice partnered lab", status: ACTIVE, city: "tilburg", themes: ["ethics"], partners: $representations }) { lab { id } userErrors { field code message } } }',
        {
          representations: [
            { organisationId: 'kpn', role: 'EXTERNAL_PARTNER' },
            { organisationId: 'kpn', role: 'EXTERNAL_PARTNER' },
          ],
        },
      );
      expect(result.data!.labCreate).toEqual({
        lab: null,
        userErrors: [
          { field: ['input', 'partners', '1', 'organisationId'], code: 'INVALID', message: 'Organisation "kpn" is listed twice.' },
        ],
      });
    });

    it('takes the longest names allowed on both sides of a partnership', async () => {
      const longName = (start: string) => `${start} ${'with a very long descriptive name '.repeat(6)}`.slice(0, 200).trim();
      const organisation = await mutate<{ organisationCreate: { organisation: { id: string } | null; userErrors: UserErrors } }>(
        'mutation($input: OrganisationCreateInput!) { organisationCreate(input: $input) { organisation { id } userErrors { field code message } } }',
        { input: { name: longName('Partner'), kind: 'COMPANY', country: 'NL' } },
      );
      expect(organisation.errors).toBeUndefined();
      expect(organisation.data!.organisationCreate.userErrors).toEqual([]);
      const organisationId = organisation.data!.organisationCreate.organisation!.id;
      const result = await mutate<{
        labCreate: { lab: { name: string; partners: Array<{ organisation: { id: string } }> } | null; userErrors: UserErrors };
      }>(labCreate, {
        input: {
          name: longName('Lab'),
          status: 'ACTIVE',
          city: 'Delft',
          themes: ['robotics'],
          startYear: 2022,
          partners: [{ organisationId, role: 'EXTERNAL_PARTNER' }],
        },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.labCreate.userErrors).toEqual([]);
      expect(result.data!.labCreate.lab!.name).toHaveLength(longName('Lab').length);
      expect(result.data!.labCreate.lab!.partners.map((partner) => partner.organisation.id)).toEqual([organisationId]);
    });

    it.each([
      ['an empty name', { name: '   ' }, [{ field: 'input.name', code: 'BLANK' }]],
      ['a name that is taken, in another letter case', { name: 'quva lab' }, [{ field: 'input.name', code: 'TAKEN' }]],
      ['an unknown city', { city: 'Groningen' }, [{ field: 'input.city', code: 'NOT_FOUND' }]],
      ['a start year before 2000', { startYear: 1850 }, [{ field: 'input.startYear', code: 'OUT_OF_RANGE' }]],
      ['an active lab that starts in the future', { startYear: thisYear + 2 }, [{ field: 'input.startYear', code: 'OUT_OF_RANGE' }]],
      ['an end year for a lab that has not ended', { endYear: thisYear }, [{ field: 'input.endYear', code: 'INVALID' }]],
      ['no themes', { themes: [] }, [{ field: 'input.themes', code: 'BLANK' }]],
      [
        'a partner that does not exist',
        { partners: [{ organisationId: 'no-such-organisation', role: 'EXTERNAL_PARTNER' }] },
        [{ field: 'input.partners.0.organisationId', code: 'NOT_FOUND' }],
      ],
      [
        'several mistakes at once',
        { name: '', city: 'Atlantis', startYear: 3000 },
        [
          { field: 'input.name', code: 'BLANK' },
          { field: 'input.city', code: 'NOT_FOUND' },
          { field: 'input.startYear', code: 'OUT_OF_RANGE' },
        ],
      ],
    ])('refuses %s with userErrors and writes nothing', async (_name, change, expected) => {
      const before = await counts();
      const result = await mutate<{ labCreate: { lab: unknown; userErrors: UserErrors } }>(labCreate, {
        input: { name: 'A valid new lab', status: 'ACTIVE', city: 'Delft', themes: ['robotics'], startYear: 2021, ...change },
      });
      expect(errorsOf(result)).toEqual(expected);
      expect(result.data!.labCreate.lab).toBeNull();
      expect(result.data!.labCreate.userErrors.every((error) => error.message.length > 10)).toBe(true);
      expect(await counts()).toEqual(before);
    });

    it('refuses a malformed input (a status that does not exist) with BAD_USER_INPUT before anything runs', async () => {
      const result = await mutate(labCreate, { input: { name: 'X', status: 'PAUSED', city: 'Delft', themes: ['x'] } });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.data ?? null).toBeNull();
    });
  });

  describe('labUpdate', () => {
    it('changes only the fields given', async () => {
      const result = await mutate<{
        labUpdate: { lab: { name: string; status: string; startYear: number; themes: string[] }; userErrors: UserErrors };
      }>(
        `mutation($input: LabUpdateInput!) { labUpdate(input: $input) { lab { name status startYear themes } userErrors { field code } } }`,
        { input: { id: 'brightlands-smart-health-lab', status: 'ACTIVE', startYear: thisYear } },
      );
      expect(result.data!.labUpdate).toEqual({
        lab: { name: 'Brightlands Smart Health Lab', status: 'ACTIVE', startYear: thisYear, themes: ['predictive care', 'health'] },
        userErrors: [],
      });
    });

    it('refuses an unknown lab and an impossible end year, changing nothing', async () => {
      const update = `mutation($input: LabUpdateInput!) { labUpdate(input: $input) { lab { id } userErrors { field code } } }`;
      expect(errorsOf(await mutate(update, { input: { id: 'no-such-lab', name: 'x' } }))).toEqual([
        { field: 'input.id', code: 'NOT_FOUND' },
      ]);
      expect(errorsOf(await mutate(update, { input: { id: 'quva-lab', status: 'ENDED', endYear: 2010 } }))).toEqual([
        { field: 'input.endYear', code: 'OUT_OF_RANGE' },
      ]);
      const lab = await graphql<{ lab: { status: string; endYear: number | null } }>(
        graph().gateway.url,
        '{ lab(id: "quva-lab") { status endYear } }',
      );
      expect(lab.data!.lab).toEqual({ status: 'ACTIVE', endYear: null });
    });
  });

  describe('talentRegister and placementRecord', () => {
    it('tells a writer without talent:read the rule a change broke, never the person’s stage or years', async () => {
      const registered = await mutate<{ talentRegister: { talent: { id: string } } }>(talentRegister, {
        input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2021 },
      });
      const id = registered.data!.talentRegister.talent.id;
      const blindWriter = tokenWith('human-capital:write');
      const talentUpdate = 'mutation($input: TalentUpdateInput!) { talentUpdate(input: $input) { userErrors { field code message } } }';
      const asBlind = <Data>(text: string, input: Record<string, unknown>) =>
        graphql<Data>(graph().gateway.url, text, { token: blindWriter, variables: { input } });
      const before = await counts();

      const update = await asBlind<{ talentUpdate: { userErrors: UserErrors } }>(talentUpdate, { id, endYear: 2023 });
      const lateEnd = await asBlind<{ talentUpdate: { userErrors: UserErrors } }>(talentUpdate, { id, stage: 'GRADUATED', endYear: 2001 });
      const placement = await asBlind<{ placementRecord: { userErrors: UserErrors } }>(placementRecord, {
        talentId: id,
        organisationId: 'ahold-delhaize',
        country: 'NL',
        startYear: 2005,
      });
      const shown = [
        update.data!.talentUpdate.userErrors,
        lateEnd.data!.talentUpdate.userErrors,
        placement.data!.placementRecord.userErrors,
      ];
      expect(shown.map((errors) => errors.map(({ field, code }) => ({ field: field.join('.'), code })))).toEqual([
        [{ field: 'input.endYear', code: 'INVALID' }],
        [{ field: 'input.endYear', code: 'INVALID' }],
        [{ field: 'input.startYear', code: 'OUT_OF_RANGE' }],
      ]);
      const messages = JSON.stringify(shown);
      expect(messages).not.toMatch(/PHD_CANDIDATE|2021|2022/);
      expect(await counts()).toEqual(before);

      // A writer who may read the person gets the specifics.
      const told = await mutate<{ placementRecord: { userErrors: UserErrors } }>(placementRecord, {
        input: { talentId: id, organisationId: 'ahold-delhaize', country: 'NL', startYear: 2005 },
      });
      expect(told.data!.placementRecord.userErrors[0]!.message).toContain('2021');
    });

    it('lets a writer without talent:read learn nothing from a write refused for its input: varying startYear beside an invalid country gives the same userErrors', async () => {
      const registered = await mutate<{ talentRegister: { talent: { id: string } } }>(talentRegister, {
        input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2021 },
      });
      const talentId = registered.data!.talentRegister.talent.id;
      const blindWriter = tokenWith('human-capital:write');
      const probe = (startYear: number) =>
        graphql<{ placementRecord: { userErrors: UserErrors } }>(graph().gateway.url, placementRecord, {
          token: blindWriter,
          variables: { input: { talentId, organisationId: 'uva', country: 'XX', startYear } },
        });
      const answers = await Promise.all(
        [2005, 2020, 2021, 2024].map(async (startYear) => (await probe(startYear)).data!.placementRecord.userErrors),
      );
      expect(answers[0]!.map(({ field, code }) => ({ field: field.join('.'), code }))).toEqual([
        { field: 'input.country', code: 'INVALID' },
      ]);
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      expect(await placementsOf(talentId)).toBe(0);
    });

    it('lets a writer without talent:read learn nothing about whether a person left from a refused talentUpdate: the same userErrors for someone in the lab and a graduate', async () => {
      const register = async (input: Record<string, unknown>) =>
        (
          await mutate<{ talentRegister: { talent: { id: string } } }>(talentRegister, {
            input: { labId: 'quva-lab', origin: 'DOMESTIC', startYear: 2021, ...input },
          })
        ).data!.talentRegister.talent.id;
      const inLab = await register({ stage: 'PHD_CANDIDATE' });
      const graduate = await register({ stage: 'GRADUATED', endYear: 2024 });
      const blindWriter = tokenWith('human-capital:write');
      const update = async (id: string, endYear: number) =>
        (
          await graphql<{ talentUpdate: { userErrors: UserErrors } }>(
            graph().gateway.url,
            'mutation($input: TalentUpdateInput!) { talentUpdate(input: $input) { userErrors { field code message } } }',
            { token: blindWriter, variables: { input: { id, endYear } } },
          )
        ).data!.talentUpdate.userErrors;
      // An end year in the future is the input's own mistake; one before the person joined does not fit the person: either way, both people look alike.
      for (const endYear of [thisYear + 1, 2005]) {
        const [a, b] = [await update(inLab, endYear), await update(graduate, endYear)];
        expect(a).toHaveLength(1);
        expect(a).toEqual(b);
      }
      const stored = await graphql<{ a: { endYear: number | null }; b: { endYear: number | null } }>(
        graph().gateway.url,
        'query($a: ID!, $b: ID!) { a: talent(id: $a) { endYear } b: talent(id: $b) { endYear } }',
        { token: writer, variables: { a: inLab, b: graduate } },
      );
      expect(stored.data).toEqual({ a: { endYear: null }, b: { endYear: 2024 } });
    });

    it.each([
      ['nothing to change', {}, [{ field: 'input', code: 'INVALID' }]],
      ['a stage without its end year', { stage: 'POSTDOC' }, [{ field: 'input.endYear', code: 'INVALID' }]],
      ['a cleared end year without a stage', { endYear: null }, [{ field: 'input.endYear', code: 'INVALID' }]],
      ['a graduate without an end year', { stage: 'GRADUATED', endYear: null }, [{ field: 'input.endYear', code: 'INVALID' }]],
      ['an end year in the future', { stage: 'GRADUATED', endYear: thisYear + 1 }, [{ field: 'input.endYear', code: 'OUT_OF_RANGE' }]],
    ])('refuses a talentUpdate with %s, changing nothing', async (_name, change, expected) => {
      const registered = await mutate<{ talentRegister: { talent: { id: string } } }>(talentRegister, {
        input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2021 },
      });
      const id = registered.data!.talentRegister.talent.id;
      const result = await mutate(
        'mutation($input: TalentUpdateInput!) { talentUpdate(input: $input) { change { id } talent { id } userErrors { field code message } } }',
        { input: { id, ...change } },
      );
      expect(errorsOf(result as GraphQLResult<Record<string, { userErrors: UserErrors }>>)).toEqual(expected);
      expect(result.data).toMatchObject({ talentUpdate: { change: null, talent: null } });
      const stored = await graphql<{ talent: unknown }>(graph().gateway.url, 'query($id: ID!) { talent(id: $id) { stage endYear } }', {
        token: writer,
        variables: { id },
      });
      expect(stored.data!.talent).toEqual({ stage: 'PHD_CANDIDATE', endYear: null });
    });

    it('registers a person in a lab of the other subgraph and records where they went to work', async () => {
      const registered = await mutate<{
        talentRegister: { talent: { id: string; stage: string; lab: { id: string; name: string } }; userErrors: UserErrors };
      }>(talentRegister, {
        input: { labId: 'airlab-delft', stage: 'GRADUATED', origin: 'INTERNATIONAL', startYear: 2019, endYear: 2023 },
      });
      expect(registered.data!.talentRegister.userErrors).toEqual([]);
      const talent = registered.data!.talentRegister.talent;
      expect(talent).toMatchObject({ stage: 'GRADUATED', lab: { id: 'airlab-delft', name: 'AIRLab Delft' } });
      expect(talent.id).toMatch(/^t-[0-9a-z]{12}$/);

      const recorded = await mutate<{ placementRecord: { placement: Record<string, unknown>; userErrors: UserErrors } }>(placementRecord, {
        input: { talentId: talent.id, organisationId: 'ahold-delhaize', country: 'nl', startYear: 2023, sector: 'retail' },
      });
      expect(recorded.data!.placementRecord.userErrors).toEqual([]);
      expect(recorded.data!.placementRecord.placement).toMatchObject({
        country: 'NL',
        sector: 'retail',
        organisation: { name: 'Ahold Delhaize' },
        talent: { id: talent.id },
      });
      expect(await placementsOf(talent.id)).toBe(1);
    });

    it.each([
      ['a lab that does not exist', { labId: 'no-such-lab' }, [{ field: 'input.labId', code: 'NOT_FOUND' }]],
      [
        'a start year before the lab started',
        { labId: 'mercury-machine-learning-lab', startYear: 2019 },
        [{ field: 'input.startYear', code: 'OUT_OF_RANGE' }],
      ],
      ['a start year far in the future', { startYear: thisYear + 5 }, [{ field: 'input.startYear', code: 'OUT_OF_RANGE' }]],
      ['a graduate without an end year', { stage: 'GRADUATED' }, [{ field: 'input.endYear', code: 'INVALID' }]],
      ['an end year for someone still in the lab', { endYear: 2024 }, [{ field: 'input.endYear', code: 'INVALID' }]],
      ['an end year before the start', { stage: 'LEFT', endYear: 2019 }, [{ field: 'input.endYear', code: 'OUT_OF_RANGE' }]],
    ])('refuses a registration with %s, writing nothing', async (_name, change, expected) => {
      const before = await counts();
      const result = await mutate(talentRegister, {
        input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2022, ...change },
      });
      expect(errorsOf(result as GraphQLResult<Record<string, { userErrors: UserErrors }>>)).toEqual(expected);
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['a country code that is not ISO 3166-1 alpha-2', { country: 'XX' }, [{ field: 'input.country', code: 'INVALID' }]],
      ['a country name instead of a code', { country: 'Netherlands' }, [{ field: 'input.country', code: 'INVALID' }]],
      [
        'an organisation that does not exist',
        { organisationId: 'no-such-organisation' },
        [{ field: 'input.organisationId', code: 'NOT_FOUND' }],
      ],
      ['a person that does not exist', { talentId: 't-doesnotexist' }, [{ field: 'input.talentId', code: 'NOT_FOUND' }]],
      ['a start year before the person joined the lab', { startYear: 2001 }, [{ field: 'input.startYear', code: 'OUT_OF_RANGE' }]],
    ])('refuses a placement with %s, writing nothing', async (_name, change, expected) => {
      const people = await graphql<{ talents: { edges: Array<{ node: { id: string } }> } }>(
        graph().gateway.url,
        '{ talents(first: 1, filter: { stage: GRADUATED }) { edges { node { id } } } }',
        { token: writer },
      );
      const talentId = people.data!.talents.edges[0]!.node.id;
      const before = await placementsOf(talentId);
      const result = await mutate(placementRecord, {
        input: { talentId, organisationId: 'ing', country: 'NL', startYear: thisYear, ...change },
      });
      expect(errorsOf(result as GraphQLResult<Record<string, { userErrors: UserErrors }>>)).toEqual(expected);
      expect(await placementsOf(talentId)).toBe(before);
    });
  });

  describe('when the Research & Innovation subgraph is down', () => {
    it('refuses a registration with UPSTREAM_UNAVAILABLE and writes nothing, while Human Capital keeps answering', async () => {
      const before = (await counts()).talents.totalCount;
      await graph().stopService('researchInnovation');
      try {
        const result = await mutate(talentRegister, {
          input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2022 },
        });
        expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
        const people = await graphql<{ talents: { totalCount: number } }>(graph().gateway.url, '{ talents(first: 0) { totalCount } }', {
          token: writer,
        });
        expect(people.errors).toBeUndefined();
        expect(people.data!.talents.totalCount).toBe(before);
      } finally {
        await graph().startService('researchInnovation');
      }
    });
  });

  describe('durability', () => {
    it('keeps every acknowledged write across a restart of both subgraphs, and does not seed twice', async () => {
      const created = await mutate<{ labCreate: { lab: { id: string } } }>(labCreate, {
        input: { name: 'Restart-proof lab', status: 'IN_DEVELOPMENT', city: 'Rotterdam', themes: ['durability'] },
      });
      const registered = await mutate<{ talentRegister: { talent: { id: string } } }>(talentRegister, {
        input: { labId: created.data!.labCreate.lab.id, stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: thisYear },
      });
      const talentId = registered.data!.talentRegister.talent.id;
      await mutate(placementRecord, { input: { talentId, organisationId: 'philips', country: 'NL', startYear: thisYear } });
      const before = await counts();

      await graph().restart('researchInnovation');
      await graph().restart('humanCapital');

      expect(await counts()).toEqual(before);
      const after = await graphql<{ talent: { lab: { name: string }; placements: Array<{ organisation: { id: string } }> } }>(
        graph().gateway.url,
        'query($id: ID!) { talent(id: $id) { lab { name } placements { organisation { id } } } }',
        { token: writer, variables: { id: talentId } },
      );
      expect(after.data!.talent).toEqual({ lab: { name: 'Restart-proof lab' }, placements: [{ organisation: { id: 'philips' } }] });
    });
  });
});
