/**
 * C8: a view built from a project's stored year series is the view built from its ledger, to the
 * last Decimal digit and the same list of years; and the series of several projects summed give
 * the aggregate's flows.
 */
import fc from 'fast-check';
import { projectYearAmounts, type ProjectFlows, type ProjectView, type ViewOptions } from '../../../server/finance';
import { projectYearSeries, seriesYearAmounts, sumSeries } from '../../../server/finance/year-series';
import { sumYearAmounts } from '../../fixtures/finance/aggregate-oracle';
import { d, pence } from '../../fixtures/finance/builders';

const VIEWS: ProjectView[] = ['businessCase', 'forecast', 'toDate'];
const exact = (value: unknown): string => JSON.stringify(value);

const amount = fc.integer({ min: 0, max: 5_000_000_000 }).map(pence);
const fy = fc.integer({ min: 2018, max: 2028 });
const lines = fc.array(
  fc.tuple(fy, amount).map(([y, a]) => ({ fy: y, amount: a })),
  { maxLength: 6 },
);

const flows: fc.Arbitrary<ProjectFlows> = fc.record({
  baseFy: fc.integer({ min: 2015, max: 2018 }),
  optimismBias: fc.constantFrom('0', '0.24', '0.1234', '2').map(d),
  costs: fc.array(
    fc
      .record({ fy, kind: fc.constantFrom('planned' as const, 'actual' as const), amount, credit: fc.boolean() })
      .map(({ credit, ...c }) => ({ ...c, amount: credit ? c.amount.negated() : c.amount })),
    { maxLength: 8 },
  ),
  benefits: fc.array(
    fc.record({
      type: fc.constantFrom('cashable' as const, 'non_cashable' as const, 'qualitative' as const),
      disbenefit: fc.boolean(),
      confidence: fc.constantFrom('0', '0.35', '0.8', '0.1234', '1').map(d),
      expected: lines,
      realised: lines,
    }),
    { maxLength: 4 },
  ),
});

const options: fc.Arbitrary<ViewOptions> = fc.record({
  asAtFy: fc.integer({ min: 2017, max: 2029 }),
  riskAdjusted: fc.boolean(),
});

describe('year series (C8)', () => {
  it('give every C6 view of a project exactly the years and amounts its ledger gives', () => {
    fc.assert(
      fc.property(flows, options, (f, opts) => {
        const series = projectYearSeries(f);
        for (const view of VIEWS) {
          expect(exact(seriesYearAmounts(series, view, opts))).toBe(exact(projectYearAmounts(f, view, opts)));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('summed over projects, give each view the sum of the projects’ views', () => {
    fc.assert(
      fc.property(fc.array(flows, { maxLength: 5 }), options, (all, opts) => {
        const summed = sumSeries(all.flatMap(projectYearSeries));
        for (const view of VIEWS) {
          const oracle = sumYearAmounts(all.map((f) => projectYearAmounts(f, view, opts)));
          expect(exact(seriesYearAmounts(summed, view, opts))).toBe(exact(oracle));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a year once any line falls in it, even a zero one, and never for a qualitative benefit', () => {
    const f: ProjectFlows = {
      baseFy: 2024,
      optimismBias: d('0.5'),
      costs: [{ fy: 2024, kind: 'planned', amount: d(0) }],
      benefits: [
        {
          type: 'qualitative',
          disbenefit: false,
          confidence: d(1),
          expected: [{ fy: 2030, amount: d(0) }],
          realised: [],
        },
      ],
    };
    expect(projectYearSeries(f).map((y) => [y.fy, y.hasPlanned, y.hasExpected])).toEqual([[2024, true, false]]);
  });
});
