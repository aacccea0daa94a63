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

    it('refuses a malformed input (a status that does not exist) with BAD_USER_INPUT before anything runs', async () => {
      const result = await mutate(labCreate, { input: { name: 'X', status: 'PAUSED', city: 'Delft', themes: ['x'] } });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.data ?? null).toBeNull();
    });
  });

  describe('talentRegister and placementRecord', () => {
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

    it('checks the lab and the organisation through the gateway: one that does not exist is NOT_FOUND, and nothing is written', async () => {
      const before = await counts();
      const refused = await mutate(talentRegister, {
        input: { labId: 'no-such-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2022 },
      });
      expect(errorsOf(refused as GraphQLResult<Record<string, { userErrors: UserErrors }>>)).toEqual([
        { field: 'input.labId', code: 'NOT_FOUND' },
      ]);
      const people = await graphql<{ talents: { edges: Array<{ node: { id: string } }> } }>(
        graph().gateway.url,
        '{ talents(first: 1, filter: { stage: GRADUATED }) { edges { node { id } } } }',
        { token: writer },
      );
      const talentId = people.data!.talents.edges[0]!.node.id;
      const placements = await placementsOf(talentId);
      const unknownEmployer = await mutate(placementRecord, {
        input: { talentId, organisationId: 'no-such-organisation', country: 'NL', startYear: thisYear },
      });
      expect(errorsOf(unknownEmployer as GraphQLResult<Record<string, { userErrors: UserErrors }>>)).toEqual([
        { field: 'input.organisationId', code: 'NOT_FOUND' },
      ]);
      expect(await counts()).toEqual(before);
      expect(await placementsOf(talentId)).toBe(placements);
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
