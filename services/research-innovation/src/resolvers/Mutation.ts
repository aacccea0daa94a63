import type { Context } from '../context';
import type { LabCreateInput, LabUpdateInput } from '../services/lab.service';
import type { OrganisationCreateInput } from '../services/organisation.service';
import type { PartnershipCreateInput, PartnershipEndInput } from '../services/partnership.service';

type Input<T> = { input: T };

export const Mutation = {
  labCreate: (_: unknown, { input }: Input<LabCreateInput>, { services }: Context) => services.labs.create(input),
  labUpdate: (_: unknown, { input }: Input<LabUpdateInput>, { services }: Context) => services.labs.update(input),
  organisationCreate: (_: unknown, { input }: Input<OrganisationCreateInput>, { services }: Context) => services.organisations.create(input),
  partnershipCreate: (_: unknown, { input }: Input<PartnershipCreateInput>, { services }: Context) => services.partnerships.create(input),
  partnershipEnd: (_: unknown, { input }: Input<PartnershipEndInput>, { services }: Context) => services.partnerships.end(input),
};
