import type { MutationResolvers } from '../generated/resolvers-types';

export const Mutation: MutationResolvers = {
  labCreate: (_, { input }, { services, auth }) => services.labs.create(input, auth),
  labUpdate: (_, { input }, { services, auth }) => services.labs.update(input, auth),
  organisationCreate: (_, { input }, { services, auth }) => services.organisations.create(input, auth),
  partnershipCreate: (_, { input }, { services, auth }) => services.partnerships.create(input, auth),
  partnershipEnd: (_, { input }, { services, auth }) => services.partnerships.end(input, auth),
};
