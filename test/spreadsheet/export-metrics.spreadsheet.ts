/**
 * Issue 14, part 8: a finance partner opens the metrics workbook in LibreOffice Calc and checks
 * the sums. The discount factors, net flows, present values and running totals are formulas, so
 * Calc works every figure out again; each must come to the app's figure (the API's) to the
 * penny, under the Green Book's declining schedule over 80 years (past its 3% and 2.5% bands) and
 * under a constant rate. The cached results are poisoned first, so only Calc's own arithmetic
 * can pass.
 */
import ExcelJS from 'exceljs';
import { appForTests } from '../helpers/test-app';
import { binary } from '../helpers/files';
import { aBenefit, aCostLine, aProject, twoDirectorates } from '../helpers/builders';
import { updateOrgSettings } from '../../server/domain/settings';
import { DEFAULT_RAG, DEFAULT_VFM_BANDS } from '../../server/finance';
import { Decimal, toApiMoney, toFixedString } from '../../server/money';
import { assertLibreOffice, recalculate, removeProfile } from './libreoffice';

const YEARS = 80;
/** Pounds and pence that no binary fraction holds exactly, different every year. */
const amount = (base: number, i: number): string => (base + i * 1371.37 + ((i * 7919) % 97) / 100).toFixed(2);
const fy = (start: number): string => `${start}/${String((start + 1) % 100).padStart(2, '0')}`;

const { t, web, api } = appForTests({
  web: 'finance',
  api: 'scrutiny',
  per: 'file',
  seed: async (app) => {
    await twoDirectorates(app.ctx);
    // Optimism bias on planned costs and a benefit confidence below 1: risk-adjusted amounts run
    // past the penny, as a real directorate's do.
    await aProject(app.ctx, { code: 'CS-001', startYear: '2024/25', optimismBias: '0.2345' });
    await aProject(app.ctx, { code: 'CS-002', name: 'Libraries self-service', startYear: '2025/26' });
    await aProject(app.ctx, { code: 'RES-001', name: 'Finance system', directorateCode: 'RES' });
    await aCostLine(app.ctx, 'CS-001', { amount: '1234567.89' });
    await aCostLine(app.ctx, 'CS-001', { year: '2025/26', amount: '345678.91', category: 'licences' });
    await aCostLine(app.ctx, 'CS-001', { kind: 'actual', amount: '1301234.57' });
    await aCostLine(app.ctx, 'CS-002', { year: '2025/26', amount: '87654.33' });
    await aCostLine(app.ctx, 'RES-001', { amount: '5000.00' });
    await aBenefit(app.ctx, 'CS-001', {
      confidence: '0.8765',
      profile: Array.from({ length: YEARS }, (_, i) => ({ year: fy(2025 + i), amount: amount(43210.99, i) })),
    });
    await aBenefit(app.ctx, 'CS-002', {
      type: 'non_cashable',
      confidence: '0.65',
      profile: Array.from({ length: 12 }, (_, i) => ({ year: fy(2026 + i), amount: amount(9876.54, i) })),
    });
    await aBenefit(app.ctx, 'RES-001', { profile: [{ year: '2025/26', amount: '999999.99' }] });
  },
});

const QUERY = 'directorate=CS&asAt=2026-06-30&riskAdjusted=true';
const VIEWS = [
  ['businessCase', 'business case'],
  ['forecast', 'forecast'],
  ['toDate', 'to date'],
] as const;
const FORMULA_COLUMNS = ['discount_factor', 'net', 'pv_net', 'cumulative_net', 'cumulative_pv_net'];
const POISON = 999999.99;

interface ApiYear {
  year: string;
  index: number;
  discountFactor: string;
  costs: string;
  benefits: string;
  net: string;
  pvNet: string;
  cumulativeNet: string;
  cumulativePvNet: string;
}
type ApiView = { years: ApiYear[]; npv: string };

async function download(): Promise<Buffer> {
  const res = await web.get(`/exports/metrics.xlsx?${QUERY}`).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  return res.body as Buffer;
}

async function apiFigures(): Promise<Record<(typeof VIEWS)[number][0], ApiView>> {
  const res = await api.get(`/api/v1/portfolio/metrics?${QUERY}`);
  expect([res.status, res.status === 200 ? '' : res.text]).toEqual([200, '']);
  return res.body;
}

/** Every formula's cached result replaced by a wrong figure, so only recalculation can set it right. */
async function poisoned(xlsx: Buffer): Promise<{ file: Buffer; formulas: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as never);
  let formulas = 0;
  wb.getWorksheet('Yearly flows')!.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.formula) {
        cell.value = { formula: cell.formula, result: POISON };
        formulas++;
      }
    }),
  );
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), formulas };
}

/** The 'Yearly flows' rows of one view, by column header. */
function sheetRows(wb: ExcelJS.Workbook, label: string): Record<string, ExcelJS.Cell>[] {
  const sheet = wb.getWorksheet('Yearly flows')!;
  const headers = (sheet.getRow(1).values as string[]).slice(1);
  const rows: Record<string, ExcelJS.Cell>[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1 && row.getCell(1).value === label)
      rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1)])));
  });
  return rows;
}

/**
 * A number cell's figure (a formula's result) as an exact decimal. ExcelJS reads a cached <v>0</v>
 * as no result at all, so a formula without one is 0.
 */
function figure(cell: ExcelJS.Cell): Decimal {
  const v = cell.value;
  const n = v !== null && typeof v === 'object' && 'formula' in v ? (v.result ?? 0) : v;
  if (typeof n !== 'number') throw new Error(`${cell.address} holds ${JSON.stringify(v)}, not a number`);
  return new Decimal(String(n));
}

/** What Calc shows (and sums) must be the app's figures to the penny, in every view. */
function expectTheAppsFigures(wb: ExcelJS.Workbook, app: Record<string, ApiView>, rule: 'green_book' | 'constant') {
  for (const [key, label] of VIEWS) {
    const rows = sheetRows(wb, label);
    const years = app[key].years;
    expect(rows).toHaveLength(years.length);
    const shown = rows.map((r) => ({
      year: r.year.value,
      index: r.year_index.value,
      discountFactor: toFixedString(figure(r.discount_factor), 6),
      costs: toApiMoney(figure(r.costs)),
      benefits: toApiMoney(figure(r.benefits)),
      net: toApiMoney(figure(r.net)),
      pvNet: toApiMoney(figure(r.pv_net)),
      cumulativeNet: toApiMoney(figure(r.cumulative_net)),
      cumulativePvNet: toApiMoney(figure(r.cumulative_pv_net)),
    }));
    expect(shown).toEqual(years);
    // The finance partner's check: net × factor for each year, summed, is the NPV.
    const sum = rows.reduce((s, r) => s.plus(figure(r.net).times(figure(r.discount_factor))), new Decimal(0));
    expect(toApiMoney(sum)).toBe(app[key].npv);
    expect(shown[shown.length - 1].cumulativePvNet).toBe(app[key].npv);
    // Every figure but the Green Book's DF(0) = 1 is a formula.
    for (const r of rows)
      for (const c of FORMULA_COLUMNS)
        if (!(c === 'discount_factor' && rule === 'green_book' && r.year_index.value === 0))
          expect([r[c].address, typeof r[c].formula]).toEqual([r[c].address, 'string']);
  }
}

beforeAll(() => assertLibreOffice());
afterAll(() => removeProfile());

describe('the metrics workbook, recalculated in LibreOffice Calc', () => {
  it('sets a wrong cached result right on loading (the check below depends on it)', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('S');
    sheet.getCell('A1').value = 2;
    sheet.getCell('B1').value = { formula: 'A1*3', result: 99 };
    const calc = await recalculate(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(calc.getWorksheet('S')!.getCell('B1').value).toEqual({ formula: 'A1*3', result: 6 });
  });

  it('caches the app’s exact figures, for viewers that do not recalculate', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download()) as never);
    expectTheAppsFigures(wb, await apiFigures(), 'green_book');
  });

  it('comes to the app’s every present value, running total and NPV to the penny on the Green Book schedule', async () => {
    const app = await apiFigures();
    expect(app.forecast.years.length).toBeGreaterThan(76); // into the 2.5% band
    const { file, formulas } = await poisoned(await download());
    expect(formulas).toBeGreaterThan(2 * 5 * 76); // business case and forecast, 77+ years each
    const calc = await recalculate(file);
    expectTheAppsFigures(calc, app, 'green_book');
    const df31 = sheetRows(calc, 'forecast')[31].discount_factor;
    // C3: DF(31) = DF(30) / 1.03, from the row above: the 3% band.
    expect([df31.formula, toFixedString(figure(df31), 6)]).toEqual([`D${Number(df31.row) - 1}/(1+0.03)`, '0.345901']);
  });

  // Last: it changes the organisation's rule for the rest of the file.
  it('does so under a constant rate as well', async () => {
    await updateOrgSettings(t.ctx, {
      discountRule: { kind: 'constant', rate: new Decimal('0.0625') },
      rag: DEFAULT_RAG,
      vfmBands: DEFAULT_VFM_BANDS,
      priceBasis: 'real',
    });
    const app = await apiFigures();
    const calc = await recalculate((await poisoned(await download())).file);
    expectTheAppsFigures(calc, app, 'constant');
    const df40 = sheetRows(calc, 'business case')[40].discount_factor;
    expect(df40.formula).toBe(`1/(1+0.0625)^C${df40.row}`);
  });
});
