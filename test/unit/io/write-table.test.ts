import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutralise, writeCsv, writeXlsx, type TableSpec } from '../../../server/io/write-table';

describe('neutralise (CSV injection)', () => {
  it.each([
    ['=1+1', 'text', "'=1+1"],
    ['+44 20', 'text', "'+44 20"],
    ['-5 days', 'text', "'-5 days"],
    ['@SUM(A1)', 'text', "'@SUM(A1)"],
    ['\tx', 'text', "'\tx"],
    ['\rx', 'text', "'\rx"],
    ['plain', 'text', 'plain'],
    ['-1234.50', 'money', '-1234.50'],
    ['-0.1234', 'decimal', '-0.1234'],
    ['-1', 'integer', '-1'],
    ['-1234.50', 'text', "'-1234.50"],
    ['=1+1', 'money', "'=1+1"],
    ['2024/25', 'fy', '2024/25'],
  ] as const)('%p in a %s column → %p', (value, kind, out) => {
    expect(neutralise(value, kind)).toBe(out);
  });
});

const table: TableSpec = {
  name: 'T',
  columns: [
    { header: 'name', kind: 'text' },
    { header: 'year', kind: 'fy' },
    { header: 'amount', kind: 'money' },
    { header: 'ratio', kind: 'decimal', places: 4 },
  ],
  rows: [[['=cmd', '2024/25', '-1234.50', '0.1234']], [], [['a,"b"\nc', '2025/26', null, null]]],
};

describe('writeCsv', () => {
  it('writes a BOM, CRLF line ends, quotes where needed and neutralised text', async () => {
    let out = '';
    await writeCsv(table, (chunk) => {
      out += chunk;
    });
    expect(out).toBe('\ufeffname,year,amount,ratio\r\n\'=cmd,2024/25,-1234.50,0.1234\r\n"a,""b""\nc",2025/26,,\r\n');
  });
});

describe('writeXlsx', () => {
  it('makes money and ratios number cells from their exact strings, with formats, and keeps text as text', async () => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    await writeXlsx([table, { ...table, name: 'A very long worksheet name that Excel refuses', rows: [] }], sink);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['T', 'A very long worksheet name that']);
    const row = wb.worksheets[0].getRow(2);
    expect(row.values).toEqual([undefined, "'=cmd", '2024/25', -1234.5, 0.1234]);
    expect(row.getCell(3).numFmt).toBe('"£"#,##0.00');
    expect(row.getCell(4).numFmt).toBe('0.0000');
    expect(wb.worksheets[0].getRow(3).getCell(1).value).toBe('a,"b"\nc');
  });
});
