/**
 * Issue 12 "summaries change speed, not one digit": the figures the read model computes from C8
 * year series (an aggregate's view set from summed series, each project's headline row and its
 * contribution) equal those of appraisePortfolio, which works from the ledger's flows, to the last
 * Decimal digit.
 */
import fc from 'fast-check';
import {
  appraisePortfolio,
  DEFAULT_RAG,
  DEFAULT_VFM_BANDS,
  GREEN_BOOK,
  type DiscountRule,
  type ProjectFlows,
} from '../../../server/finance';
import { projectYearSeries, sumSeries } from '../../../server/finance/year-series';
import { seriesContribution, seriesHeadline, seriesViewSet } from '../../../server/finance/series-figures';
import { d, pence } from '../../fixtures/finance/builders';

const exact = (value: unknown): string => JSON.stringify(value);

const amount = fc.integer({ min: 0, max: 5_000_000_000 }).map(pence);
const fy = fc.integer({ min: 2018, max: 2028 });
const lines = fc.array(
  fc.tuple(fy, amount).map(([y, a]) => ({ fy: y, amount: a })),
  { maxLength: 5 },
);
const flows: fc.Arbitrary<ProjectFlows> = fc.record({
  baseFy: fc.integer({ min: 2015, max: 2018 }),
  optimismBias: fc.constantFrom('0', '0.24', '0.1234').map(d),
  costs: fc.array(
    fc
      .record({ fy, kind: fc.constantFrom('planned' as const, 'actual' as const), amount, credit: fc.boolean() })
      .map(({ credit, ...c }) => ({ ...c, amount: credit ? c.amount.negated() : c.amount })),
    { maxLength: 6 },
  ),
  benefits: fc.array(
    fc.record({
      type: fc.constantFrom('cashable' as const, 'non_cashable' as const, 'qualitative' as const),
      disbenefit: fc.boolean(),
      confidence: fc.constantFrom('0.35', '0.8', '1').map(d),
      expected: lines,
      realised: lines,
      // C9 re-forecasts, in the order made: each made in its year or up to three years before it.
      reforecasts: fc
        .array(
          fc.tuple(fy, fc.integer({ min: 0, max: 3 }), amount).map(([y, back, a]) => ({
            fy: y,
            madeFy: y - back,
            amount: a,
          })),
          { maxLength: 4 },
        )
        .map((list) => [...list].sort((a, b) => a.madeFy - b.madeFy)),
    }),
    { maxLength: 3 },
  ),
});
const ownRule: fc.Arbitrary<DiscountRule> = fc.oneof(
  fc.constant(GREEN_BOOK),
  fc.constantFrom('0.035', '0.07', '0.12345').map((r) => ({ kind: 'constant' as const, rate: d(r) })),
);
const portfolio = fc.array(fc.record({ flows, rule: ownRule, group: fc.constantFrom('A', 'B') }), {
  minLength: 1,
  maxLength: 5,
});
const opts = fc.record({ asAtFy: fc.integer({ min: 2017, max: 2029 }), riskAdjusted: fc.boolean() });
const orgRule: fc.Arbitrary<DiscountRule> = fc.oneof(
  fc.constant(GREEN_BOOK),
  fc.constant({ kind: 'constant' as const, rate: d('0.0625') }),
);

describe('figures from year series (C6 from C8)', () => {
  it('equal appraisePortfolio: the aggregate, each group, each project row, digit for digit', () => {
    fc.assert(
      fc.property(portfolio, opts, orgRule, (projects, o, rule) => {
        const ledger = appraisePortfolio({ projects, opts: o, rule, bands: DEFAULT_VFM_BANDS, rag: DEFAULT_RAG });
        const baseFy = Math.min(...projects.map((p) => p.flows.baseFy));
        const basis = { baseFy, rule, bands: DEFAULT_VFM_BANDS, rag: DEFAULT_RAG };
        const series = projects.map((p) => projectYearSeries(p.flows));
        expect(exact(seriesViewSet(sumSeries(series.flat()), basis, o))).toBe(exact(ledger.aggregate));
        for (const group of ['A', 'B']) {
          const members = series.filter((_, i) => projects[i].group === group);
          if (members.length)
            expect(exact(seriesViewSet(sumSeries(members.flat()), basis, o))).toBe(exact(ledger.groups.get(group)));
        }
        projects.forEach((p, i) => {
          const own = { baseFy: p.flows.baseFy, rule: p.rule, bands: DEFAULT_VFM_BANDS, rag: DEFAULT_RAG };
          expect(exact(seriesHeadline(series[i], own, o))).toBe(exact(ledger.projects[i]));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('give contributions that add up to the aggregate in every view (C6 Contributions)', () => {
    fc.assert(
      fc.property(portfolio, opts, orgRule, (projects, o, rule) => {
        const baseFy = Math.min(...projects.map((p) => p.flows.baseFy));
        const basis = { baseFy, rule, bands: DEFAULT_VFM_BANDS, rag: DEFAULT_RAG };
        const series = projects.map((p) => projectYearSeries(p.flows));
        const whole = seriesViewSet(sumSeries(series.flat()), basis, o);
        const parts = series.map((s) => seriesContribution(s, basis, o));
        for (const view of ['businessCase', 'forecast', 'toDate'] as const)
          for (const field of ['pvCosts', 'pvBenefits', 'npv'] as const) {
            const sum = parts.reduce((t, p) => t.plus(p[view][field]), d('0'));
            // Linear in the flows: equal to the engine's working precision, far below a penny.
            expect(sum.minus(whole[view][field]).abs().lt('1e-12')).toBe(true);
          }
      }),
      { numRuns: 200 },
    );
  });
});
