import { developmentSecret, signToken } from '@nlai/auth';
import { graphql, testDialects, tokenWith, type GraphQLResult } from '@nlai/testing';
import { useResearchInnovation } from './start';

const codes = (result: GraphQLResult<unknown>) => result.errors?.map((error) => error.extensions?.code);

const writes: Array<[string, string]> = [
  [
    'labCreate',
    'mutation { labCreate(input: { name: "Unauthorised lab", status: IN_DEVELOPMENT, city: "Delft", themes: ["x"] }) { lab { id } } }',
  ],
  ['labUpdate', 'mutation { labUpdate(input: { id: "quva-lab", name: "Renamed" }) { lab { id } } }'],
  ['organisationCreate', 'mutation { organisationCreate(input: { name: "Unauthorised Ltd", kind: COMPANY }) { organisation { id } } }'],
  [
    'partnershipCreate',
    'mutation { partnershipCreate(input: { labId: "quva-lab", organisationId: "ing", role: EXTERNAL_PARTNER }) { partnership { id } } }',
  ],
  ['partnershipEnd', 'mutation { partnershipEnd(input: { id: "ps-any", endYear: 2024 }) { partnership { id } } }'],
];

describe.each(testDialects())('who may read and write Research & Innovation data (%s)', (dialect) => {
  const server = useResearchInnovation(dialect, 'ri-scopes');
  const snapshot = async () =>
    Promise.all(
      [
        'SELECT id, name FROM lab ORDER BY id',
        'SELECT id FROM organisation ORDER BY id',
        'SELECT id, end_year FROM partnership ORDER BY id',
      ].map((sql) => server().dataSource.query(sql)),
    );

  it.each(writes)(
    'refuses %s anonymously (UNAUTHENTICATED) and with any other scope (FORBIDDEN), writing nothing',
    async (name, mutation) => {
      const before = await snapshot();
      for (const [token, code] of [
        [undefined, 'UNAUTHENTICATED'],
        [tokenWith('human-capital:write', 'talent:read'), 'FORBIDDEN'],
      ] as const) {
        const result = await graphql(server().url, mutation, { token });
        expect(codes(result)).toEqual([code]);
        expect(result.data).toEqual({ [name]: null });
      }
      expect(await snapshot()).toEqual(before);
    },
  );

  it('answers every read without a token, entity references included', async () => {
    const result = await graphql(
      server().url,
      `query($representations: [_Any!]!) {
        labs(first: 1) { totalCount } lab(id: "quva-lab") { partners { organisation { name } } } locations { city }
        location(city: "Delft") { labs { id } } organisations(first: 1) { totalCount } organisation(id: "uva") { partnerships { id } }
        networkSummary { labs }
        _entities(representations: $representations) { ... on Lab { name } ... on Organisation { name } ... on Location { city } } }`,
      {
        variables: {
          representations: [
            { __typename: 'Lab', id: 'quva-lab' },
            { __typename: 'Organisation', id: 'uva' },
            { __typename: 'Location', id: 'delft' },
          ],
        },
      },
    );
    expect(result.errors).toBeUndefined();
    expect((result.data as { _entities: unknown[] })._entities).toEqual([
      { name: 'QUVA Lab' },
      { name: 'University of Amsterdam' },
      { city: 'Delft' },
    ]);
  });

  it.each([
    ['garbage', 'not-a-token'],
    ['expired', signToken({ secret: developmentSecret, scopes: ['research-innovation:write'], expiresInSeconds: -60 })],
    ['signed with another key', signToken({ secret: 'another-key-that-is-long-enough-for-hs256!', scopes: ['research-innovation:write'] })],
  ])('refuses a token that is %s with 401 UNAUTHENTICATED, even for public fields', async (_name, token) => {
    const result = await graphql(server().url, '{ labs(first: 1) { totalCount } }', { token });
    expect(result.status).toBe(401);
    expect(codes(result)).toEqual(['UNAUTHENTICATED']);
  });
});
