import { pageRequest, type PageArguments } from '@nlai/paging';
import type { Context } from '../context';
import { talentOrdering, type TalentFilter } from '../repositories';
import { publishTalentStats } from '../services/talent-stats';

type LabReference = { id: string };

export const Lab = {
  // The lab itself lives in the Research & Innovation subgraph; its key is all this one needs.
  __resolveReference: ({ id }: LabReference) => ({ id }),

  talent(lab: LabReference, args: PageArguments & { filter?: TalentFilter | null }, { loaders }: Context) {
    return loaders.talentPageOfLab(args.filter ?? {}, pageRequest(args, talentOrdering)).load(lab.id);
  },

  async talentStats(lab: LabReference, _: unknown, { loaders, services, auth }: Context) {
    return publishTalentStats(await loaders.talentCountsOfLab.load(lab.id), auth, services.talentStatsThreshold);
  },
};
