import { EntityRepository } from '@nlai/database';
import { IsNull } from 'typeorm';
import { PartnershipEntity } from '../entities';

/** Partnership reads and writes. */
export class PartnershipRepository extends EntityRepository.of(PartnershipEntity, 'partnership') {
  /** Partnerships of these labs, knowledge partners first. */
  findByLabIds(labIds: readonly string[]): Promise<PartnershipEntity[]> {
    return this.findWhereIn('labId', labIds, { role: 'DESC', organisationId: 'ASC' });
  }

  findByOrganisationIds(organisationIds: readonly string[]): Promise<PartnershipEntity[]> {
    return this.findWhereIn('organisationId', organisationIds, { labId: 'ASC' });
  }

  findById(id: string): Promise<PartnershipEntity | null> {
    return this.table.findOneBy({ id });
  }

  /** The running partnership (no end year) of this organisation in this lab, if any. */
  findCurrent(labId: string, organisationId: string): Promise<PartnershipEntity | null> {
    return this.table.findOneBy({ labId, organisationId, endYear: IsNull() });
  }

  async end(id: string, endYear: number): Promise<void> {
    await this.manager.update(PartnershipEntity, { id }, { endYear });
  }
}
