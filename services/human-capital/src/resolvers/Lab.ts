import { listSize, pageRequest, type PageArguments } from '@nlai/paging';
import type { Context } from '../context';
import { talentOrdering, type TalentFilter, type TalentOrder } from '../repositories';
import { protectCells, publishTalentStats } from '../services/talent-stats';
import { hasScope, Scope } from '@nlai/auth';

/** A lab as the gateway hands it over: its key, and the fields of the other subgraph that a field here requires. */
type LabReference = { id: string; themes?: string[]; partners?: Array<{ organisation: { id: string } }> };

export const Lab = {
  // The lab itself lives in the Research & Innovation subgraph; its key (and required fields) are all this one needs.
  __resolveReference: (reference: LabReference) => reference,

  talent(lab: LabReference, args: PageArguments & { filter?: TalentFilter | null; orderBy?: TalentOrder | null }, { loaders }: Context) {
    return loaders.talentPageOfLab(args.filter ?? {}, args.orderBy ?? null, pageRequest(args, talentOrdering(args.orderBy))).load(lab.id);
  },

  async talentStats(lab: LabReference, _: unknown, { loaders, services, auth }: Context) {
    return publishTalentStats(await loaders.talentFiguresOfLab.load(lab.id), auth, services.talentStatsThreshold);
  },

  matchingVacancies: (lab: LabReference, { first }: { first: number }, { loaders }: Context) =>
    loaders.vacanciesMatchingThemes(listSize(first, { defaultSize: 10 })).load(lab.themes ?? []),

  async partnerHires(lab: LabReference, _: unknown, { loaders, services, auth }: Context) {
    const organisationIds = (lab.partners ?? []).map((partnership) => partnership.organisation.id);
    const hires = await loaders.partnerHiresOfLab.load({ labId: lab.id, organisationIds });
    // Counts of people: hidden below the threshold, with complementary cells, for callers without talent:read.
    const hidden = hasScope(auth, Scope.TalentRead) ? hires.map(() => false) : protectCells(hires.map((hire) => hire.graduates), services.talentStatsThreshold);
    return hires.map((hire, index) => ({ organisation: { id: hire.organisationId }, graduates: hidden[index] ? null : hire.graduates }));
  },
};
