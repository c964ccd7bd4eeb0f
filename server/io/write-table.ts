/**
 * Writes tables as CSV or .xlsx. Cells arrive as exact strings (money "1234.50", ratios "0.1234",
 * FY labels "2024/25") or null. CSV keeps them as they are; .xlsx makes money and ratio cells
 * numbers with a display format, converting from the exact string only here, at the very edge.
 * Text that a spreadsheet would run as a formula is neutralised with a leading ' (OWASP CSV
 * injection); genuine numbers in number columns, negative ones included, are left alone.
 */
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

export type CellKind = 'text' | 'fy' | 'money' | 'decimal' | 'integer';

export interface ColumnSpec {
  header: string;
  kind: CellKind;
  /** Decimal places shown in .xlsx for 'decimal' columns. */
  places?: number;
}

export type Cell = string | null;

export interface TableSpec {
  /** Worksheet name (31 characters at most). */
  name: string;
  columns: ColumnSpec[];
  /** Rows in batches, so a long table never sits in memory at once. */
  rows: AsyncIterable<Cell[][]> | Iterable<Cell[][]>;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Prefixes text that a spreadsheet would treat as a formula; numbers in number columns pass. */
export function neutralise(value: string, kind: CellKind): string {
  if ((kind === 'money' || kind === 'decimal' || kind === 'integer') && PLAIN_NUMBER.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

// ## CSV

/**
 * A value holding any line break is quoted, not just one holding CRLF: Excel and most readers end
 * a row at a bare LF or CR too.
 */
const CSV_OPTIONS = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

/** UTF-8 with a byte-order mark (so Excel reads £ and accents), CRLF line ends, quoted as needed. */
export async function writeCsv(table: TableSpec, write: (chunk: string) => void | Promise<void>): Promise<void> {
  await write(stringify([table.columns.map((c) => c.header)], { ...CSV_OPTIONS, bom: true }));
  for await (const batch of table.rows) {
    if (batch.length === 0) continue;
    const lines = batch.map((row) => row.map((v, i) => (v === null ? '' : neutralise(v, table.columns[i].kind))));
    await write(stringify(lines, CSV_OPTIONS));
  }
}

// ## .xlsx

const GBP = '"£"#,##0.00';
/** Doubles hold 15 significant digits exactly; beyond that a money cell stays text, so no penny is lost. */
const EXACT_DIGITS = 15;

function xlsxValue(v: Cell, kind: CellKind): ExcelJS.CellValue {
  if (v === null || v === '') return null;
  if (
    (kind === 'money' || kind === 'decimal' || kind === 'integer') &&
    PLAIN_NUMBER.test(v) &&
    v.replace(/^-?0*|\./g, '').length <= EXACT_DIGITS
  ) {
    return Number(v);
  }
  return neutralise(v, kind);
}

function numFmt(c: ColumnSpec): string | undefined {
  if (c.kind === 'money') return GBP;
  if (c.kind === 'decimal') return c.places ? `0.${'0'.repeat(c.places)}` : '0.####';
  if (c.kind === 'integer') return '0';
  return '@';
}

/** Streams a workbook with one worksheet per table to `out` (an HTTP response, for example). */
export async function writeXlsx(tables: TableSpec[], out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Realise';
  for (const table of tables) {
    const sheet = wb.addWorksheet(table.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({
      header: c.header,
      key: c.header,
      width: Math.max(12, Math.min(40, c.header.length + 4)),
      style: { numFmt: numFmt(c) },
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const batch of table.rows) {
      for (const row of batch) sheet.addRow(row.map((v, i) => xlsxValue(v, table.columns[i].kind))).commit();
    }
    sheet.commit();
  }
  await wb.commit();
}
