import { In, IsNull, type EntityManager } from 'typeorm';
import { PartnershipEntity } from '../entities';

/** Partnership reads and writes. */
export class PartnershipRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Partnerships of these labs, knowledge partners first. */
  findByLabIds(labIds: readonly string[]): Promise<PartnershipEntity[]> {
    return this.manager
      .getRepository(PartnershipEntity)
      .find({ where: { labId: In([...labIds]) }, order: { role: 'DESC', organisationId: 'ASC' } });
  }

  findByOrganisationIds(organisationIds: readonly string[]): Promise<PartnershipEntity[]> {
    return this.manager
      .getRepository(PartnershipEntity)
      .find({ where: { organisationId: In([...organisationIds]) }, order: { labId: 'ASC' } });
  }

  findById(id: string): Promise<PartnershipEntity | null> {
    return this.manager.getRepository(PartnershipEntity).findOneBy({ id });
  }

  /** The running partnership (no end year) of this organisation in this lab, if any. */
  findCurrent(labId: string, organisationId: string): Promise<PartnershipEntity | null> {
    return this.manager.getRepository(PartnershipEntity).findOneBy({ labId, organisationId, endYear: IsNull() });
  }

  async insert(partnerships: PartnershipEntity[]): Promise<void> {
    if (partnerships.length) await this.manager.insert(PartnershipEntity, partnerships);
  }

  async end(id: string, endYear: number): Promise<void> {
    await this.manager.update(PartnershipEntity, { id }, { endYear });
  }
}
