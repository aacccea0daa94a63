import { checkYear, type UserErrors } from '@nlai/errors';
import type { CareerStage } from '../entities';

/** The earliest year a person or placement record may name. */
export const earliestYear = 2000;

const leftTheLab: CareerStage[] = ['GRADUATED', 'LEFT'];

/**
 * A person's years must fit their stage: people who graduated or left have
 * an end year, people still in the lab do not, and it is not before the
 * start or in the future.
 */
export function checkCareer(errors: UserErrors, person: { stage: CareerStage; startYear: number; endYear: number | null }, currentYear: number): void {
  const endField = ['input', 'endYear'];
  checkYear(errors, ['input', 'startYear'], person.startYear, { min: earliestYear, max: currentYear + 1 }, 'The start year');
  if (leftTheLab.includes(person.stage)) {
    if (person.endYear === null) errors.add(endField, 'INVALID', `A person who is ${person.stage} needs the year they left the lab.`);
    else checkYear(errors, endField, person.endYear, { min: person.startYear, max: currentYear }, 'The end year');
  } else if (person.endYear !== null) {
    errors.add(endField, 'INVALID', `A person who is ${person.stage} is still in the lab, so has no end year.`);
  }
}
