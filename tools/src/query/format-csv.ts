import type { Cell, FlatRows } from './flatten-rows';

/**
 * One CSV field as RFC 4180 writes it: quoted when it holds a comma, a
 * double quote, CR or LF, with its double quotes doubled; null is an empty
 * field. (An empty string is an empty field too: CSV cannot tell them apart.)
 */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** RFC 4180 CSV: a header row, then one record per row, every line ending in CRLF. */
export function formatCsv({ columns, rows }: FlatRows): string {
  return [columns, ...rows].map((record) => `${record.map(csvField).join(',')}\r\n`).join('');
}
