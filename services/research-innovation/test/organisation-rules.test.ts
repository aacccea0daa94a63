import { graphql, testDialects, tokenWith, userErrorCodes, expectRefused } from '@nlai/testing';
import { useResearchInnovation } from './start';

const writer = tokenWith('research-innovation:write');
const organisationCreate = `mutation($input: OrganisationCreateInput!) { organisationCreate(input: $input) {
  organisation { id name kind rorId country placeholder partnerships { id } } userErrors { field code message } } }`;

describe.each(testDialects())('the rules of organisationCreate (%s)', (dialect) => {
  const server = useResearchInnovation(dialect, 'ri-organisations');
  const create = <Data>(input: Record<string, unknown>) =>
    graphql<Data>(server().url, organisationCreate, { token: writer, variables: { input } });
  const organisationCount = async () => Number((await server().dataSource.query('SELECT COUNT(*) AS n FROM organisation'))[0].n);

  it('registers an organisation with a trimmed name, its ROR id in lower case and its country code in upper case', async () => {
    const result = await create<{ organisationCreate: { organisation: unknown } }>({
      name: '  Erasmus MC ',
      kind: 'KNOWLEDGE_INSTITUTION',
      rorId: ' 018906E22 ',
      country: ' nl ',
    });
    expect(userErrorCodes(result)).toEqual([]);
    expect(result.data!.organisationCreate.organisation).toEqual({
      id: 'erasmus-mc',
      name: 'Erasmus MC',
      kind: 'KNOWLEDGE_INSTITUTION',
      rorId: '018906e22',
      country: 'NL',
      placeholder: false,
      partnerships: [],
    });
    const found = await graphql<{ organisation: { name: string } }>(server().url, '{ organisation(id: "erasmus-mc") { name } }');
    expect(found.data!.organisation).toEqual({ name: 'Erasmus MC' });
  });

  it('takes the Netherlands when no country is given, no ROR id for an empty one, and any ISO country', async () => {
    const dutch = await create<{ organisationCreate: { organisation: { country: string; rorId: string | null } } }>({
      name: 'Dutch start-up',
      kind: 'COMPANY',
      rorId: '  ',
    });
    expect(userErrorCodes(dutch)).toEqual([]);
    expect(dutch.data!.organisationCreate.organisation).toMatchObject({ country: 'NL', rorId: null });
    const german = await create<{ organisationCreate: { organisation: { country: string } } }>({
      name: 'German institute',
      kind: 'NON_PROFIT',
      country: 'de',
    });
    expect(german.data!.organisationCreate.organisation.country).toBe('DE');
  });

  it('gives an organisation whose name makes a taken id the next free number', async () => {
    const ids = [];
    for (const name of ['Numbered company', 'Numbered company!', 'Numbered-company']) {
      const result = await create<{ organisationCreate: { organisation: { id: string } } }>({ name, kind: 'COMPANY' });
      expect(userErrorCodes(result)).toEqual([]);
      ids.push(result.data!.organisationCreate.organisation.id);
    }
    expect(ids).toEqual(['numbered-company', 'numbered-company-2', 'numbered-company-3']);
  });

  it('takes a name of 200 characters', async () => {
    const result = await create({ name: 'o'.repeat(200), kind: 'COMPANY' });
    expect(userErrorCodes(result)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['an empty name', { name: ' ' }, ['input.name:BLANK']],
    ['a name over 200 characters', { name: 'o'.repeat(201) }, ['input.name:TOO_LONG']],
    ['a name taken in another letter case', { name: 'university of AMSTERDAM' }, ['input.name:TAKEN']],
    ['a ROR id of the wrong form', { rorId: 'not-a-ror' }, ['input.rorId:INVALID']],
    ['a ROR id with a letter ROR never uses', { rorId: '0i1234567' }, ['input.rorId:INVALID']],
    ['a ROR id that belongs to another organisation', { rorId: '04DKP9463' }, ['input.rorId:TAKEN']],
    ['a country name instead of a code', { country: 'Holland' }, ['input.country:INVALID']],
    ['a code that is no country', { country: 'XX' }, ['input.country:INVALID']],
    [
      'several mistakes at once',
      { name: 'University of Amsterdam', rorId: 'x', country: 'Netherlands' },
      ['input.name:TAKEN', 'input.rorId:INVALID', 'input.country:INVALID'],
    ],
  ])('refuses %s with userErrors and writes nothing', async (_name, change, expected) => {
    const before = await organisationCount();
    const result = await create<{ organisationCreate: { organisation: unknown; userErrors: Array<{ message: string }> } }>({
      name: 'A valid new organisation',
      kind: 'COMPANY',
      ...change,
    });
    expectRefused(result, expected);
    expect(await organisationCount()).toBe(before);
  });

  it('registers one organisation for ten concurrent registrations of one name; the others are TAKEN', async () => {
    const before = await organisationCount();
    const answers = await Promise.all(Array.from({ length: 10 }, () => create({ name: 'Contested company', kind: 'COMPANY' })));
    const outcomes = answers.map((answer) => userErrorCodes(answer).join() || 'created');
    expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome !== 'created')).toEqual(Array(9).fill('input.name:TAKEN'));
    expect(await organisationCount()).toBe(before + 1);
  });
});
