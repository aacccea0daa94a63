/**
 * Keeps a metric label's values bounded: the first `limit` distinct values
 * are kept as they are, every later one becomes `other`. Operation names and
 * client names come from callers; without a bound, one caller could make
 * each request a new time series.
 */
export function boundedLabel(limit: number): (value: string | null | undefined, missing: string) => string {
  const seen = new Set<string>();
  return (value, missing) => {
    if (!value) return missing;
    if (seen.has(value)) return value;
    if (seen.size >= limit) return 'other';
    seen.add(value);
    return value;
  };
}
