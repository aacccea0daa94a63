import { clientError } from '@nlai/errors';
import type { CursorValues, OrderingShape } from './ordering';

/** Encodes a position in an ordering as an opaque cursor. */
export function encodeCursor(ordering: OrderingShape, values: CursorValues): string {
  return Buffer.from(JSON.stringify([ordering.name, ...values]), 'utf8').toString('base64url');
}

/**
 * Longest cursor accepted, to refuse junk before decoding it. Generous on
 * purpose: a 200-character name of accented letters or quotes already needs
 * over 600 characters, and a cursor we issued must always be accepted back.
 */
const maxCursorLength = 4096;

/**
 * Decodes a cursor issued for this ordering. A garbled cursor, or one issued
 * by another list or order, is the client's mistake: INVALID_CURSOR.
 */
export function decodeCursor(ordering: OrderingShape, cursor: string): CursorValues {
  const refuse = () =>
    clientError('INVALID_CURSOR', 'The `after` cursor was not issued by this list; request the first page again without it.');
  let decoded: unknown;
  try {
    if (cursor.length > maxCursorLength || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw refuse();
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(decoded) || decoded.length !== ordering.keys.length + 1 || decoded[0] !== ordering.name) throw refuse();
  const values = decoded.slice(1) as unknown[];
  ordering.keys.forEach((key, index) => {
    const value = values[index];
    const nullable = key.nulls !== undefined;
    if (value === null ? !nullable : typeof value !== key.type) throw refuse();
    if (typeof value === 'number' && !Number.isFinite(value)) throw refuse();
  });
  return values as CursorValues;
}
