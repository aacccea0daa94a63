import { graphql, testDialects, tokenWith, userErrorCodes } from '@nlai/testing';
import { useResearchInnovation } from './start';

const writer = tokenWith('research-innovation:write');
const thisYear = new Date().getUTCFullYear();
const partnershipCreate = `mutation($input: PartnershipCreateInput!) { partnershipCreate(input: $input) {
  partnership { id role startYear endYear lab { id } organisation { id } } userErrors { field code message } } }`;
const partnershipEnd = `mutation($input: PartnershipEndInput!) { partnershipEnd(input: $input) {
  partnership { id startYear endYear lab { id } } userErrors { field code message } } }`;

type Partnership = { id: string; role: string; startYear: number | null; endYear: number | null };

describe.each(testDialects())('the rules of partnershipCreate and partnershipEnd (%s)', (dialect) => {
  const server = useResearchInnovation(dialect, 'ri-partnerships');
  const mutate = <Data>(query: string, input: Record<string, unknown>) =>
    graphql<Data>(server().url, query, { token: writer, variables: { input } });
  const partnershipRows = async () =>
    (await server().dataSource.query('SELECT id, end_year FROM partnership ORDER BY id')) as Array<{ id: string; end_year: number | null }>;
  const partnersOf = async (labId: string) =>
    (
      await graphql<{ lab: { partners: Array<Partnership & { organisation: { id: string } }> } }>(
        server().url,
        'query($id: ID!) { lab(id: $id) { partners { id role startYear endYear organisation { id } } } }',
        { variables: { id: labId } },
      )
    ).data!.lab.partners;
  const join = async (labId: string, organisationId: string, startYear: number | null = 2020) => {
    const result = await mutate<{ partnershipCreate: { partnership: Partnership } }>(partnershipCreate, {
      labId,
      organisationId,
      role: 'EXTERNAL_PARTNER',
      startYear,
    });
    expect(userErrorCodes(result)).toEqual([]);
    return result.data!.partnershipCreate.partnership;
  };

  describe('partnershipCreate', () => {
    it('adds an organisation to a lab, seen from the lab and from the organisation', async () => {
      const partnership = await join('quva-lab', 'philips', 2021);
      expect(partnership).toEqual({
        id: expect.stringMatching(/^ps-/),
        role: 'EXTERNAL_PARTNER',
        startYear: 2021,
        endYear: null,
        lab: { id: 'quva-lab' },
        organisation: { id: 'philips' },
      });
      expect((await partnersOf('quva-lab')).map((partner) => partner.id)).toContain(partnership.id);
      const organisation = await graphql<{ organisation: { partnerships: Array<{ id: string; lab: { id: string } }> } }>(
        server().url,
        '{ organisation(id: "philips") { partnerships { id lab { id } } } }',
      );
      expect(organisation.data!.organisation.partnerships).toContainEqual({ id: partnership.id, lab: { id: 'quva-lab' } });
    });

    it('takes a partnership without a start year, and one starting five years ahead', async () => {
      await join('delta-lab', 'ing', null);
      await join('delta-lab', 'kpn', thisYear + 5);
    });

    it.each<[string, Record<string, unknown>, string[]]>([
      ['a lab that does not exist', { labId: 'no-such-lab' }, ['input.labId:NOT_FOUND']],
      ['an organisation that does not exist', { organisationId: 'no-such-organisation' }, ['input.organisationId:NOT_FOUND']],
      ['neither', { labId: 'no-such-lab', organisationId: 'nobody' }, ['input.labId:NOT_FOUND', 'input.organisationId:NOT_FOUND']],
      ['a start year before 2000', { startYear: 1999 }, ['input.startYear:OUT_OF_RANGE']],
      ['a start year more than five years ahead', { startYear: thisYear + 6 }, ['input.startYear:OUT_OF_RANGE']],
      ['an organisation that is already a current partner', { organisationId: 'qualcomm' }, ['input.organisationId:TAKEN']],
    ])('refuses %s, writing nothing', async (_name, change, expected) => {
      const before = await partnershipRows();
      const result = await mutate<{ partnershipCreate: { partnership: unknown } }>(partnershipCreate, {
        labId: 'quva-lab',
        organisationId: 'booking-com',
        role: 'EXTERNAL_PARTNER',
        startYear: 2020,
        ...change,
      });
      expect(userErrorCodes(result)).toEqual(expected);
      expect(result.data!.partnershipCreate.partnership).toBeNull();
      expect(await partnershipRows()).toEqual(before);
    });
  });

  describe('partnershipEnd', () => {
    it('records the end year, and lets the organisation join the lab again afterwards', async () => {
      const partnership = await join('civic-ai-lab', 'ing', 2020);
      const ended = await mutate<{ partnershipEnd: { partnership: unknown } }>(partnershipEnd, { id: partnership.id, endYear: 2023 });
      expect(userErrorCodes(ended)).toEqual([]);
      expect(ended.data!.partnershipEnd.partnership).toEqual({
        id: partnership.id,
        startYear: 2020,
        endYear: 2023,
        lab: { id: 'civic-ai-lab' },
      });
      expect((await partnersOf('civic-ai-lab')).find((partner) => partner.id === partnership.id)).toMatchObject({ endYear: 2023 });
      const again = await join('civic-ai-lab', 'ing', 2024);
      expect(again.id).not.toBe(partnership.id);
    });

    it('ends a partnership without a start year in any year from 2000 to this year', async () => {
      const partnership = await join('thira-lab', 'ing', null);
      expect(userErrorCodes(await mutate(partnershipEnd, { id: partnership.id, endYear: 2000 }))).toEqual([]);
    });

    it('ends a partnership in the year it started, or this year', async () => {
      const sameYear = await join('thira-lab', 'kpn', 2022);
      expect(userErrorCodes(await mutate(partnershipEnd, { id: sameYear.id, endYear: 2022 }))).toEqual([]);
      const thisYears = await join('thira-lab', 'booking-com', 2022);
      expect(userErrorCodes(await mutate(partnershipEnd, { id: thisYears.id, endYear: thisYear }))).toEqual([]);
    });

    it('refuses a partnership that does not exist', async () => {
      expect(userErrorCodes(await mutate(partnershipEnd, { id: 'ps-nothing', endYear: 2023 }))).toEqual(['input.id:NOT_FOUND']);
    });

    it('refuses to end a partnership twice, keeping the first end year', async () => {
      const partnership = await join('airlab-delft', 'ing', 2020);
      await mutate(partnershipEnd, { id: partnership.id, endYear: 2022 });
      const again = await mutate<{ partnershipEnd: { userErrors: Array<{ message: string }> } }>(partnershipEnd, {
        id: partnership.id,
        endYear: 2024,
      });
      expect(userErrorCodes(again)).toEqual(['input.id:INVALID']);
      expect(again.data!.partnershipEnd.userErrors[0]!.message).toContain('2022');
      expect((await partnersOf('airlab-delft')).find((partner) => partner.id === partnership.id)).toMatchObject({ endYear: 2022 });
    });

    it.each<[string, number, number | null]>([
      ['an end year before the start year', 2019, 2020],
      ['an end year in the future', thisYear + 1, 2020],
      ['an end year before 2000 for a partnership without a start year', 1999, null],
    ])('refuses %s, changing nothing', async (_name, endYear, startYear) => {
      const partnership = await join('airlab-amsterdam', startYear === null ? 'kpn' : 'ing', startYear);
      const before = await partnershipRows();
      const result = await mutate<{ partnershipEnd: { partnership: unknown } }>(partnershipEnd, { id: partnership.id, endYear });
      expect(userErrorCodes(result)).toEqual(['input.endYear:OUT_OF_RANGE']);
      expect(result.data!.partnershipEnd.partnership).toBeNull();
      expect(await partnershipRows()).toEqual(before);
      // Ended with a fitting year, the next case may add the organisation again.
      await mutate(partnershipEnd, { id: partnership.id, endYear: thisYear });
    });
  });
});
