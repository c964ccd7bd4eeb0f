/**
 * C9 in the engine: the baseline view from the stored series equals the one from the frozen flows,
 * digit for digit; realisation's "expected" comes from the baseline, plus benefits added since.
 */
import { Decimal } from '../../../server/money';
import { appraiseBaseline, seriesBaseline } from '../../../server/finance/baseline';
import { realisationTotals } from '../../../server/finance/realisation';
import { projectYearSeries } from '../../../server/finance/year-series';
import { seriesRealisationTotals } from '../../../server/finance/series-figures';
import { DEFAULT_VFM_BANDS } from '../../../server/finance';
import type { BaselineFlows, ProjectFlows } from '../../../server/finance/types';

const d = (v: string) => new Decimal(v);

// Baseline 1 (frozen at 10%, optimism bias 20%, base 2024/25): planned £100,000 in 2024/25 and a
// credit of £5,000 in 2025/26; B1 cashable £60,000 in 2025/26 and 2026/27 at 50% confidence;
// D1 a dis-benefit of £10,000 in 2025/26.
const baseline: BaselineFlows = {
  number: 1,
  baseFy: 2024,
  optimismBias: d('0.2'),
  rule: { kind: 'constant', rate: d('0.1') },
  costs: [
    { fy: 2024, amount: d('100000') },
    { fy: 2025, amount: d('-5000') },
  ],
  benefits: [
    {
      sourceId: 1,
      type: 'cashable',
      disbenefit: false,
      confidence: d('0.5'),
      expected: [
        { fy: 2025, amount: d('60000') },
        { fy: 2026, amount: d('60000') },
      ],
    },
    {
      sourceId: 2,
      type: 'non_cashable',
      disbenefit: true,
      confidence: d('1'),
      expected: [{ fy: 2025, amount: d('10000') }],
    },
  ],
};

// The current plan: B1 cut to £30,000 in 2025/26, D1 deleted, B3 added (£5,000 in 2025/26); £20,000 realised.
const flows: ProjectFlows = {
  baseFy: 2024,
  optimismBias: d('0'),
  costs: [{ fy: 2024, kind: 'planned', amount: d('150000') }],
  benefits: [
    {
      id: 1,
      type: 'cashable',
      disbenefit: false,
      confidence: d('1'),
      expected: [
        { fy: 2025, amount: d('30000') },
        { fy: 2026, amount: d('60000') },
      ],
      realised: [{ fy: 2025, amount: d('20000') }],
    },
    {
      id: 3,
      type: 'cashable',
      disbenefit: false,
      confidence: d('1'),
      expected: [{ fy: 2025, amount: d('5000') }],
      realised: [],
    },
  ],
  baseline,
};

describe('baseline view (C9)', () => {
  it('is the business case of the frozen flows on the frozen basis, worked by hand', () => {
    const a = appraiseBaseline(baseline, DEFAULT_VFM_BANDS, false);
    // Costs: 120,000 at t0; −6,000 at t1 (credit × 1.2). Benefits: 60,000 − 10,000 at t1, 60,000 at t2.
    // PV costs = 120,000 − 6,000/1.1 = 114,545.4545…; PV benefits = 50,000/1.1 + 60,000/1.21 = 95,041.3223…
    expect(a.pvCosts.toFixed(2)).toBe('114545.45');
    expect(a.pvBenefits.toFixed(2)).toBe('95041.32');
    expect(a.npv.toFixed(2)).toBe('-19504.13');
    // Risk-adjusted: B1 at 50% → 30,000 − 10,000 at t1, 30,000 at t2: 20,000/1.1 + 30,000/1.21.
    expect(appraiseBaseline(baseline, DEFAULT_VFM_BANDS, true).pvBenefits.toFixed(2)).toBe('42975.21');
  });

  it('from the stored series equals the one from the flows, digit for digit, both risk settings', () => {
    const series = projectYearSeries(flows);
    for (const risk of [false, true]) {
      const fromFlows = appraiseBaseline(baseline, DEFAULT_VFM_BANDS, risk);
      const fromSeries = seriesBaseline(series, { baseFy: 2024, rule: baseline.rule, bands: DEFAULT_VFM_BANDS }, risk);
      expect(fromSeries.npv.toString()).toBe(fromFlows.npv.toString());
      expect(fromSeries.pvCosts.toString()).toBe(fromFlows.pvCosts.toString());
      expect(fromSeries.bcr?.toString()).toBe(fromFlows.bcr?.toString());
    }
  });
});

describe('realisation against the baseline (C9)', () => {
  it('expects the baseline profiles, plus the current profile of a benefit added since', () => {
    // As at 2025/26: B1 £60,000 and D1 −£10,000 (baseline) + B3 £5,000 (added since) = £55,000.
    const t = realisationTotals(flows, 2025);
    expect(t.expectedToDate.toString()).toBe('55000');
    expect(t.realisedToDate.toString()).toBe('20000');
    const s = seriesRealisationTotals(projectYearSeries(flows), 2025);
    expect(s.expectedToDate.toString()).toBe('55000');
  });

  it('before approval, expects the current profiles', () => {
    const t = realisationTotals({ ...flows, baseline: null }, 2025);
    expect(t.expectedToDate.toString()).toBe('35000');
  });
});
