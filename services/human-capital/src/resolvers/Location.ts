import type { LocationResolvers } from '../generated/resolvers-types';
import { figuresFor } from '../services/figure-source';
import { talentStatsFrom } from '../services/talent-figures';

export const Location: LocationResolvers = {
  // A city as the gateway hands it over, with the labs in it (required from Research & Innovation).
  __resolveReference: (reference) => reference,

  // From the city's own people: the cells of its labs' people added up, then published (not a sum of published lab figures).
  async talentStats(location, _, context) {
    const { cells, publication } = await figuresFor(
      context,
      (location.labs ?? []).map((lab) => lab.id),
    );
    return talentStatsFrom(cells, publication);
  },
};
