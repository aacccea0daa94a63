import { labThemes } from './lab-theme.entity';
import { LabEntity } from './lab.entity';
import { LocationEntity } from './location.entity';
import { OrganisationEntity } from './organisation.entity';
import { PartnershipEntity } from './partnership.entity';

export { labThemes, LabEntity, LocationEntity, OrganisationEntity, PartnershipEntity };
export type { LabStatus } from './lab.entity';
export type { NetworkRole } from './location.entity';
export type { OrganisationKind } from './organisation.entity';
export type { PartnerRole } from './partnership.entity';

export const entities = [LocationEntity, OrganisationEntity, LabEntity, labThemes.entity, PartnershipEntity];
