import { checkYear, earliestYear, type UserErrors } from '@nlai/errors';
import type { CareerStage } from '../entities';

const leftTheLab: CareerStage[] = ['GRADUATED', 'LEFT'];

type Career = { stage: CareerStage; startYear: number; endYear: number | null };

/**
 * A person's years must fit their stage: people who graduated or left have
 * an end year, people still in the lab do not, and it is not before the
 * start or in the future. For a whole record the caller sent or may read:
 * the messages name its stage and years.
 */
export function checkCareer(errors: UserErrors, person: Career, currentYear: number): void {
  const endField = ['input', 'endYear'];
  checkYear(errors, ['input', 'startYear'], person.startYear, { min: earliestYear, max: currentYear + 1 }, 'The start year');
  if (leftTheLab.includes(person.stage)) {
    if (person.endYear === null) errors.add(endField, 'INVALID', `A person who is ${person.stage} needs the year they left the lab.`);
    else checkYear(errors, endField, person.endYear, { min: person.startYear, max: currentYear }, 'The end year');
  } else if (person.endYear !== null) {
    errors.add(endField, 'INVALID', `A person who is ${person.stage} is still in the lab, so has no end year.`);
  }
}

/** True when the person's years fit their stage (the rule of checkCareer), without saying which part fails. */
export function fitsCareer(person: Career, currentYear: number): boolean {
  if (!leftTheLab.includes(person.stage)) return person.endYear === null;
  return person.endYear !== null && person.endYear >= person.startYear && person.endYear <= currentYear;
}

/** What a talentUpdate sends: only the fields present change; an explicit null clears the end year. */
export type CareerChange = { stage?: CareerStage; endYear?: number | null };

/**
 * The checks of a change that need only the input, never the stored
 * person. A new stage comes with its end year (a year for GRADUATED and
 * LEFT, null otherwise), so that the input alone says what the person's
 * stage and end year become; only an end year (a year) may come alone.
 * Otherwise whether a stage-only or a clearing update is accepted would
 * tell a caller who may not read the person their stage, for a write that
 * changes nothing.
 */
export function checkCareerChange(errors: UserErrors, change: CareerChange, currentYear: number): void {
  const endField = ['input', 'endYear'];
  if (change.stage === undefined && change.endYear === undefined) {
    errors.add(['input'], 'INVALID', 'The update changes nothing: send a stage with its end year, or an end year.');
    return;
  }
  checkYear(errors, endField, change.endYear, { min: earliestYear, max: currentYear }, 'The end year');
  if (change.stage === undefined) {
    if (change.endYear === null)
      errors.add(endField, 'INVALID', 'Clearing the end year needs the new stage, e.g. POSTDOC, in the same update.');
  } else if (change.endYear === undefined) {
    errors.add(
      endField,
      'INVALID',
      `Send the end year with the new stage: a year for GRADUATED and LEFT, null for ${change.stage === 'GRADUATED' || change.stage === 'LEFT' ? 'PHD_CANDIDATE and POSTDOC' : change.stage}.`,
    );
  } else if (leftTheLab.includes(change.stage) && change.endYear === null) {
    errors.add(endField, 'INVALID', `A person who is ${change.stage} needs the year they left the lab.`);
  } else if (!leftTheLab.includes(change.stage) && change.endYear !== null) {
    errors.add(endField, 'INVALID', `A person who is ${change.stage} is still in the lab, so has no end year.`);
  }
}
