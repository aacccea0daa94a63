import type { Context } from '../context';
import { addFigures, publishTalentStats } from '../services/talent-stats';

/** A city as the gateway hands it over, with the labs in it (required from Research & Innovation). */
type LocationReference = { id: string; labs?: Array<{ id: string }> };

export const Location = {
  __resolveReference: (reference: LocationReference) => reference,

  async talentStats(location: LocationReference, _: unknown, { loaders, services, auth }: Context) {
    const perLab = await loaders.talentFiguresOfLab.loadMany((location.labs ?? []).map((lab) => lab.id));
    const figures = perLab.map((part) => {
      if (part instanceof Error) throw part;
      return part;
    });
    return publishTalentStats(addFigures(figures), auth, services.talentStatsThreshold);
  },
};
