import type { Cell, FlatRows } from './flatten-rows';

/** Options of {@link formatTable}. */
export interface TableOptions {
  /** The widest a column may be, in characters; longer text is cut and ends in "…". Default 40. */
  maxCellWidth?: number;
}

const numeric = /^-?\d+(\.\d+)?$/;

/** Counts code points, not UTF-16 units, so "é" and "…" are one character wide. */
const width = (text: string) => [...text].length;

function fit(cell: Cell, maxWidth: number): string {
  // Line breaks and tabs would break the row across lines.
  const text = (cell ?? '').replace(/\r\n|[\r\n\t]/g, ' ');
  const characters = [...text];
  return characters.length > maxWidth ? `${characters.slice(0, maxWidth - 1).join('')}…` : text;
}

/**
 * Aligned columns for a terminal: a header row, a line of dashes, the rows,
 * and a count. Columns of numbers are right-aligned; cells are cut at
 * `maxCellWidth`.
 */
export function formatTable({ columns, rows }: FlatRows, options: TableOptions = {}): string {
  const maxWidth = Math.max(options.maxCellWidth ?? 40, 2);
  const header = columns.map((column) => fit(column, maxWidth));
  const body = rows.map((row) => row.map((cell) => fit(cell, maxWidth)));
  const widths = header.map((title, index) => Math.max(width(title), ...body.map((row) => width(row[index] ?? ''))));
  const rightAligned = columns.map((_, index) => {
    const values = rows.map((row) => row[index]).filter((cell): cell is string => cell !== null && cell !== '');
    return values.length > 0 && values.every((value) => numeric.test(value));
  });
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => {
        const padding = ' '.repeat(widths[index]! - width(cell));
        return rightAligned[index] ? padding + cell : cell + padding;
      })
      .join('  ')
      .trimEnd();
  const count = `(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})`;
  return [line(header), widths.map((columnWidth) => '-'.repeat(columnWidth)).join('  '), ...body.map(line), count].join('\n') + '\n';
}
