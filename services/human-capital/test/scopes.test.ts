import { graphql, testDialects, tokenWith, type GraphQLResult } from '@nlai/testing';
import { useSubgraphs } from './start';

const reader = tokenWith('talent:read');
const writerOnly = tokenWith('human-capital:write');
const codes = (result: GraphQLResult<unknown>) => result.errors?.map((error) => [error.path?.join('.'), error.extensions?.code]);

describe.each(testDialects())('who may read and write Human Capital data (%s)', (dialect) => {
  const subgraphs = useSubgraphs(dialect, 'hc-scopes');
  const ask = <Data = Record<string, unknown>>(query: string, token?: string, variables?: Record<string, unknown>) =>
    graphql<Data>(subgraphs().humanCapital.url, query, { token, variables });
  const rows = () =>
    Promise.all(
      ['SELECT id, stage FROM talent ORDER BY id', 'SELECT id FROM placement ORDER BY id'].map((sql) =>
        subgraphs().humanCapital.dataSource.query(sql),
      ),
    );
  const someone = async () =>
    (
      await ask<{ talents: { edges: Array<{ node: { id: string; startYear: number } }> } }>(
        '{ talents(first: 1, filter: { stage: GRADUATED }) { edges { node { id startYear } } } }',
        reader,
      )
    ).data!.talents.edges[0]!.node;

  describe('person-level data needs talent:read, however it is reached', () => {
    // Every row has its variables: jest would take a missing third argument for a `done` callback.
    const guarded: Array<[string, string, Record<string, unknown>]> = [
      ['talents', '{ talents(first: 1) { totalCount } }', {}],
      ['talent', '{ talent(id: "t-anything") { id } }', {}],
      [
        '_entities.0.talent',
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Lab { talent(first: 1) { totalCount } } } }',
        { r: [{ __typename: 'Lab', id: 'quva-lab' }] },
      ],
      [
        '_entities.0.placements',
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { placements { id } } } }',
        { r: [{ __typename: 'Organisation', id: 'qualcomm' }] },
      ],
    ];

    it.each(guarded)(
      'refuses %s: UNAUTHENTICATED without a token, FORBIDDEN without the scope, the data with it',
      async (path, query, variables) => {
        expect(codes(await ask(query, undefined, variables))).toEqual([[path, 'UNAUTHENTICATED']]);
        expect(codes(await ask(query, tokenWith('human-capital:write', 'research-innovation:write'), variables))).toEqual([
          [path, 'FORBIDDEN'],
        ]);
        expect((await ask(query, reader, variables)).errors).toBeUndefined();
      },
    );

    it('keeps the public fields of an entity beside a refused one', async () => {
      const result = await ask(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Lab { talentStats { total } talent(first: 1) { totalCount } } } }',
        undefined,
        { r: [{ __typename: 'Lab', id: 'quva-lab' }] },
      );
      expect(result.data).toEqual({ _entities: [{ talentStats: { total: expect.any(Number) }, talent: null }] });
    });

    it('answers the public lists, figures and entity fields without a token', async () => {
      const result = await ask(
        `query($r: [_Any!]!) { courses { id } vacancies(first: 1) { totalCount } talentStats { total } courseFigures { byKind { kind } } vacancyFigures { byTheme { theme } }
          _entities(representations: $r) { ... on Organisation { vacancies { id } courses { id } } ... on Location { talentStats { total } } } }`,
        undefined,
        {
          r: [
            { __typename: 'Organisation', id: 'philips' },
            { __typename: 'Location', id: 'delft', labs: [{ id: 'airlab-delft' }] },
          ],
        },
      );
      expect(result.errors).toBeUndefined();
    });
  });

  describe('writes need human-capital:write', () => {
    it.each([
      [
        'talentRegister',
        'mutation { talentRegister(input: { labId: "quva-lab", stage: PHD_CANDIDATE, origin: DOMESTIC, startYear: 2022 }) { userErrors { code } } }',
      ],
      ['talentUpdate', 'mutation { talentUpdate(input: { id: "t-anything", stage: LEFT, endYear: 2024 }) { userErrors { code } } }'],
      [
        'placementRecord',
        'mutation { placementRecord(input: { talentId: "t-anything", organisationId: "ing", country: "NL", startYear: 2024 }) { userErrors { code } } }',
      ],
    ])('refuses %s anonymously and with other scopes, writing nothing', async (name, mutation) => {
      const before = await rows();
      expect(codes(await ask(mutation))).toEqual([[name, 'UNAUTHENTICATED']]);
      expect(codes(await ask(mutation, tokenWith('research-innovation:write', 'talent:read')))).toEqual([[name, 'FORBIDDEN']]);
      expect(await rows()).toEqual(before);
    });
  });

  describe('a writer sees what it wrote with the write scope alone, and reaches no one else through it', () => {
    it('talentRegister: the new person, its lab key, but not the lab’s people or the person’s placements', async () => {
      const input = { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'INTERNATIONAL', startYear: 2024 };
      const mutation = (fields: string) =>
        `mutation($input: TalentRegisterInput!) { talentRegister(input: $input) { talent { ${fields} } } }`;
      const shown = await ask<{ talentRegister: { talent: unknown } }>(
        mutation('id stage origin startYear endYear lab { id }'),
        writerOnly,
        { input },
      );
      expect(shown.errors).toBeUndefined();
      expect(shown.data!.talentRegister.talent).toEqual({
        id: expect.stringMatching(/^t-/),
        ...input,
        labId: undefined,
        endYear: null,
        lab: { id: 'quva-lab' },
      });
      const placements = await ask(mutation('id placements { id }'), writerOnly, { input });
      expect(codes(placements)).toEqual([['talentRegister.talent.placements', 'FORBIDDEN']]);
    });

    it('talentUpdate: what it wrote in change; the person as stored stays FORBIDDEN, though the update is written', async () => {
      const person = await someone();
      const result = await ask<{ talentUpdate: unknown }>(
        'mutation($input: TalentUpdateInput!) { talentUpdate(input: $input) { change { id stage endYear } talent { id stage } userErrors { code } } }',
        writerOnly,
        { input: { id: person.id, stage: 'LEFT', endYear: 2025 } },
      );
      expect(result.data!.talentUpdate).toEqual({ change: { id: person.id, stage: 'LEFT', endYear: 2025 }, talent: null, userErrors: [] });
      expect(codes(result)).toEqual([['talentUpdate.talent', 'FORBIDDEN']]);
      const stored = await ask<{ talent: unknown }>('query($id: ID!) { talent(id: $id) { stage endYear } }', reader, { id: person.id });
      expect(stored.data!.talent).toEqual({ stage: 'LEFT', endYear: 2025 });
    });

    it('placementRecord: the new placement and its organisation, but not the person', async () => {
      const person = await someone();
      const input = {
        talentId: person.id,
        organisationId: 'uva',
        country: 'NL',
        sector: 'research and education',
        startYear: person.startYear + 1,
      };
      const shown = await ask<{ placementRecord: { placement: unknown } }>(
        'mutation($input: PlacementRecordInput!) { placementRecord(input: $input) { placement { id country sector startYear organisation { id } } } }',
        writerOnly,
        { input },
      );
      expect(shown.errors).toBeUndefined();
      expect(shown.data!.placementRecord.placement).toEqual({
        id: expect.any(String),
        country: 'NL',
        sector: 'research and education',
        startYear: person.startYear + 1,
        organisation: { id: 'uva' },
      });
      const withPerson = await ask(
        'mutation($input: PlacementRecordInput!) { placementRecord(input: $input) { placement { id talent { id } } } }',
        writerOnly,
        { input },
      );
      expect(codes(withPerson)).toEqual([['placementRecord.placement.talent', 'FORBIDDEN']]);
    });
  });
});
