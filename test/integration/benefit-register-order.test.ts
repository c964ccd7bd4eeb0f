/**
 * The benefits register sorted by a money figure (issue 19) reads its keys from the stored sums to
 * date (benefit_to_date_sums, C8) instead of summing the ledger per request. On a random portfolio
 * written through the use cases, every sort, direction and as-at year orders the benefits exactly
 * as the register's earlier computation did (a sum of the ledger's rows to the as-at year, ties by
 * project code and benefit ref), before and after edits and deletions; and `verify` finds the
 * stored sums equal to the ledger's. Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import type { Knex } from 'knex';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { aBenefit, aDirectorate, aProject, aRealisation } from '../helpers/builders';
import { prng } from '../../scripts/bench/generate';
import { currentFy, fyLabel } from '../../server/financial-year';
import { deleteBenefit, replaceBenefitProfile } from '../../server/domain/benefits';
import { deleteRealisation } from '../../server/domain/realisations';
import { Decimal } from '../../server/money';
import { rebuildSummaries, verifySummaries } from '../../server/domain/summaries';
import * as registerRepo from '../../server/repositories/benefit-register';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const NOW = currentFy();
const rand = prng(19);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
/** Few distinct amounts, so equal sums (ties) are common. */
const amount = () => `${[0, 100, 250, 1000, 12345.67, 99999.99][int(0, 5)].toFixed(2)}`;

/** The register's order before the stored sums: each benefit's rows to the as-at year summed per request. */
async function earlierOrder(db: Knex, key: 'expected' | 'realised', dir: 'asc' | 'desc', asAtFy: number) {
  const sums = db(key === 'expected' ? 'benefit_profile' : 'realisations')
    .where('fy_start', '<=', asAtFy)
    .whereNotNull('amount_pence')
    .groupBy('benefit_id')
    .select('benefit_id', db.raw('SUM(CAST(amount_pence AS DOUBLE PRECISION)) AS v'));
  const rows: { id: number }[] = await db('benefits as b')
    .join('projects as p', 'p.id', 'b.project_id')
    .join('directorates as d', 'd.id', 'p.directorate_id')
    .leftJoin(sums.as('s'), 's.benefit_id', 'b.id')
    .orderByRaw(`COALESCE(s.v, 0) ${dir}`)
    .orderBy('p.code', 'asc')
    .orderBy('b.ref', 'asc')
    .select('b.id');
  return rows.map((r) => Number(r.id));
}

async function registerOrder(key: 'expected' | 'realised', dir: 'asc' | 'desc', asAtFy: number, limit = 1000) {
  const out: number[] = [];
  // In pages, as the register reads them, so the keyset of ids and the page's columns meet.
  for (let offset = 0; ; offset += limit) {
    const keys = await registerRepo.page(t.db, {}, { key, dir }, { limit, offset, asAtFy });
    out.push(...keys.map((k) => k.benefitId));
    if (keys.length < limit) return out;
  }
}

async function expectSameOrders(): Promise<void> {
  for (const key of ['expected', 'realised'] as const)
    for (const dir of ['asc', 'desc'] as const)
      for (const asAtFy of [2023, 2024, 2026, NOW, 2031]) {
        const earlier = await earlierOrder(t.db, key, dir, asAtFy);
        expect({ key, dir, asAtFy, order: await registerOrder(key, dir, asAtFy, 7) }).toEqual({
          key,
          dir,
          asAtFy,
          order: earlier,
        });
      }
}

describe('the benefits register sorted by expected or realised to date', () => {
  it('orders a random portfolio exactly as the per-request sums did, for every direction and as-at year, and after edits', async () => {
    await aDirectorate(t.ctx);
    await aDirectorate(t.ctx, { code: 'RES', name: 'Resources' });
    for (let p = 1; p <= 6; p++) {
      const code = `${p % 2 ? 'CS' : 'RS'}-${String(p).padStart(3, '0')}`;
      await aProject(t.ctx, { code, name: `Project ${p}`, directorateCode: p % 2 ? 'CS' : 'RES' });
      for (let b = 1; b <= int(2, 6); b++) {
        const type = ['cashable', 'non_cashable', 'qualitative'][int(0, 2)];
        const years = [...new Set(Array.from({ length: int(0, 4) }, () => int(2024, 2031)))];
        await aBenefit(t.ctx, code, {
          ref: `B${b}`,
          title: `Benefit ${b}`,
          type,
          profile: type === 'qualitative' ? [] : years.map((y) => ({ year: fyLabel(y), amount: amount() })),
        });
        for (let r = int(0, 3); r > 0; r--) {
          const year = fyLabel(int(2024, NOW));
          if (type === 'qualitative') await aRealisation(t.ctx, code, `B${b}`, { year, amount: null, value: 'Good' });
          else {
            const correction = rand() < 0.2;
            const a = amount();
            await aRealisation(t.ctx, code, `B${b}`, {
              year,
              amount: correction && a !== '0.00' ? `-${a}` : a,
              isCorrection: correction,
            });
          }
        }
      }
    }
    expect(await t.db('benefit_to_date_sums').count({ n: '*' }).first()).not.toEqual({ n: 0 });
    await expectSameOrders();
    expect(await verifySummaries(t.db)).toEqual([]);

    // Edits and deletions go through the same refresh.
    const benefits: { id: number; ref: string; code: string; version: number; type: string }[] = await t
      .db('benefits as b')
      .join('projects as p', 'p.id', 'b.project_id')
      .orderBy('b.id')
      .select('b.id', 'b.ref', 'p.code', 'b.version', 'b.type');
    const money = benefits.filter((b) => b.type !== 'qualitative');
    await replaceBenefitProfile(t.ctx, money[0].code, money[0].ref, money[0].version, {
      profile: [{ year: 2025, amount: new Decimal('777.77') }],
    });
    await deleteBenefit(t.ctx, money[1].code, money[1].ref);
    const realisation = await t.db('realisations').whereNotNull('amount_pence').orderBy('id').first();
    if (realisation) await deleteRealisation(t.ctx, null, null, Number(realisation.id));
    await expectSameOrders();
    expect(await verifySummaries(t.db)).toEqual([]);
    // Some 60 writes and 160 orders: room for a loaded machine.
  }, 60_000);

  it('verify names a stored sum that differs from the ledger, and rebuild repairs it', async () => {
    const row = await t.db('benefit_to_date_sums').orderBy(['benefit_id', 'from_fy']).first();
    await t
      .db('benefit_to_date_sums')
      .where({ benefit_id: row.benefit_id, from_fy: row.from_fy })
      .update({ expected_pence: t.db.raw('expected_pence + 1') });
    const differences = await verifySummaries(t.db);
    expect(differences).toEqual([
      expect.objectContaining({ fy: Number(row.from_fy), field: `benefit ${String(row.benefit_id)} to date` }),
    ]);
    await rebuildSummaries(t.db);
    expect(await verifySummaries(t.db)).toEqual([]);
  });
});
