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

describe('figure cells', () => {
  const figures: TableSpec = {
    name: 'F',
    columns: [
      { header: 'costs', kind: 'money' },
      { header: 'benefits', kind: 'money' },
      { header: 'net', kind: 'money' },
      { header: 'running', kind: 'money' },
    ],
    rows: [
      [
        [
          { value: '10.00', exact: '10.004' },
          { value: '25.50', exact: '25.4975' },
          { value: '15.49', exact: '15.4935', formula: (ref) => `${ref('benefits')}-${ref('costs')}` },
          { value: '15.49', exact: '15.4935', formula: (ref) => ref('net') },
        ],
      ],
      [
        [
          '1.00',
          '3.00',
          { value: '2.00', formula: (ref) => `${ref('benefits')}-${ref('costs')}` },
          {
            value: '17.49',
            exact: '17.4935',
            formula: (ref) => `${ref('running', -1)}+${ref('net')}`,
          },
        ],
      ],
    ],
  };

  it('go to CSV as their C7 strings', async () => {
    let out = '';
    await writeCsv(figures, (chunk) => {
      out += chunk;
    });
    expect(out).toBe('\ufeffcosts,benefits,net,running\r\n10.00,25.50,15.49,15.49\r\n1.00,3.00,2.00,17.49\r\n');
  });

  it('go to .xlsx at full precision, formulas addressing their row and the rows around it, results cached', async () => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    await writeXlsx([figures], sink);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as never);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      10.004,
      25.4975,
      { formula: 'B2-A2', result: 15.4935 },
      { formula: 'C2', result: 15.4935 },
    ]);
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      1,
      3,
      { formula: 'B3-A3', result: 2 },
      { formula: 'D2+C3', result: 17.4935 },
    ]);
    expect(sheet.getRow(3).getCell(4).numFmt).toBe('"£"#,##0.00');
  });

  it('refuse a formula that reads a column the table has not got, or above its first row', async () => {
    const bad = (formula: (ref: (c: string, o?: number) => string) => string): TableSpec => ({
      ...figures,
      rows: [[[null, null, { value: '1.00', formula }, null]]],
    });
    await expect(writeXlsx([bad((ref) => ref('gross'))], new PassThrough())).rejects.toThrow(
      'A formula reads column gross, which the table has not got',
    );
    await expect(writeXlsx([bad((ref) => ref('net', -1))], new PassThrough())).rejects.toThrow(
      'A formula in row 2 reads row 1, which holds no data',
    );
  });
});
