import { checkYear, earliestYear, type UserErrors } from '@nlai/errors';
import type { LabStatus } from '../entities';

/**
 * A lab's years must be plausible together with its status: a lab that runs
 * or ran has started by now; only an ended lab has an end year, and it ends
 * after it starts.
 */
export function checkLabYears(
  errors: UserErrors,
  lab: { status: LabStatus; startYear: number | null; endYear: number | null },
  currentYear: number,
): void {
  const startField = ['input', 'startYear'];
  const endField = ['input', 'endYear'];
  checkYear(errors, startField, lab.startYear, { min: earliestYear, max: currentYear + 5 }, 'The start year');
  if (errors.isClean(startField) && lab.status !== 'IN_DEVELOPMENT' && lab.startYear !== null && lab.startYear > currentYear) {
    errors.add(
      startField,
      'OUT_OF_RANGE',
      `A lab that is ${lab.status.toLowerCase()} has started by now; ${lab.startYear} is in the future. Use IN_DEVELOPMENT for a planned lab.`,
    );
  }
  if (lab.endYear === null) return;
  if (lab.status !== 'ENDED') {
    errors.add(endField, 'INVALID', 'Only an ENDED lab has an end year.');
    return;
  }
  checkYear(errors, endField, lab.endYear, { min: lab.startYear ?? earliestYear, max: currentYear }, 'The end year');
}
