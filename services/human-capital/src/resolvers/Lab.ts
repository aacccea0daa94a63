import { listSize, pageRequest } from '@nlai/paging';
import type { LabResolvers } from '../generated/resolvers-types';
import { talentOrdering } from '../repositories';
import { figuresFor } from '../services/figure-source';
import { partnerHiresFrom, talentStatsFrom } from '../services/talent-figures';

export const Lab: LabResolvers = {
  // The lab itself lives in the Research & Innovation subgraph; its key (and required fields) are all this one needs.
  __resolveReference: (reference) => reference,

  talent(lab, args, { loaders }) {
    return loaders.talentPageOfLab(args.filter ?? {}, args.orderBy ?? null, pageRequest(args, talentOrdering(args.orderBy))).load(lab.id);
  },

  async talentStats(lab, _, context) {
    const { cells, publication } = await figuresFor(context, [lab.id]);
    return talentStatsFrom(cells, publication);
  },

  matchingVacancies: (lab, { first }, { loaders }) =>
    loaders.vacanciesMatchingThemes(listSize(first, { defaultSize: 10 })).load(lab.themes ?? []),

  async partnerHires(lab, _, context) {
    const { cells, publication } = await figuresFor(context, [lab.id]);
    return partnerHiresFrom(
      cells,
      (lab.partners ?? []).map((partnership) => partnership.organisation.id),
      publication,
    );
  },
};
