import { EntityRepository } from '@nlai/database';
import { PlacementEntity } from '../entities';

/** Placement reads and writes. */
export class PlacementRepository extends EntityRepository.of(PlacementEntity, 'placement') {
  /** Placements of these people, earliest first. */
  findByTalentIds(talentIds: readonly string[]): Promise<PlacementEntity[]> {
    return this.findWhereIn('talentId', talentIds, { startYear: 'ASC', id: 'ASC' });
  }

  /** Placements at these organisations, earliest first. */
  findByOrganisationIds(organisationIds: readonly string[]): Promise<PlacementEntity[]> {
    return this.findWhereIn('organisationId', organisationIds, { startYear: 'ASC', id: 'ASC' });
  }
}
