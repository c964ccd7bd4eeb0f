/**
 * appraisePortfolio computes in one pass what the per-project and per-aggregate functions compute
 * separately; these tests hold it to exactly their results (every Decimal digit), on generated
 * portfolios with mixed base years, optimism bias, confidence, dis-benefits, credits and rules.
 */
import fc from 'fast-check';
import {
  aggregateCostVariance,
  aggregateRealisation,
  appraiseAggregate,
} from '../../fixtures/finance/aggregate-oracle';
import {
  appraise,
  appraisePortfolio,
  costVariance,
  DEFAULT_RAG,
  DEFAULT_VFM_BANDS,
  GREEN_BOOK,
  projectYearAmounts,
  realisation,
  type PortfolioInput,
  type PortfolioProject,
  type PortfolioResult,
  type ProjectFlows,
  type ProjectView,
  type ViewOptions,
} from '../../../server/finance';
import { constantRule, d, emptyFlows, line, pence } from '../../fixtures/finance/builders';

const VIEWS: ProjectView[] = ['businessCase', 'forecast', 'toDate'];

/** appraisePortfolio with the Green Book rule, the default value-for-money bands and RAG thresholds. */
function portfolioOf(
  projects: readonly PortfolioProject[],
  opts: ViewOptions,
  extra: Partial<PortfolioInput> = {},
): PortfolioResult {
  return appraisePortfolio({ projects, opts, rule: GREEN_BOOK, bands: DEFAULT_VFM_BANDS, rag: DEFAULT_RAG, ...extra });
}

/** Every Decimal as its full string, so equality means equal to the last digit. */
const exact = (value: unknown): string => JSON.stringify(value);

const amount = fc.integer({ min: 0, max: 5_000_000_000 }).map(pence);
const fy = fc.integer({ min: 2018, max: 2028 });

const benefit = fc.record({
  type: fc.constantFrom('cashable', 'non_cashable', 'qualitative') as fc.Arbitrary<
    'cashable' | 'non_cashable' | 'qualitative'
  >,
  disbenefit: fc.boolean(),
  confidence: fc.constantFrom('0', '0.35', '0.8', '1').map(d),
  expected: fc.array(
    fc.tuple(fy, amount).map(([y, a]) => ({ fy: y, amount: a })),
    { maxLength: 6 },
  ),
  realised: fc.array(
    fc.tuple(fy, amount).map(([y, a]) => ({ fy: y, amount: a })),
    { maxLength: 6 },
  ),
});

const cost = fc
  .record({
    fy,
    kind: fc.constantFrom('planned', 'actual') as fc.Arbitrary<'planned' | 'actual'>,
    amount,
    credit: fc.boolean(),
  })
  .map(({ credit, ...c }) => ({ ...c, amount: credit ? c.amount.negated() : c.amount }));

const project: fc.Arbitrary<PortfolioProject> = fc.record({
  flows: fc
    .record({
      baseFy: fc.constant(2018),
      optimismBias: fc.constantFrom('0', '0.24', '2').map(d),
      costs: fc.array(cost, { maxLength: 8 }),
      benefits: fc.array(benefit, { maxLength: 3 }),
    })
    .chain((f) => fc.integer({ min: 2015, max: 2018 }).map((baseFy): ProjectFlows => ({ ...f, baseFy }))),
  rule: fc.constantFrom(GREEN_BOOK, constantRule('0.06')),
  group: fc.constantFrom('CS', 'AS', undefined),
});

const options: fc.Arbitrary<ViewOptions> = fc.record({
  asAtFy: fc.integer({ min: 2017, max: 2026 }),
  riskAdjusted: fc.boolean(),
});

function separately(projects: readonly PortfolioProject[], opts: ViewOptions, baseFy?: number) {
  const [businessCase, forecast, toDate] = VIEWS.map((view) =>
    appraiseAggregate(projects, view, opts, GREEN_BOOK, DEFAULT_VFM_BANDS, baseFy, 2016),
  );
  return {
    businessCase,
    forecast,
    toDate,
    realisation: aggregateRealisation(projects, opts.asAtFy, DEFAULT_RAG),
    costVariance: aggregateCostVariance(projects, opts.asAtFy),
  };
}

describe('appraisePortfolio (one pass over projects and aggregates, C6)', () => {
  it("gives every project exactly its own row: business case in full, forecast's value for money", () => {
    fc.assert(
      fc.property(fc.array(project, { maxLength: 6 }), options, (projects, opts) => {
        const result = portfolioOf(projects, opts);
        expect(result.projects).toHaveLength(projects.length);
        projects.forEach(({ flows, rule }, i) => {
          const [businessCase, forecast] = (['businessCase', 'forecast'] as const).map((view) =>
            appraise({
              baseFy: flows.baseFy,
              years: projectYearAmounts(flows, view, opts),
              rule,
              bands: DEFAULT_VFM_BANDS,
            }),
          );
          const { byYear: _byYear, ...costTotals } = costVariance(flows, opts.asAtFy);
          const { years: _years, ...businessCaseHeadline } = businessCase;
          const { totals, pvCosts, pvBenefits, npv, bcr, roi, vfmCategory } = forecast;
          const own = {
            businessCase: businessCaseHeadline,
            forecast: { totals, pvCosts, pvBenefits, npv, bcr, roi, vfmCategory },
            realisation: realisation(flows, opts.asAtFy, DEFAULT_RAG),
            costVariance: costTotals,
          };
          expect(exact(result.projects[i])).toBe(exact(own));
        });
      }),
      { numRuns: 80 },
    );
  });

  it('aggregates exactly as a plain one-aggregate-at-a-time reading of C6 does (aggregate-oracle.ts)', () => {
    fc.assert(
      fc.property(
        fc.array(project, { maxLength: 6 }),
        options,
        fc.constantFrom(undefined, 2014),
        (projects, opts, baseFy) => {
          const result = portfolioOf(projects, opts, { baseFyOverride: baseFy, fallbackBaseFy: 2016 });
          expect(exact(result.aggregate)).toBe(exact(separately(projects, opts, baseFy)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("appraises each group's projects from the portfolio's common base year", () => {
    fc.assert(
      fc.property(fc.array(project, { minLength: 1, maxLength: 6 }), options, (projects, opts) => {
        const result = portfolioOf(projects, opts);
        const commonBase = Math.min(...projects.map((p) => p.flows.baseFy));
        const named = [...new Set(projects.map((p) => p.group).filter((g) => g !== undefined))];
        expect([...result.groups.keys()].sort()).toEqual(named.sort());
        for (const group of named) {
          const members = projects.filter((p) => p.group === group);
          expect(exact(result.groups.get(group))).toBe(exact(separately(members, opts, commonBase)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('with no projects: an empty aggregate from the fallback base year, no groups', () => {
    const result = portfolioOf([], { asAtFy: 2024, riskAdjusted: false }, { fallbackBaseFy: 2021 });
    expect(result.projects).toEqual([]);
    expect(result.groups.size).toBe(0);
    expect(result.aggregate.businessCase.years.map((y) => y.fy)).toEqual([2021]);
    expect(result.aggregate.businessCase.npv.isZero()).toBe(true);
    expect(result.aggregate.realisation.ratio).toBeNull();
    expect(result.aggregate.costVariance.byYear).toEqual([]);
  });

  it('a worked two-project portfolio: NPVs of the aggregate add up from its yearly sums', () => {
    const a: ProjectFlows = {
      ...emptyFlows(2023),
      costs: [{ fy: 2023, kind: 'planned', amount: d('100') }],
      benefits: [
        { type: 'cashable', disbenefit: false, confidence: d('1'), expected: [line(2024, '103.5')], realised: [] },
      ],
    };
    const b: ProjectFlows = {
      ...emptyFlows(2024),
      costs: [{ fy: 2024, kind: 'planned', amount: d('50') }],
      benefits: [],
    };
    const result = portfolioOf(
      [
        { flows: a, rule: GREEN_BOOK },
        { flows: b, rule: GREEN_BOOK },
      ],
      { asAtFy: 2024, riskAdjusted: false },
    );
    // From base 2023: −100 + (103.5 − 50)/1.035 = −100 + 51.6908… = −48.3091787…
    expect(result.aggregate.businessCase.npv.toFixed(6)).toBe('-48.309179');
    // Project A alone: −100 + 103.5/1.035 = 0; project B alone (its own base year 2024): −50.
    expect(result.projects[0].businessCase.npv.toFixed(2)).toBe('0.00');
    expect(result.projects[1].businessCase.npv.toFixed(2)).toBe('-50.00');
  });
});
