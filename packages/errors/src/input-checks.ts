import type { UserErrors } from './user-error';

/**
 * Trims a required text; records BLANK or TOO_LONG and returns undefined
 * when it does not pass.
 */
export function checkText(errors: UserErrors, field: string[], value: string, maxLength: number, label: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') {
    errors.add(field, 'BLANK', `${label} must not be empty.`);
    return undefined;
  }
  if (trimmed.length > maxLength) {
    errors.add(field, 'TOO_LONG', `${label} must be at most ${maxLength} characters; it has ${trimmed.length}.`);
    return undefined;
  }
  return trimmed;
}

/** The earliest year any record of the network (a lab, a partnership, a person, a placement) may name. */
export const earliestYear = 2000;

/** This year in UTC: the default clock of every year check, which tests replace. */
export const currentUtcYear = (): number => new Date().getUTCFullYear();

/** Records OUT_OF_RANGE unless `year` lies within [min, max]; passes null and undefined through. */
export function checkYear(
  errors: UserErrors,
  field: string[],
  year: number | null | undefined,
  range: { min: number; max: number },
  label: string,
): void {
  if (year == null) return;
  if (year < range.min || year > range.max) {
    errors.add(field, 'OUT_OF_RANGE', `${label} must be between ${range.min} and ${range.max}; it was ${year}.`);
  }
}

/**
 * Trims a list of short labels (themes, sectors), drops duplicates in any
 * letter case and records BLANK, TOO_LONG or INVALID for bad entries.
 */
export function checkLabels(
  errors: UserErrors,
  field: string[],
  values: readonly string[],
  limits: { maxLength: number; maxCount: number; minCount: number },
  label: string,
): string[] {
  if (values.length > limits.maxCount) {
    errors.add(field, 'INVALID', `Give at most ${limits.maxCount} ${label}; there were ${values.length}.`);
    return [];
  }
  const seen = new Set<string>();
  const kept: string[] = [];
  let duplicates = 0;
  values.forEach((value, index) => {
    const text = checkText(errors, [...field, String(index)], value, limits.maxLength, `Each of the ${label}`);
    if (text === undefined) return;
    if (seen.has(text.toLowerCase())) {
      duplicates += 1;
      return;
    }
    seen.add(text.toLowerCase());
    kept.push(text);
  });
  // A duplicate does not count towards the minimum; a bad entry is already reported on its own.
  if (values.length - duplicates < limits.minCount) errors.add(field, 'BLANK', `Give at least ${limits.minCount} of the ${label}.`);
  return kept;
}
