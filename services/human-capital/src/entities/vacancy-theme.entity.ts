import { LabelTable } from '@nlai/database';
import { VacancyEntity } from './vacancy.entity';

/** The areas of expertise each vacancy asks for, in display order. */
export const vacancyThemes = new LabelTable({ owner: 'vacancy', ownerEntity: () => VacancyEntity, label: 'theme' });
