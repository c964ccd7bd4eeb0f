/**
 * Writes tables as CSV or .xlsx. Cells arrive as exact strings (money "1234.50", ratios "0.1234",
 * FY labels "2024/25") or null. CSV keeps them as they are; .xlsx makes money and ratio cells
 * numbers with a display format, converting from the exact string only here, at the very edge.
 * Text that a spreadsheet would run as a formula is neutralised with a leading ' (OWASP CSV
 * injection); genuine numbers in number columns, negative ones included, are left alone.
 * A figure may also carry its full-precision value, or a formula over other cells of its table:
 * .xlsx writes those (the formula with its exact result cached), so a spreadsheet can check the
 * sums to the penny; CSV writes the C7 string.
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

/** The address ("G12") of this row's cell in the named column, or of a row `rowOffset` away. */
export type CellRef = (column: string, rowOffset?: number) => string;

/**
 * A figure that a spreadsheet should hold exactly, or work out from other cells of its table. CSV
 * writes `value`; .xlsx writes the number `exact` (with `formula`, as its cached result, for
 * viewers that do not recalculate), shown to the column's places.
 */
export interface FigureCell {
  /** The C7 string. */
  value: string;
  /** The figure at full precision (a plain or exponent decimal string); `value` when absent. */
  exact?: string;
  /** The formula, without the leading =, from the addresses of the cells it reads. */
  formula?: (ref: CellRef) => string;
}

export type Cell = string | null | FigureCell;

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

const csvText = (v: string | FigureCell): string => (typeof v === 'string' ? v : v.value);

/** UTF-8 with a byte-order mark (so Excel reads £ and accents), CRLF line ends, quoted as needed. */
export async function writeCsv(table: TableSpec, write: (chunk: string) => void | Promise<void>): Promise<void> {
  await write(stringify([table.columns.map((c) => c.header)], { ...CSV_OPTIONS, bom: true }));
  for await (const batch of table.rows) {
    if (batch.length === 0) continue;
    const lines = batch.map((row) =>
      row.map((v, i) => (v === null ? '' : neutralise(csvText(v), table.columns[i].kind))),
    );
    await write(stringify(lines, CSV_OPTIONS));
  }
}

// ## .xlsx

const GBP = '"£"#,##0.00';
/** Doubles hold 15 significant digits exactly; beyond that a money cell stays text, so no penny is lost. */
const EXACT_DIGITS = 15;

function xlsxValue(v: Cell, kind: CellKind, ref: CellRef): ExcelJS.CellValue {
  if (v === null || v === '') return null;
  if (typeof v !== 'string') {
    const exact = Number(v.exact ?? v.value);
    return v.formula ? { formula: v.formula(ref), result: exact } : exact;
  }
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

/** A, B, … Z, AA, AB, …: the letters of the 0-based column `i`. */
function columnLetters(i: number): string {
  return (i >= 26 ? columnLetters(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));
}

/** The CellRef of each row of a table, by column header. */
function cellRefs(columns: ColumnSpec[]): (rowNumber: number) => CellRef {
  const letters = new Map(columns.map((c, i) => [c.header, columnLetters(i)]));
  return (rowNumber) =>
    (column, rowOffset = 0) => {
      const letter = letters.get(column);
      const row = rowNumber + rowOffset;
      // A formula that reads a column the table lacks, or above the header, is a programming error.
      if (letter === undefined) throw new Error(`A formula reads column ${column}, which the table has not got`);
      if (row < 2) throw new Error(`A formula in row ${rowNumber} reads row ${row}, which holds no data`);
      return `${letter}${row}`;
    };
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
    const refs = cellRefs(table.columns);
    let rowNumber = 1;
    for await (const batch of table.rows) {
      for (const row of batch) {
        const ref = refs(++rowNumber);
        sheet.addRow(row.map((v, i) => xlsxValue(v, table.columns[i].kind, ref))).commit();
      }
    }
    sheet.commit();
  }
  await wb.commit();
}
