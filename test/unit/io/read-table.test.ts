import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import {
  cellText,
  detectDelimiter,
  detectFormat,
  FileReadError,
  MAX_ROWS,
  parseCsvText,
  readCsv,
  readXlsx,
} from '../../../server/io/read-table';

describe('parseCsvText', () => {
  it.each([
    [
      'plain rows',
      'a,b\n1,2\n3,4\n',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
        [3, ['3', '4']],
      ],
    ],
    [
      'CRLF and no final line end',
      'a,b\r\n1,2',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      'old Mac CR line ends',
      'a,b\r1,2\r',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      'blank and whitespace lines skipped, still counted',
      'a\n\n  \r\n,,\nb\n',
      [
        [1, ['a']],
        [5, ['b']],
      ],
    ],
    [
      'quoted separator, doubled quote and line breaks',
      'a,b\n"x,\ny\r\nz","say ""hi"""\nnext,1\n',
      [
        [1, ['a', 'b']],
        [2, ['x,\ny\r\nz', 'say "hi"']],
        [5, ['next', '1']],
      ],
    ],
    [
      'a CR alone inside quotes is a line',
      '"a\rb",c\nd\n',
      [
        [1, ['a\rb', 'c']],
        [3, ['d']],
      ],
    ],
    ['values are trimmed, and spaces before an opening quote ignored', ' a , "b, " \n', [[1, ['a', 'b,']]]],
    ['empty quoted value', '"",x\n', [[1, ['', 'x']]]],
    ['a stray quote inside a value is text', 'ab"c,d\n', [[1, ['ab"c', 'd']]]],
    ['trailing separator gives an empty last value', 'a,\n', [[1, ['a', '']]]],
  ] as [string, string, [number, string[]][]][])('%s', (_name, text, expected) => {
    expect(parseCsvText(text, ',').map((r) => [r.line, r.cells])).toEqual(expected);
  });

  it('takes semicolons when asked', () => {
    expect(parseCsvText('a;"b;c"\n', ';').map((r) => r.cells)).toEqual([['a', 'b;c']]);
  });

  it.each([
    ['an unclosed quote', 'a\n"open,\nb\n', 'A quoted value that starts on line 2 is never closed: check its quotes'],
    [
      'text after a closing quote',
      'a\n"x"y,z\n',
      'Line 2 has text after the closing quote of value 1: put the whole value inside the quotes',
    ],
  ])('refuses %s with its line', (_name, text, message) => {
    expect(() => parseCsvText(text, ',')).toThrow(new FileReadError(message));
  });

  it('reads the same records as csv-parse, and the line each starts on', () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'a', '£1,234.50', 'x y', '=1+1', 'é'),
      fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r\n', ' ', 'b') }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        (records, eol) => {
          // Quote every value that needs it, as a spreadsheet would.
          const text =
            records
              .map((r) =>
                r.map((v) => (/[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v)).join(','),
              )
              .join(eol) + eol;
          const ours = parseCsvText(text, ',');
          const theirs = (parse(text, { relax_column_count: true, skip_empty_lines: true, trim: false }) as string[][])
            .map((r) => r.map((v) => v.trim()))
            .filter((r) => r.some((v) => v !== ''));
          expect(ours.map((r) => r.cells)).toEqual(theirs);
          // Each record starts on the line after the line breaks of everything before it.
          const starts: number[] = [];
          let line = 1;
          for (const r of records) {
            const joined = r.map((v) => v).join(',');
            if (r.some((v) => v.trim() !== '')) starts.push(line);
            line += (joined.match(/\r\n|\n|\r/g) ?? []).length + 1;
          }
          expect(ours.map((r) => r.line)).toEqual(starts);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('readCsv', () => {
  it('drops a byte-order mark and picks the separator from the header line', () => {
    const t = readCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a;b;"c,d"\n1;2,5;3\n')]));
    expect(t).toEqual({ header: ['a', 'b', 'c,d'], headerLine: 1, rows: [{ line: 2, cells: ['1', '2,5', '3'] }] });
  });

  it('refuses text that is not UTF-8', () => {
    expect(() => readCsv(Buffer.from([0x61, 0x0a, 0xa3, 0x35]))).toThrow('The file is not UTF-8 text');
  });

  it('reports the header on the first line that has anything on it', () => {
    expect(readCsv(Buffer.from('\n\n a , b \n1,2\n'))).toEqual({
      header: ['a', 'b'],
      headerLine: 3,
      rows: [{ line: 4, cells: ['1', '2'] }],
    });
    expect(readCsv(Buffer.from(''))).toEqual({ header: [], headerLine: 0, rows: [] });
  });

  it(`stops at ${MAX_ROWS} rows of data`, () => {
    const ok = `h\n${'1\n'.repeat(MAX_ROWS)}`;
    expect(readCsv(Buffer.from(ok)).rows).toHaveLength(MAX_ROWS);
    expect(() => readCsv(Buffer.from(`${ok}1\n`))).toThrow(
      'The file has more than 200,000 rows of data: split it into smaller files',
    );
  });
});

describe('detectDelimiter and detectFormat', () => {
  it.each([
    ['a,b,c', ','],
    ['a;b;c', ';'],
    ['"a;b",c', ','],
    ['"x,y";b;c', ';'],
    ['a;b,c;d\n1,2,3,4,5', ';'],
    ['single', ','],
  ])('%p → %p', (text, sep) => {
    expect(detectDelimiter(text)).toBe(sep);
  });

  it('tells an .xlsx (zip) from text', () => {
    expect(detectFormat(Buffer.from('PK\x03\x04rest'))).toBe('xlsx');
    expect(detectFormat(Buffer.from('project_code,year'))).toBe('csv');
    expect(detectFormat(Buffer.from('PK'))).toBe('csv');
  });
});

describe('.xlsx', () => {
  it.each([
    [null, ''],
    ['  text ', 'text'],
    [1234.5, '1234.5'],
    [0.1 + 0.2, '0.3'],
    [-12.34, '-12.34'],
    [999999999999.99, '999999999999.99'],
    [-0.07, '-0.07'],
    [true, 'true'],
    [new Date(Date.UTC(2025, 5, 30)), '2025-06-30'],
    [{ richText: [{ text: 'a' }, { text: 'b' }] }, 'ab'],
    [{ text: 'link', hyperlink: 'http://x' }, 'link'],
    [{ formula: 'A1*2', result: 4.5 }, '4.5'],
    [{ error: '#N/A' }, '#N/A'],
  ] as [ExcelJS.CellValue, string][])('reads cell %p as %p', (value, text) => {
    expect(cellText(value)).toBe(text);
  });

  it('reads the first worksheet with row numbers as lines, skipping empty rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('One');
    ws.getCell('A2').value = 'a';
    ws.getCell('B2').value = 'b';
    ws.getCell('A4').value = 1;
    ws.getCell('C4').value = 'x';
    wb.addWorksheet('Two').getCell('A1').value = 'other';
    const t = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(t).toEqual({ header: ['a', 'b'], headerLine: 2, rows: [{ line: 4, cells: ['1', '', 'x'] }] });
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(readXlsx(Buffer.from('PK\x03\x04 broken'))).rejects.toThrow('could not be read as an Excel workbook');
  });
});
