import { csvField, formatCsv } from '../src/query/format-csv';
import { formatTable } from '../src/query/format-table';

describe('CSV as RFC 4180 writes it', () => {
  it('leaves plain text unquoted', () => {
    expect(csvField('QUVA Lab')).toBe('QUVA Lab');
    expect(csvField(' leading and trailing spaces ')).toBe(' leading and trailing spaces ');
  });

  it('quotes a field holding a comma', () => {
    expect(csvField('Amsterdam, Delft')).toBe('"Amsterdam, Delft"');
  });

  it('quotes a field holding a double quote and doubles the quote', () => {
    expect(csvField('the "QUVA" lab')).toBe('"the ""QUVA"" lab"');
    expect(csvField('"')).toBe('""""');
  });

  it('quotes a field holding a line break, LF, CR or CRLF, and keeps the break', () => {
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('writes null and an empty string as an empty field', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('');
  });

  it('ends every record, the last one included, with CRLF, and writes the header row first', () => {
    expect(
      formatCsv({
        columns: ['id', 'name', 'endYear'],
        rows: [
          ['a', 'Lab, "A"', null],
          ['b', '', '2020'],
        ],
      }),
    ).toBe('id,name,endYear\r\na,"Lab, ""A""",\r\nb,,2020\r\n');
  });

  it('writes the header row even without rows', () => {
    expect(formatCsv({ columns: ['id', 'location.city'], rows: [] })).toBe('id,location.city\r\n');
  });
});

describe('the table for a terminal', () => {
  it('aligns columns under a header and a line of dashes, numbers to the right, and counts the rows', () => {
    const table = formatTable({
      columns: ['id', 'startYear', 'city'],
      rows: [
        ['quva-lab', '2015', 'Amsterdam'],
        ['ai-for-oncology', null, 'Amsterdam'],
        ['x', '998', null],
      ],
    });
    expect(table.split('\n')).toEqual([
      'id               startYear  city',
      '---------------  ---------  ---------',
      'quva-lab              2015  Amsterdam',
      'ai-for-oncology             Amsterdam',
      'x                      998',
      '(3 rows)',
      '',
    ]);
  });

  it('cuts a long cell with an ellipsis and keeps line breaks from splitting a row', () => {
    const table = formatTable({ columns: ['name'], rows: [['a'.repeat(50)], ['two\nlines']] }, { maxCellWidth: 10 });
    expect(table.split('\n').slice(2, 4)).toEqual(['aaaaaaaaa…', 'two lines']);
  });
});
