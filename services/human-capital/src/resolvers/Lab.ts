import { listSize, pageRequest } from '@nlai/paging';
import type { LabResolvers } from '../generated/resolvers-types';
import { talentOrdering } from '../repositories';
import { protectCells, publishTalentStats } from '../services/talent-stats';
import { hasScope, Scope } from '@nlai/auth';

export const Lab: LabResolvers = {
  // The lab itself lives in the Research & Innovation subgraph; its key (and required fields) are all this one needs.
  __resolveReference: (reference) => reference,

  talent(lab, args, { loaders }) {
    return loaders.talentPageOfLab(args.filter ?? {}, args.orderBy ?? null, pageRequest(args, talentOrdering(args.orderBy))).load(lab.id);
  },

  async talentStats(lab, _, { loaders, services, auth }) {
    return publishTalentStats(await loaders.talentFiguresOfLab.load(lab.id), auth, services.talentStatsThreshold);
  },

  matchingVacancies: (lab, { first }, { loaders }) =>
    loaders.vacanciesMatchingThemes(listSize(first, { defaultSize: 10 })).load(lab.themes ?? []),

  async partnerHires(lab, _, { loaders, services, auth }) {
    const organisationIds = (lab.partners ?? []).map((partnership) => partnership.organisation.id);
    const hires = await loaders.partnerHiresOfLab.load({ labId: lab.id, organisationIds });
    // Counts of people: hidden below the threshold, with complementary cells, for callers without talent:read.
    const hidden = hasScope(auth, Scope.TalentRead)
      ? hires.map(() => false)
      : protectCells(
          hires.map((hire) => hire.graduates),
          services.talentStatsThreshold,
        );
    return hires.map((hire, index) => ({ organisation: { id: hire.organisationId }, graduates: hidden[index] ? null : hire.graduates }));
  },
};
