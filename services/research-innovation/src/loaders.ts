import { manyPer, onePer } from '@nlai/database';
import DataLoader from 'dataloader';
import type { LabEntity, LocationEntity, OrganisationEntity, PartnershipEntity } from './entities';
import type { Repositories } from './repositories';

/**
 * Per-request batch loaders: each turns the N lookups of one execution step
 * (including the gateway's entity representations, duplicates and all) into
 * one `IN (…)` query.
 */
export function createLoaders({ labs, locations, organisations, partnerships }: Repositories) {
  return {
    labById: new DataLoader<string, LabEntity | null>(async (ids) => onePer(ids, await labs.findByIds(ids), (lab) => lab.id)),
    themesByLabId: new DataLoader<string, string[]>(async (ids) => labs.themesOf(ids)),
    labsByLocationId: new DataLoader<string, LabEntity[]>(async (ids) =>
      manyPer(ids, await labs.findByLocationIds(ids), (lab) => lab.locationId),
    ),
    locationById: new DataLoader<string, LocationEntity | null>(async (ids) =>
      onePer(ids, await locations.findByIds(ids), (location) => location.id),
    ),
    spokesByHubId: new DataLoader<string, LocationEntity[]>(async (ids) =>
      manyPer(ids, await locations.findByHubIds(ids), (location) => location.hubId ?? ''),
    ),
    organisationById: new DataLoader<string, OrganisationEntity | null>(async (ids) =>
      onePer(ids, await organisations.findByIds(ids), (organisation) => organisation.id),
    ),
    partnershipsByLabId: new DataLoader<string, PartnershipEntity[]>(async (ids) =>
      manyPer(ids, await partnerships.findByLabIds(ids), (partnership) => partnership.labId),
    ),
    partnershipsByOrganisationId: new DataLoader<string, PartnershipEntity[]>(async (ids) =>
      manyPer(ids, await partnerships.findByOrganisationIds(ids), (partnership) => partnership.organisationId),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
