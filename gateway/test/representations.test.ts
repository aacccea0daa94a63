import { foldRepresentations, isEntityFetch, unfoldEntities } from '../src/representations';

describe('folding duplicate entity representations', () => {
  const acme = { __typename: 'Organisation', id: 'acme' };
  const initech = { __typename: 'Organisation', id: 'initech' };

  it('keeps one of each, in first-seen order, and remembers where each went', () => {
    expect(foldRepresentations([acme, initech, { ...acme }, acme])).toEqual({ unique: [acme, initech], positions: [0, 1, 0, 0] });
  });

  it('gives every original position its entity, each occurrence its own object', () => {
    const response = { data: { _entities: [{ name: 'Acme', kind: { code: 'COMPANY' } }, { name: 'Initech' }] } };
    const unfolded = unfoldEntities(response, [0, 1, 0]);
    expect(unfolded.data._entities).toEqual([
      { name: 'Acme', kind: { code: 'COMPANY' } },
      { name: 'Initech' },
      { name: 'Acme', kind: { code: 'COMPANY' } },
    ]);
    const [first, , third] = unfolded.data._entities as Array<{ kind: object }>;
    expect(third).not.toBe(first);
    expect(third!.kind).not.toBe(first!.kind);
  });

  it('reports an error about an entity at every position that held it, and other errors as they are', () => {
    const response = {
      data: { _entities: [null, { name: 'Initech' }] },
      errors: [
        { message: 'forbidden', path: ['_entities', 0, 'placements'] },
        { message: 'general', path: ['somewhere'] },
      ],
    };
    expect(unfoldEntities(response, [0, 1, 0]).errors).toEqual([
      { message: 'forbidden', path: ['_entities', 0, 'placements'] },
      { message: 'forbidden', path: ['_entities', 2, 'placements'] },
      { message: 'general', path: ['somewhere'] },
    ]);
  });

  it('leaves an answer without entities alone', () => {
    const response = { data: null, errors: [{ message: 'down' }] };
    expect(unfoldEntities(response, [0, 0])).toEqual(response);
  });

  it('passes on an answer with the wrong number of entities as it is, for the gateway to reject', () => {
    const response = { data: { _entities: [{ name: 'Acme' }] }, errors: [{ message: 'odd', path: ['_entities', 1] }] };
    expect(unfoldEntities(response, [0, 1, 0])).toBe(response);
  });

  it("recognises the gateway's entity fetch, and no operation a client wrote", () => {
    expect(
      isEntityFetch(
        'query DeepRead__human_capital__1($representations:[_Any!]!){_entities(representations:$representations){...on Lab{talentStats{total}}}}',
      ),
    ).toBe(true);
    expect(isEntityFetch('query($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }')).toBe(true);
    expect(
      isEntityFetch('mutation($representations:[LabPartnerInput!]){labCreate(input:{name:"x",partners:$representations}){lab{id}}}'),
    ).toBe(false);
    expect(isEntityFetch('query($representations:[String!]){labs(filter:{theme:"x"}){edges{node{_entities:id}}}}')).toBe(false);
    expect(isEntityFetch(undefined)).toBe(false);
  });
});
