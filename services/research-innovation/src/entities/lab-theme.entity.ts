import { LabelTable } from '@nlai/database';
import { LabEntity } from './lab.entity';

/** The areas of expertise of each lab, in display order; a table of its own so labs can be filtered by theme on an index. */
export const labThemes = new LabelTable({ owner: 'lab', ownerEntity: () => LabEntity, label: 'theme' });
