import { createHash, randomInt } from 'node:crypto';

/**
 * The cell key method (ABS TableBuilder; ONS, Census 2021), as
 * docs/privacy.md describes it: every person holds a random record key; a
 * cell's key comes from the sum of its people's keys (and of its group's, see
 * cellKey); a perturbation table maps (cell key, count) to the published value.
 */

/** Record keys and cell keys lie in 0..recordKeyRange-1 (the ONS's smaller range). */
export const recordKeyRange = 256;

/** A new person's record key: uniform, from the system's secure source. */
export const newRecordKey = (): number => randomInt(recordKeyRange);

/**
 * The key of a cell of a group (a lab, a city, the network): from the sum of
 * the cell's people's record keys and the sum of the whole group's. The
 * group's sum makes every cell of a group draw new noise whenever anyone in
 * the group changes, so which cells changed between two releases does not
 * say which cell a new person is in. The same people give the same key.
 */
export function cellKey(cellKeySum: number, groupKeySum: number): number {
  const digest = createHash('sha256')
    .update(`${cellKeySum % recordKeyRange}:${groupKeySum % recordKeyRange}`)
    .digest();
  return digest.readUInt16BE(0) % recordKeyRange;
}

/** One row of the perturbation table: published values with their chances, in 256ths (out of recordKeyRange cell keys). */
type Row = ReadonlyArray<readonly [published: number, keys: number]>;

/** Counts of 7 and more: the count itself moved by -2..+2. */
const largeCountNoise: Row = [
  [-2, 26],
  [-1, 51],
  [0, 102],
  [1, 51],
  [2, 26],
];

/**
 * The perturbation table for counts 0 to 6 (published values, absolute);
 * larger counts use largeCountNoise. Counts of 1 to 4 are always published as
 * 0; counts of 5 and 6 are sometimes 0 too, so a cell going from 0 to 5 or
 * more does not prove that its count crossed the threshold.
 */
const smallCountRows: readonly Row[] = [
  [[0, 256]],
  [[0, 256]],
  [[0, 256]],
  [[0, 256]],
  [[0, 256]],
  [
    [0, 77],
    [5, 90],
    [6, 51],
    [7, 38],
  ],
  [
    [0, 38],
    [5, 51],
    [6, 90],
    [7, 51],
    [8, 26],
  ],
];

/** The published values a count can get, with how many of the cell keys give each. */
function rowFor(count: number): Row {
  return count < smallCountRows.length ? smallCountRows[count]! : largeCountNoise.map(([noise, keys]) => [count + noise, keys] as const);
}

/** The published value of a cell: the same count and key always give the same value; never 1 to 4. */
export function perturbedCount(count: number, key: number): number {
  let position = key % recordKeyRange;
  for (const [published, keys] of rowFor(count)) {
    if (position < keys) return published;
    position -= keys;
  }
  throw new Error('the perturbation table does not cover every cell key');
}

/**
 * The true counts that can be published as `published`: what anyone who
 * knows the method (not the record keys) may conclude from one value. A null
 * (a figure the method never publishes) says nothing.
 */
export function possibleTrueCounts(published: number | null): number[] {
  const limit = (published ?? 0) + largeCountNoise.length + smallCountRows.length;
  const counts: number[] = [];
  for (let count = 0; count <= limit; count += 1) {
    if (published === null || rowFor(count).some(([value]) => value === published)) counts.push(count);
  }
  return counts;
}
