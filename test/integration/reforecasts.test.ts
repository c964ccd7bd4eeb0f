/**
 * C9 re-forecasts, worked by hand. CS-001 (base year two years before this one, say 2024/25 in
 * 2026/27; Green Book schedule, no optimism bias): £100,000 planned and actual in the base year;
 * benefit B1, cashable, confidence 0.8, profiled £60,000 this year and next. As at today the
 * forecast takes the base year's actual cost and the profile from this year on:
 *   forecast NPV = −100,000 + 60,000 × DF(2) + 60,000 × DF(3)
 *                = −100,000 + 56,010.64 + 54,116.56 = £10,127.20
 *   (DF(2) = 1/1.035² = 0.933511, DF(3) = 1/1.035³ = 0.901943).
 * A re-forecast of next year at £45,000 takes 15,000 × DF(3) = £13,529.14 off the forecast NPV
 * (→ −£3,401.94), moves neither the business case, the approved baseline nor realisation, and is not
 * risk-adjusted again:
 * the risk-adjusted forecast counts £45,000 next year, not £36,000.
 */
import { Decimal } from '../../server/money';
import { appForTests } from '../helpers/test-app';
import { aBenefit, aCostLine, aDecision, aProjectWithDirectorate } from '../helpers/builders';
import { getPortfolioMetrics, getProjectMetrics } from '../../server/domain/metrics';
import { listReforecasts, recordReforecast } from '../../server/domain/reforecasts';
import { rebuildSummaries, verifySummaries } from '../../server/domain/summaries';
import { reforecastSchema } from '../../server/validation/reforecasts.schema';
import { parseOrThrow } from '../../server/validation/fields';
import { ForbiddenError, ValidationError } from '../../server/errors';
import { currentFy, fyLabel, todayUkIso } from '../../server/financial-year';
import type { Ctx } from '../../server/domain/types';

const THIS_FY = currentFy();
const NEXT = fyLabel(THIS_FY + 1);
// The base year is two years before this one, so the figures hold whatever today's date.
const BASE = fyLabel(THIS_FY - 2);

function reforecast(ctx: Ctx, over: Record<string, unknown>) {
  return recordReforecast(
    ctx,
    'CS-001',
    'B1',
    parseOrThrow(reforecastSchema('api'), { year: NEXT, amount: '45000.00', note: 'Supplier delay', ...over }),
  );
}

const benefitsIn = (years: { fy: number; benefits: Decimal }[], fy: number) =>
  years.find((y) => y.fy === fy)?.benefits.toFixed(2) ?? null;

const { t } = appForTests({
  seed: async (app) => {
    await aProjectWithDirectorate(app.ctx, { startYear: BASE });
    await aCostLine(app.ctx, 'CS-001', { year: BASE, amount: '100000.00' });
    await aCostLine(app.ctx, 'CS-001', { year: BASE, kind: 'actual', amount: '100000.00' });
    await aBenefit(app.ctx, 'CS-001', {
      confidence: '0.8',
      profile: [
        { year: fyLabel(THIS_FY), amount: '60000.00' },
        { year: NEXT, amount: '60000.00' },
      ],
    });
  },
});

const today = () => ({ asAt: todayUkIso(), riskAdjusted: false });

describe('C9 re-forecasts in the forecast view', () => {
  it('moves the forecast but not the business case, the baseline or realisation, and is not risk-adjusted again', async () => {
    await aDecision(t.ctx, 'CS-001'); // approval: baseline 1 freezes the plan above (C9)
    const before = await getProjectMetrics(t.ctx, 'CS-001', today());
    expect(before.forecast.npv.toFixed(2)).toBe('10127.20');
    await reforecast(t.ctx, {});
    const after = await getProjectMetrics(t.ctx, 'CS-001', today());
    expect(after.forecast.npv.toFixed(2)).toBe('-3401.94');
    expect(before.forecast.npv.minus(after.forecast.npv).toFixed(2)).toBe('13529.14');
    expect(benefitsIn(after.forecast.years, THIS_FY + 1)).toBe('45000.00');
    expect(after.businessCase.npv.eq(before.businessCase.npv)).toBe(true);
    expect(benefitsIn(after.businessCase.years, THIS_FY + 1)).toBe('60000.00');
    expect(after.realisation.expectedToDate.eq(before.realisation.expectedToDate)).toBe(true);
    // The baseline (the business case of baseline 1): NPV = −100,000 + 60,000 × (DF(2) + DF(3)) as well.
    expect(before.baselineNumber).toBe(1);
    expect(after.baseline!.npv.toFixed(2)).toBe('10127.20');
    expect(after.baseline!.npv.eq(before.baseline!.npv)).toBe(true);
    expect(benefitsIn(after.baseline!.years, THIS_FY + 1)).toBe('60000.00');
    const risked = await getProjectMetrics(t.ctx, 'CS-001', { ...today(), riskAdjusted: true });
    expect(benefitsIn(risked.forecast.years, THIS_FY)).toBe('48000.00'); // 60,000 × 0.8
    expect(benefitsIn(risked.forecast.years, THIS_FY + 1)).toBe('45000.00'); // not × 0.8
    expect(benefitsIn(risked.businessCase.years, THIS_FY + 1)).toBe('48000.00');
    // The portfolio (from the C8 summaries) says the same, and the summaries equal the ledger.
    const portfolio = await getPortfolioMetrics(t.ctx, {}, today());
    expect(portfolio.forecast.npv.toFixed(2)).toBe('-3401.94');
    expect(portfolio.businessCase.npv.eq(before.businessCase.npv)).toBe(true);
    const riskedPortfolio = await getPortfolioMetrics(t.ctx, {}, { ...today(), riskAdjusted: true });
    expect(riskedPortfolio.forecast.npv.eq(risked.forecast.npv)).toBe(true);
    expect(await verifySummaries(t.db)).toEqual([]);
  });

  it('takes the latest re-forecast, keeping the earlier ones in the history', async () => {
    await reforecast(t.ctx, { amount: '50000' });
    await reforecast(t.ctx, { amount: '45000', note: 'Second thoughts' });
    const { reforecasts } = await listReforecasts(t.ctx, 'CS-001', 'B1');
    expect(reforecasts.map((r) => r.amount.toFixed(2))).toEqual(['45000.00', '50000.00']);
    expect(reforecasts[0].note).toBe('Second thoughts');
    const m = await getProjectMetrics(t.ctx, 'CS-001', today());
    expect(m.forecast.npv.toFixed(2)).toBe('-3401.94');
    expect(await verifySummaries(t.db)).toEqual([]);
  });

  it('as at an earlier year, counts only re-forecasts made by then (latest on or before the as-at date)', async () => {
    await reforecast(t.ctx, { amount: '50000' }); // made this year, for next year
    // A year on (the clock moved to 1 June next year), a second re-forecast of the same year.
    jest.useFakeTimers({ now: new Date(`${THIS_FY + 1}-06-01T12:00:00Z`), doNotFake: ['nextTick', 'setImmediate'] });
    try {
      await reforecast(t.ctx, { amount: '40000' });
      const lastYear = await getProjectMetrics(t.ctx, 'CS-001', { asAt: `${THIS_FY}-12-01`, riskAdjusted: false });
      const thisYear = await getProjectMetrics(t.ctx, 'CS-001', { asAt: todayUkIso(), riskAdjusted: false });
      // As at last year: the £50,000 made then; the £40,000 made after it does not count.
      expect(benefitsIn(lastYear.forecast.years, THIS_FY + 1)).toBe('50000.00');
      expect(benefitsIn(thisYear.forecast.years, THIS_FY + 1)).toBe('40000.00');
      for (const [asAt, m] of [
        [`${THIS_FY}-12-01`, lastYear],
        [todayUkIso(), thisYear],
      ] as const) {
        const p = await getPortfolioMetrics(t.ctx, {}, { asAt, riskAdjusted: false });
        expect(p.forecast.npv.eq(m.forecast.npv)).toBe(true);
      }
      expect(await verifySummaries(t.db)).toEqual([]);
      // A rebuild writes the same rows.
      await rebuildSummaries(t.db);
      expect(await verifySummaries(t.db)).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a past year, a qualitative benefit, a negative amount and someone not allowed', async () => {
    await expect(reforecast(t.ctx, { year: fyLabel(THIS_FY - 1) })).rejects.toThrow(ValidationError);
    await expect(reforecast(t.ctx, { year: fyLabel(THIS_FY - 1) })).rejects.toMatchObject({
      fields: {
        year: `${fyLabel(THIS_FY - 1)} has ended: re-forecast ${fyLabel(THIS_FY)} or a later year (record what happened as a realisation)`,
      },
    });
    expect(() => parseOrThrow(reforecastSchema('api'), { year: NEXT, amount: '-5.00' })).toThrow(ValidationError);
    await aBenefit(t.ctx, 'CS-001', { ref: 'Q1', type: 'qualitative', profile: [] });
    await expect(
      recordReforecast(t.ctx, 'CS-001', 'Q1', parseOrThrow(reforecastSchema('api'), { year: NEXT, amount: '1.00' })),
    ).rejects.toMatchObject({ fields: { amount: expect.stringContaining('qualitative') } });
    const scrutiny: Ctx = { ...t.ctx, actor: { id: null, label: 'Board', role: 'scrutiny', directorateIds: [] } };
    await expect(reforecast(scrutiny, {})).rejects.toThrow(ForbiddenError);
    const { reforecasts } = await listReforecasts(t.ctx, 'CS-001', 'B1');
    expect(reforecasts).toHaveLength(0);
  });
});
