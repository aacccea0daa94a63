import { In, type EntityManager } from 'typeorm';
import { PlacementEntity } from '../entities';

/** Placement reads and writes. */
export class PlacementRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Placements of these people, earliest first. */
  findByTalentIds(talentIds: readonly string[]): Promise<PlacementEntity[]> {
    return this.manager
      .getRepository(PlacementEntity)
      .find({ where: { talentId: In([...talentIds]) }, order: { startYear: 'ASC', id: 'ASC' } });
  }

  /** Placements at these organisations, earliest first. */
  findByOrganisationIds(organisationIds: readonly string[]): Promise<PlacementEntity[]> {
    return this.manager
      .getRepository(PlacementEntity)
      .find({ where: { organisationId: In([...organisationIds]) }, order: { startYear: 'ASC', id: 'ASC' } });
  }

  async insert(placement: PlacementEntity): Promise<void> {
    await this.manager.insert(PlacementEntity, placement);
  }
}
