import { checkYear, type UserErrors } from '@nlai/errors';
import type { CareerStage } from '../entities';

/** The earliest year a person or placement record may name. */
export const earliestYear = 2000;

const leftTheLab: CareerStage[] = ['GRADUATED', 'LEFT'];

/**
 * A person's years must fit their stage: people who graduated or left have
 * an end year, people still in the lab do not, and it is not before the
 * start or in the future. With `disclose` false (a caller who may not read
 * this person), messages name the rule only: never the person's stage or
 * years, which a change of one field would otherwise reveal.
 */
export function checkCareer(
  errors: UserErrors,
  person: { stage: CareerStage; startYear: number; endYear: number | null },
  currentYear: number,
  disclose: boolean,
): void {
  const endField = ['input', 'endYear'];
  const startRange = { min: earliestYear, max: currentYear + 1 };
  if (disclose) checkYear(errors, ['input', 'startYear'], person.startYear, startRange, 'The start year');
  else if (person.startYear < startRange.min || person.startYear > startRange.max) errors.add(['input', 'startYear'], 'OUT_OF_RANGE', 'The start year is out of range.');
  if (leftTheLab.includes(person.stage)) {
    if (person.endYear === null) errors.add(endField, 'INVALID', disclose ? `A person who is ${person.stage} needs the year they left the lab.` : 'A person who graduated or left needs the year they left the lab.');
    else if (disclose) checkYear(errors, endField, person.endYear, { min: person.startYear, max: currentYear }, 'The end year');
    else if (person.endYear < person.startYear || person.endYear > currentYear) {
      errors.add(endField, 'OUT_OF_RANGE', `The end year must not be before the person's start year, nor in the future; it was ${person.endYear}.`);
    }
  } else if (person.endYear !== null) {
    errors.add(endField, 'INVALID', disclose ? `A person who is ${person.stage} is still in the lab, so has no end year.` : 'Only a person who graduated or left the lab has an end year.');
  }
}
