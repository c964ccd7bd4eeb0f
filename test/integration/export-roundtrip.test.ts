import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { appForTests } from '../helpers/test-app';
import { apiClient } from '../helpers/clients';
import { binary, costLineRows } from '../helpers/files';
import { aBenefit, aCostLine, aProject, aProjectWithDirectorate, aRealisation } from '../helpers/builders';
import * as realisationsRepo from '../../server/repositories/realisations';
import type { RealisationWrite } from '../../server/repositories/realisations';
import { Decimal } from '../../server/money';

const { t, web: reader } = appForTests({
  web: 'scrutiny',
  seed: async (app) => {
    await aProjectWithDirectorate(app.ctx);
    await aProject(app.ctx, { code: 'CS-002', name: 'Second project', startYear: '2023/24' });
    await aCostLine(app.ctx, 'CS-001', { amount: '1234.50', description: 'Servers, "rack" A', reference: 'PO-1' });
    await aCostLine(app.ctx, 'CS-001', {
      kind: 'actual',
      category: 'services',
      amount: '500.00',
      isCredit: true,
      description: '=SUM(A1:A9)',
      reference: 'CR-1',
    });
    await aCostLine(app.ctx, 'CS-001', {
      year: '2025/26',
      category: 'staff',
      amount: '999999999999.99',
      description: '-5 adjustment',
      reference: '@ref',
    });
    await aCostLine(app.ctx, 'CS-002', {
      year: '2023/24',
      category: 'licences',
      amount: '0.01',
      description: 'Line one\nline two',
      reference: '+44',
    });
    await aBenefit(app.ctx, 'CS-001', {
      ref: 'B1',
      category: 'Efficiency',
      confidence: '0.85',
      owner: 'Head',
      profile: [
        { year: '2025/26', amount: '40000.50' },
        { year: '2026/27', amount: '41000.00' },
      ],
    });
    await aBenefit(app.ctx, 'CS-001', {
      ref: 'D1',
      title: '=HYPERLINK("x")',
      type: 'non_cashable',
      isDisbenefit: true,
      profile: [{ year: '2025/26', amount: '10.00' }],
    });
    await aBenefit(app.ctx, 'CS-001', { ref: 'Q1', title: 'Morale', type: 'qualitative', profile: [] });
    await aBenefit(app.ctx, 'CS-002', { ref: 'B1', title: 'No profile yet', profile: [] });
    await aRealisation(app.ctx, 'CS-001', 'B1', { amount: '30000.01', evidence: 'Ledger, p. 4' });
    await aRealisation(app.ctx, 'CS-001', 'B1', {
      year: '2026/27',
      amount: '-100.00',
      isCorrection: true,
      evidence: 'Double count in 2025/26',
    });
    await aRealisation(app.ctx, 'CS-001', 'Q1', { amount: null, value: '+12%', evidence: 'Survey' });
  },
});

async function download(name: string): Promise<Buffer> {
  const res = await reader.get(`/exports/${name}`).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  return res.body as Buffer;
}

/** The stored rows in import-layout terms, so the comparison ignores ids, versions and timestamps. */
async function snapshot() {
  const costs = await costLineRows(t.db).orderBy(['p.code', 'c.reference']);
  const benefits = await t
    .db('benefits as b')
    .join('projects as p', 'p.id', 'b.project_id')
    .orderBy(['p.code', 'b.ref'])
    .select('p.code', 'b.ref', 'b.title', 'b.type', 'b.category', 'b.confidence', 'b.owner', 'b.is_disbenefit');
  const profile = await t
    .db('benefit_profile as bp')
    .join('benefits as b', 'b.id', 'bp.benefit_id')
    .join('projects as p', 'p.id', 'b.project_id')
    .orderBy(['p.code', 'b.ref', 'bp.fy_start'])
    .select('p.code', 'b.ref', 'bp.fy_start', 'bp.amount_pence');
  const realisations = await t
    .db('realisations as r')
    .join('benefits as b', 'b.id', 'r.benefit_id')
    .join('projects as p', 'p.id', 'b.project_id')
    .orderBy(['p.code', 'b.ref', 'r.fy_start'])
    .select('p.code', 'b.ref', 'r.fy_start', 'r.amount_pence', 'r.value', 'r.is_correction', 'r.evidence');
  const norm = (rows: Record<string, unknown>[]) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          typeof v === 'boolean' || k.startsWith('is_') ? Boolean(v) : v === null ? null : String(v),
        ]),
      ),
    );
  return { costs: norm(costs), benefits: norm(benefits), profile: norm(profile), realisations: norm(realisations) };
}

async function wipe() {
  await t.db('realisations').delete();
  await t.db('benefit_profile').delete();
  await t.db('benefits').delete();
  await t.db('cost_lines').delete();
}

async function reimport(files: { costs: Buffer; profiles: Buffer; realisations: Buffer }, ext: string) {
  const finance = await apiClient(t.app, t.db, 'finance');
  const admin = await apiClient(t.app, t.db, 'admin');
  for (const [kind, client] of [
    ['costs', finance],
    ['profiles', finance],
    ['realisations', admin],
  ] as const) {
    const res = await client.post(`/api/v1/imports/${kind}`).attach('file', files[kind], `${kind}.${ext}`);
    expect({ kind, status: res.status, problems: res.body.problems }).toEqual({ kind, status: 201, problems: [] });
  }
}

describe('export → wipe → import', () => {
  it('gives back exactly the same rows from CSV', async () => {
    const before = await snapshot();
    const files = {
      costs: await download('costs.csv'),
      profiles: await download('profiles.csv'),
      realisations: await download('realisations.csv'),
    };
    await wipe();
    await reimport(files, 'csv');
    expect(await snapshot()).toEqual(before);
    // And the exports of the re-imported data are the same files.
    expect((await download('costs.csv')).equals(files.costs)).toBe(true);
    expect((await download('profiles.csv')).equals(files.profiles)).toBe(true);
  });

  it('gives back exactly the same rows from .xlsx', async () => {
    const before = await snapshot();
    const files = {
      costs: await download('costs.xlsx'),
      profiles: await download('profiles.xlsx'),
      realisations: await download('realisations.xlsx'),
    };
    await wipe();
    await reimport(files, 'xlsx');
    expect(await snapshot()).toEqual(before);
  });

  it('finds a fresh export of unchanged data all unchanged when imported again', async () => {
    const finance = await apiClient(t.app, t.db, 'finance');
    const res = await finance
      .post('/api/v1/imports/costs?dryRun=true')
      .attach('file', await download('costs.csv'), 'costs.csv');
    expect(res.body.rows).toEqual({ add: 0, update: 0, unchanged: 4 });
  });
});

describe('GET /exports/costs.csv', () => {
  it('writes the import layout with exact decimals, FY labels, and formulas neutralised but negative amounts kept', async () => {
    const file = await download('costs.csv');
    expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = file.toString('utf8').slice(1);
    const rows = parse(text) as string[][];
    expect(rows).toEqual([
      [
        'project_code',
        'year',
        'kind',
        'funding',
        'category',
        'recurrence',
        'amount',
        'description',
        'reference',
        'credit',
      ],
      ['CS-001', '2024/25', 'actual', 'revenue', 'services', '', '-500.00', "'=SUM(A1:A9)", 'CR-1', 'yes'],
      ['CS-001', '2024/25', 'planned', 'capital', 'other', '', '1234.50', 'Servers, "rack" A', 'PO-1', 'no'],
      ['CS-001', '2025/26', 'planned', 'revenue', 'staff', '', '999999999999.99', "'-5 adjustment", "'@ref", 'no'],
      ['CS-002', '2023/24', 'planned', 'revenue', 'licences', '', '0.01', 'Line one\nline two', "'+44", 'no'],
    ]);
    expect(text).toContain('\r\nCS-001,2024/25,actual,revenue,services,,-500.00,');
    expect(text).toContain(',"Line one\nline two",');
  });
});

describe('GET /exports/costs.xlsx', () => {
  it('makes amounts £-formatted number cells (negatives included), years text, and neutralises formula text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download('costs.xlsx')) as never);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Cost lines');
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'project_code',
      'year',
      'kind',
      'funding',
      'category',
      'recurrence',
      'amount',
      'description',
      'reference',
      'credit',
    ]);
    const credit = ws.getRow(2);
    expect(credit.getCell(7).value).toBe(-500);
    expect(credit.getCell(7).numFmt).toBe('"£"#,##0.00');
    expect(credit.getCell(8).value).toBe("'=SUM(A1:A9)");
    expect(credit.getCell(2).value).toBe('2024/25');
    expect(ws.getRow(3).getCell(7).value).toBe(1234.5);
    // The largest C1 amount has 14 significant digits: a double holds it exactly.
    expect(ws.getRow(4).getCell(7).value).toBe(999999999999.99);
    expect(ws.getRow(4).getCell(8).value).toBe("'-5 adjustment");
  });
});

describe('GET /exports/profiles.csv and realisations.csv', () => {
  it('lists each profile year, and a benefit without a profile once with blank year and amount', async () => {
    const rows = parse((await download('profiles.csv')).toString('utf8').slice(1)) as string[][];
    expect(rows).toEqual([
      [
        'project_code',
        'benefit_ref',
        'title',
        'type',
        'category',
        'year',
        'expected_amount',
        'confidence',
        'owner',
        'disbenefit',
      ],
      ['CS-001', 'B1', 'Staff time saved', 'cashable', 'Efficiency', '2025/26', '40000.50', '0.85', 'Head', 'no'],
      ['CS-001', 'B1', 'Staff time saved', 'cashable', 'Efficiency', '2026/27', '41000.00', '0.85', 'Head', 'no'],
      ['CS-001', 'D1', '\'=HYPERLINK("x")', 'non_cashable', '', '2025/26', '10.00', '1', '', 'yes'],
      ['CS-001', 'Q1', 'Morale', 'qualitative', '', '', '', '1', '', 'no'],
      ['CS-002', 'B1', 'No profile yet', 'cashable', '', '', '', '1', '', 'no'],
    ]);
    const realised = parse((await download('realisations.csv')).toString('utf8').slice(1)) as string[][];
    expect(realised).toEqual([
      ['project_code', 'benefit_ref', 'year', 'amount', 'value', 'evidence', 'correction'],
      ['CS-001', 'B1', '2025/26', '30000.01', '', 'Ledger, p. 4', 'no'],
      ['CS-001', 'B1', '2026/27', '-100.00', '', 'Double count in 2025/26', 'yes'],
      ['CS-001', 'Q1', '2025/26', '', "'+12%", 'Survey', 'no'],
    ]);
  });
});

describe('a realisation saved before evidence was required (issue 14)', () => {
  /** Straight through the repository, as old rows were saved: no rule checks it. */
  async function anOldRealisation(ref: string, write: Partial<RealisationWrite>) {
    const benefit = await t
      .db('benefits as b')
      .join('projects as p', 'p.id', 'b.project_id')
      .where({ 'p.code': 'CS-001', 'b.ref': ref })
      .first('b.id');
    const row = { fy: 2024, amount: null, value: '', isCorrection: false, evidence: '', recordedBy: 'Old system' };
    await realisationsRepo.insert(t.db, benefit.id, { ...row, recordedOn: '2025-03-31', ...write });
  }

  it('is exported as "no evidence recorded", which imports back as unchanged, not as evidence', async () => {
    await anOldRealisation('B1', { amount: new Decimal('85000') });
    await anOldRealisation('Q1', { value: 'Fair' });
    const file = await download('realisations.csv');
    const rows = parse(file.toString('utf8').slice(1)) as string[][];
    expect(rows).toContainEqual(['CS-001', 'B1', '2024/25', '85000.00', '', 'no evidence recorded', 'no']);
    expect(rows).toContainEqual(['CS-001', 'Q1', '2024/25', '', 'Fair', 'no evidence recorded', 'no']);

    const admin = await apiClient(t.app, t.db, 'admin');
    const again = await admin.post('/api/v1/imports/realisations').attach('file', file, 'realisations.csv');
    expect(again.status).toBe(201);
    expect(again.body.rows).toEqual({ add: 0, update: 0, unchanged: 5 });
    const stored = await t.db('realisations').where({ fy_start: 2024 }).orderBy('id').pluck('evidence');
    expect(stored).toEqual(['', '']);

    // Changing the old amount is a save: it needs evidence, and the words shown for none are not evidence.
    const changed = file.toString('utf8').replace('85000.00', '86000.00');
    const refused = await admin
      .post('/api/v1/imports/realisations')
      .attach('file', Buffer.from(changed), 'realisations.csv');
    expect(refused.status).toBe(422);
    expect(refused.body.problems).toEqual([
      {
        line: 2,
        column: 'evidence',
        message:
          'Enter the evidence for the amount realised: where the figure comes from (a report, a ledger extract) or a link to it',
      },
    ]);
  });
});
