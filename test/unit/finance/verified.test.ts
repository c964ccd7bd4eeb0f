/**
 * C10 verifiedOnly: the read model's way (the verified series stand in for the realised ones) gives
 * the same figures, digit for digit, as the ledger's way (the flows without their unverified
 * realisations), for aggregates and project rows alike; and "of which verified" by hand.
 */
import fc from 'fast-check';
import {
  appraisePortfolio,
  DEFAULT_RAG,
  DEFAULT_VFM_BANDS,
  GREEN_BOOK,
  type ProjectFlows,
} from '../../../server/finance';
import { projectYearSeries, sumSeries } from '../../../server/finance/year-series';
import { seriesHeadline, seriesViewSet } from '../../../server/finance/series-figures';
import { verifiedOnlyFlows, verifiedShare } from '../../../server/finance/verified';
import { d, pence } from '../../fixtures/finance/builders';

const exact = (value: unknown): string => JSON.stringify(value);
const amount = fc.integer({ min: 0, max: 5_000_000_000 }).map(pence);
const fy = fc.integer({ min: 2018, max: 2028 });
const line = fc.tuple(fy, amount).map(([y, a]) => ({ fy: y, amount: a }));

/** Benefits whose realisations are each verified or not; `verified` is the verified ones, summed per year. */
const benefit = fc
  .record({
    type: fc.constantFrom('cashable' as const, 'non_cashable' as const, 'qualitative' as const),
    disbenefit: fc.boolean(),
    confidence: fc.constantFrom('0.35', '1').map(d),
    expected: fc.array(line, { maxLength: 4 }),
    realisations: fc.array(fc.tuple(line, fc.boolean()), { maxLength: 5 }),
  })
  .map(({ realisations, ...b }) => ({
    ...b,
    realised: realisations.map(([l]) => l),
    verified: realisations.filter(([, v]) => v).map(([l]) => l),
  }));
const flows: fc.Arbitrary<ProjectFlows> = fc.record({
  baseFy: fc.integer({ min: 2015, max: 2018 }),
  optimismBias: fc.constantFrom('0', '0.24').map(d),
  costs: fc.array(fc.record({ fy, kind: fc.constantFrom('planned' as const, 'actual' as const), amount }), {
    maxLength: 5,
  }),
  benefits: fc.array(benefit, { maxLength: 3 }),
});
const opts = fc.record({ asAtFy: fc.integer({ min: 2017, max: 2029 }), riskAdjusted: fc.boolean() });

describe('verifiedOnly (C10)', () => {
  it('from the verified series equals the flows without unverified realisations, digit for digit', () => {
    fc.assert(
      fc.property(fc.array(flows, { minLength: 1, maxLength: 4 }), opts, (all, o) => {
        const projects = all.map((f) => ({ flows: verifiedOnlyFlows(f), rule: GREEN_BOOK, group: 'A' }));
        const ledger = appraisePortfolio({
          projects,
          opts: o,
          rule: GREEN_BOOK,
          bands: DEFAULT_VFM_BANDS,
          rag: DEFAULT_RAG,
        });
        const baseFy = Math.min(...all.map((f) => f.baseFy));
        const basis = { baseFy, rule: GREEN_BOOK, bands: DEFAULT_VFM_BANDS, rag: DEFAULT_RAG };
        const series = all.map(projectYearSeries);
        const v = { ...o, verifiedOnly: true };
        expect(exact(seriesViewSet(sumSeries(series.flat()), basis, v))).toBe(exact(ledger.aggregate));
        all.forEach((f, i) => {
          const own = { ...basis, baseFy: f.baseFy };
          expect(exact(seriesHeadline(series[i], own, v))).toBe(exact(ledger.projects[i]));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('says how much of realised is verified, to the as-at year, net of dis-benefits (hand-worked)', () => {
    const f: ProjectFlows = {
      baseFy: 2024,
      optimismBias: d('0'),
      costs: [],
      benefits: [
        {
          type: 'cashable',
          disbenefit: false,
          confidence: d('1'),
          expected: [],
          // £30,000 (verified) + £10,000 in 2025/26; £5,000 verified in 2026/27, after the as-at year.
          realised: [
            { fy: 2025, amount: d('40000') },
            { fy: 2026, amount: d('5000') },
          ],
          verified: [
            { fy: 2025, amount: d('30000') },
            { fy: 2026, amount: d('5000') },
          ],
        },
        {
          type: 'non_cashable',
          disbenefit: true,
          confidence: d('1'),
          expected: [],
          // A £2,000 dis-benefit, verified: counts as −£2,000 in both.
          realised: [{ fy: 2025, amount: d('2000') }],
          verified: [{ fy: 2025, amount: d('2000') }],
        },
      ],
    };
    const share = verifiedShare(projectYearSeries(f), 2025);
    expect(share.realised.toString()).toBe('38000');
    expect(share.verified.toString()).toBe('28000');
  });
});
