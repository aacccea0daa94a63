import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse, type GraphQLSchema } from 'graphql';
import { anonymous, enforceScopes, type AuthContext } from '../src';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  directive @requiresScope(scope: String!) on FIELD_DEFINITION | OBJECT
  directive @readableByWriter on FIELD_DEFINITION

  type Query {
    labs: [Lab!]!
    talents: [Talent!]! @requiresScope(scope: "talent:read")
    talent(id: ID!): Talent
    budget: Int @requiresScope(scope: "finance:read")
  }

  type Mutation {
    talentRegister(name: String!): TalentRegisterPayload @requiresScope(scope: "talent:write")
  }

  type TalentRegisterPayload {
    talent: Talent @readableByWriter
  }

  type Lab @key(fields: "id") {
    id: ID!
    name: String!
    talent: [Talent!]
  }

  type Talent @key(fields: "id") @requiresScope(scope: "talent:read") {
    id: ID!
    name: String!
    lab: Lab
  }
`);

const talents = [{ id: 't-1', name: 'Ada' }];
const labs = [{ id: 'quva-lab', name: 'QUVA Lab' }];

function buildSchema(): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Query: {
        labs: () => labs,
        talents: () => talents,
        talent: (_: unknown, { id }: { id: string }) => talents.find((talent) => talent.id === id) ?? null,
        budget: () => 1_000_000,
      },
      Mutation: {
        talentRegister: (_: unknown, { name }: { name: string }) => ({ talent: { id: 't-2', name } }),
      },
      Lab: {
        __resolveReference: (reference: { id: string }) => labs.find((lab) => lab.id === reference.id) ?? null,
        talent: () => talents,
      },
      Talent: {
        __resolveReference: (reference: { id: string }) => talents.find((talent) => talent.id === reference.id) ?? null,
        lab: () => labs[0],
      },
    } as never,
  });
}

const schema = buildSchema();
const guarded = enforceScopes(schema);

function caller(...scopes: string[]): AuthContext {
  return { subject: 'test-user', authenticated: true, scopes: new Set(scopes) };
}

async function run(source: string, auth: AuthContext) {
  const result = await graphql({ schema, source, contextValue: { auth } });
  return {
    data: result.data,
    errors: result.errors?.map((error) => ({ message: error.message, path: error.path, code: error.extensions.code })),
  };
}

const entitiesQuery = `{ _entities(representations: [{ __typename: "Talent", id: "t-1" }]) { ... on Talent { id name } } }`;

describe('enforceScopes', () => {
  it('lists the fields it guards: fields with the directive, fields returning a guarded type and guarded entity references', () => {
    expect(guarded.sort()).toEqual([
      'Lab.talent',
      'Mutation.talentRegister',
      'Query.budget',
      'Query.talent',
      'Query.talents',
      'Talent.__resolveReference',
    ]);
  });

  it('serves a guarded field to a token with the scope', async () => {
    expect(await run('{ talents { name } }', caller('talent:read'))).toEqual({ data: { talents: [{ name: 'Ada' }] }, errors: undefined });
  });

  it('refuses a guarded field to an anonymous caller with UNAUTHENTICATED', async () => {
    const { data, errors } = await run('{ talents { name } }', anonymous);

    expect(data).toBeNull();
    expect(errors).toEqual([
      { message: 'Query.talents needs a bearer token with the talent:read scope.', path: ['talents'], code: 'UNAUTHENTICATED' },
    ]);
  });

  it('refuses a guarded field to a token without the scope with FORBIDDEN', async () => {
    const { errors } = await run('{ budget }', caller('talent:read'));

    expect(errors).toEqual([
      { message: 'Query.budget needs the finance:read scope; this token has talent:read.', path: ['budget'], code: 'FORBIDDEN' },
    ]);
  });

  it('guards every field that returns a guarded type, wherever it sits in the graph', async () => {
    const { data, errors } = await run('{ labs { name talent { name } } talent(id: "t-1") { name } }', caller());

    expect(data).toEqual({ labs: [{ name: 'QUVA Lab', talent: null }], talent: null });
    expect(errors?.map((error) => [error.path, error.code])).toEqual([
      [['labs', 0, 'talent'], 'FORBIDDEN'],
      [['talent'], 'FORBIDDEN'],
    ]);
  });

  it('leaves unguarded fields open to anyone', async () => {
    expect(await run('{ labs { id name } }', anonymous)).toEqual({
      data: { labs: [{ id: 'quva-lab', name: 'QUVA Lab' }] },
      errors: undefined,
    });
  });

  it('does not let `_entities` bypass the scope of a guarded entity', async () => {
    const result = await run(entitiesQuery, caller());

    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      { message: 'Talent needs the talent:read scope; this token has no scopes.', path: ['_entities'], code: 'FORBIDDEN' },
    ]);
    expect(JSON.stringify(result)).not.toContain('Ada');
  });

  it('resolves a guarded entity through `_entities` for a token with the scope', async () => {
    expect(await run(entitiesQuery, caller('talent:read'))).toEqual({
      data: { _entities: [{ id: 't-1', name: 'Ada' }] },
      errors: undefined,
    });
  });

  it('leaves the reference resolver of an unguarded entity open', async () => {
    const result = await run(`{ _entities(representations: [{ __typename: "Lab", id: "quva-lab" }]) { ... on Lab { name } } }`, anonymous);

    expect(result).toEqual({ data: { _entities: [{ name: 'QUVA Lab' }] }, errors: undefined });
  });

  describe('@readableByWriter: a writer sees what it wrote, and no one else', () => {
    const register = 'mutation { talentRegister(name: "Grace") { talent { id name lab { name talent { name } } } } }';

    it('shows the payload’s record to a caller with the write scope alone', async () => {
      const { data, errors } = await run('mutation { talentRegister(name: "Grace") { talent { id name } } }', caller('talent:write'));
      expect(errors).toBeUndefined();
      expect(data).toEqual({ talentRegister: { talent: { id: 't-2', name: 'Grace' } } });
    });

    it('keeps other people guarded behind the record: Talent.lab -> Lab.talent is FORBIDDEN', async () => {
      const { data, errors } = await run(register, caller('talent:write'));
      expect(data).toEqual({ talentRegister: { talent: { id: 't-2', name: 'Grace', lab: { name: 'QUVA Lab', talent: null } } } });
      expect(errors).toEqual([
        {
          message: 'Lab.talent needs the talent:read scope; this token has talent:write.',
          path: ['talentRegister', 'talent', 'lab', 'talent'],
          code: 'FORBIDDEN',
        },
      ]);
    });

    it('still needs the mutation’s own scope', async () => {
      const { data, errors } = await run(register, caller('talent:read'));
      expect(data).toEqual({ talentRegister: null });
      expect(errors?.map((error) => error.code)).toEqual(['FORBIDDEN']);
    });

    it('refuses, at start-up, to mark a field of a type a query can return', () => {
      const leaky = buildSubgraphSchema({
        typeDefs: parse(`
          directive @requiresScope(scope: String!) on FIELD_DEFINITION | OBJECT
          directive @readableByWriter on FIELD_DEFINITION
          type Query { latest: TalentRegisterPayload }
          type Mutation { talentRegister: TalentRegisterPayload @requiresScope(scope: "talent:write") }
          type TalentRegisterPayload { talent: Talent @readableByWriter }
          type Talent @requiresScope(scope: "talent:read") { id: ID! }
        `),
      });
      expect(() => enforceScopes(leaky)).toThrow(
        'TalentRegisterPayload.talent is @readableByWriter, but TalentRegisterPayload is returned by Query.latest; only mutations that need a scope may return it.',
      );
    });
  });
});
