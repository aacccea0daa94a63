import { foldRepresentations, unfoldEntities } from '../src/representations';

describe('folding duplicate entity representations', () => {
  const acme = { __typename: 'Organisation', id: 'acme' };
  const initech = { __typename: 'Organisation', id: 'initech' };

  it('keeps one of each, in first-seen order, and remembers where each went', () => {
    expect(foldRepresentations([acme, initech, { ...acme }, acme])).toEqual({ unique: [acme, initech], positions: [0, 1, 0, 0] });
  });

  it('gives every original position its entity, each occurrence its own object', () => {
    const response = { data: { _entities: [{ name: 'Acme', kind: { code: 'COMPANY' } }, { name: 'Initech' }] } };
    const unfolded = unfoldEntities(response, [0, 1, 0]);
    expect(unfolded.data._entities).toEqual([{ name: 'Acme', kind: { code: 'COMPANY' } }, { name: 'Initech' }, { name: 'Acme', kind: { code: 'COMPANY' } }]);
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
});
