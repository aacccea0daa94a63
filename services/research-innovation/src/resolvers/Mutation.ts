import type { Context } from '../context';
import type { LabCreateInput, LabUpdateInput } from '../services/lab.service';
import type { OrganisationCreateInput } from '../services/organisation.service';
import type { PartnershipCreateInput, PartnershipEndInput } from '../services/partnership.service';

type Input<T> = { input: T };

export const Mutation = {
  labCreate: (_: unknown, { input }: Input<LabCreateInput>, { services, auth }: Context) => services.labs.create(input, auth),
  labUpdate: (_: unknown, { input }: Input<LabUpdateInput>, { services, auth }: Context) => services.labs.update(input, auth),
  organisationCreate: (_: unknown, { input }: Input<OrganisationCreateInput>, { services, auth }: Context) => services.organisations.create(input, auth),
  partnershipCreate: (_: unknown, { input }: Input<PartnershipCreateInput>, { services, auth }: Context) => services.partnerships.create(input, auth),
  partnershipEnd: (_: unknown, { input }: Input<PartnershipEndInput>, { services, auth }: Context) => services.partnerships.end(input, auth),
};
