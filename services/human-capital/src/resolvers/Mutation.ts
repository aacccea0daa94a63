import type { MutationResolvers } from '../generated/resolvers-types';

export const Mutation: MutationResolvers = {
  talentRegister: (_, { input }, { services, auth }) => services.talents.register(input, auth),
  talentUpdate: (_, { input }, { services, auth }) => services.talents.update(input, auth),
  placementRecord: (_, { input }, { services, auth }) => services.placements.record(input, auth),
};
