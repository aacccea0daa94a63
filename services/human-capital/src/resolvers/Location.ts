import type { LocationResolvers } from '../generated/resolvers-types';
import { addFigures, publishTalentStats } from '../services/talent-stats';

export const Location: LocationResolvers = {
  // A city as the gateway hands it over, with the labs in it (required from Research & Innovation).
  __resolveReference: (reference) => reference,

  async talentStats(location, _, { loaders, services, auth }) {
    const perLab = await loaders.talentFiguresOfLab.loadMany((location.labs ?? []).map((lab) => lab.id));
    const figures = perLab.map((part) => {
      if (part instanceof Error) throw part;
      return part;
    });
    return publishTalentStats(addFigures(figures), auth, services.talentStatsThreshold);
  },
};
