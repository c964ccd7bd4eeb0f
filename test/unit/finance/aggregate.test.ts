/**
 * The C6 aggregates as the engine computes them for every portfolio and directorate page
 * (appraisePortfolio), checked against hand-worked figures.
 */
import { appraise } from '../../../server/finance/appraise';
import { DEFAULT_RAG, DEFAULT_VFM_BANDS, GREEN_BOOK } from '../../../server/finance/defaults';
import { appraisePortfolio } from '../../../server/finance/portfolio';
import { projectYearAmounts } from '../../../server/finance/views';
import {
  FinanceInputError,
  type DiscountRule,
  type ProjectFlows,
  type ProjectView,
  type ViewOptions,
  type VfmBands,
} from '../../../server/finance/types';
import { constantRule, d, emptyFlows, Exact, line, varianceYears } from '../../fixtures/finance/builders';

type Projects = { flows: ProjectFlows }[];

function aggregate(
  projects: Projects,
  opts: ViewOptions,
  rule: DiscountRule = GREEN_BOOK,
  bands: VfmBands = DEFAULT_VFM_BANDS,
  baseFyOverride?: number,
  fallbackBaseFy?: number,
) {
  const own = projects.map((p) => ({ flows: p.flows, rule: GREEN_BOOK }));
  return appraisePortfolio({ projects: own, opts, rule, bands, rag: DEFAULT_RAG, baseFyOverride, fallbackBaseFy })
    .aggregate;
}

const appraiseAggregate = (
  projects: Projects,
  view: ProjectView,
  opts: ViewOptions,
  rule: DiscountRule,
  bands: VfmBands,
  baseFy?: number,
  fallback?: number,
) => aggregate(projects, opts, rule, bands, baseFy, fallback)[view];
const aggregateRealisation = (projects: Projects, asAtFy: number) =>
  aggregate(projects, { asAtFy, riskAdjusted: false }).realisation;
const aggregateCostVariance = (projects: Projects, asAtFy: number) =>
  aggregate(projects, { asAtFy, riskAdjusted: false }).costVariance;

const PLAIN: ViewOptions = { asAtFy: 2024, riskAdjusted: false };

/** Project A: base 2022, optimism bias 50%. */
function projectA(confidence = '1'): ProjectFlows {
  return {
    baseFy: 2022,
    optimismBias: d('0.5'),
    costs: [
      { fy: 2022, kind: 'planned', amount: d('100') },
      { fy: 2023, kind: 'planned', amount: d('50') },
      { fy: 2022, kind: 'actual', amount: d('90') },
    ],
    benefits: [
      {
        type: 'cashable',
        disbenefit: false,
        confidence: d(confidence),
        expected: [line(2023, '40'), line(2024, '60')],
        realised: [line(2023, '36')],
      },
    ],
  };
}

/** Project B: base 2020, optimism bias 10%, ten times A's scale. */
function projectB(): ProjectFlows {
  return {
    baseFy: 2020,
    optimismBias: d('0.1'),
    costs: [
      { fy: 2020, kind: 'planned', amount: d('2000') },
      { fy: 2020, kind: 'actual', amount: d('2600') },
      { fy: 2022, kind: 'actual', amount: d('300') },
    ],
    benefits: [
      {
        type: 'non_cashable',
        disbenefit: false,
        confidence: d('0.6'),
        expected: [line(2021, '1500'), line(2022, '1500')],
        realised: [line(2021, '600'), line(2022, '150')],
      },
    ],
  };
}

const projects = () => [{ flows: projectA() }, { flows: projectB() }];

/** Plain Σ amount / 1.035^t over (year index, amount) pairs, in 60 digits. */
function pv(pairs: [number, string][]): InstanceType<typeof Exact> {
  return pairs.reduce((s, [t, a]) => s.plus(new Exact(a).dividedBy(new Exact('1.035').pow(t))), new Exact(0));
}

describe('aggregate appraisal (C6 aggregates)', () => {
  // Hand-summed business case, base 2020 (the earlier base year):
  //   A: 2022 costs 100 × 1.5 = 150; 2023 costs 50 × 1.5 = 75, benefits 40; 2024 benefits 60
  //   B: 2020 costs 2000 × 1.1 = 2200; 2021 benefits 1500; 2022 benefits 1500
  const pvCosts = pv([
    [0, '2200'],
    [2, '150'],
    [3, '75'],
  ]);
  const pvBenefits = pv([
    [1, '1500'],
    [2, '1500'],
    [3, '40'],
    [4, '60'],
  ]);

  it('sums each project’s own view (own optimism bias) per year from the earliest base year', () => {
    const a = appraiseAggregate(projects(), 'businessCase', PLAIN, GREEN_BOOK, DEFAULT_VFM_BANDS);
    expect(a.years.map((y) => [y.fy, y.costs.toString(), y.benefits.toString()])).toEqual([
      [2020, '2200', '0'],
      [2021, '0', '1500'],
      [2022, '150', '1500'],
      [2023, '75', '40'],
      [2024, '0', '60'],
    ]);
  });

  it('appraises the summed flows once: PVs and BCR by the plain formula', () => {
    const a = appraiseAggregate(projects(), 'businessCase', PLAIN, GREEN_BOOK, DEFAULT_VFM_BANDS);
    expect(new Exact(a.pvCosts).minus(pvCosts).abs().lt('1e-28')).toBe(true);
    expect(new Exact(a.pvBenefits).minus(pvBenefits).abs().lt('1e-28')).toBe(true);
    expect(new Exact(a.bcr!).minus(pvBenefits.dividedBy(pvCosts)).abs().lt('1e-28')).toBe(true);
    expect(a.roi!.eq(d(3100 - 2425).dividedBy(2425))).toBe(true); // ΣB 3100, ΣC 2425
  });

  it('is NOT the average of the projects’ own BCRs (ratios are never averaged)', () => {
    const own = projects().map((p) =>
      appraise({
        baseFy: p.flows.baseFy,
        years: projectYearAmounts(p.flows, 'businessCase', PLAIN),
        rule: GREEN_BOOK,
        bands: DEFAULT_VFM_BANDS,
      }),
    );
    const average = own[0].bcr!.plus(own[1].bcr!).dividedBy(2);
    const aggregate = appraiseAggregate(projects(), 'businessCase', PLAIN, GREEN_BOOK, DEFAULT_VFM_BANDS);
    // A ≈ 0.43 and B ≈ 1.30 average ≈ 0.86; the pooled ratio, dominated by the larger B, is ≈ 1.22.
    expect(aggregate.bcr!.minus(average).abs().gt('0.3')).toBe(true);
  });

  it('risk-adjusts each project with its own confidence', () => {
    const a = appraiseAggregate(
      [{ flows: projectA('0.5') }, { flows: projectB() }],
      'businessCase',
      { asAtFy: 2024, riskAdjusted: true },
      GREEN_BOOK,
      DEFAULT_VFM_BANDS,
    );
    expect(a.years.map((y) => y.benefits.toString())).toEqual(['0', '900', '900', '20', '30']); // B × 0.6, A × 0.5
  });

  it('uses the organisation rule it is given', () => {
    const a = appraiseAggregate(projects(), 'businessCase', PLAIN, constantRule('0.10'), DEFAULT_VFM_BANDS);
    expect(a.years[1].discountFactor.toFixed(20)).toBe('0.90909090909090909091');
  });

  it('uses a requested base year instead: every factor moves one year, so NPV falls by 1/1.035', () => {
    const atEarliest = appraiseAggregate(projects(), 'businessCase', PLAIN, GREEN_BOOK, DEFAULT_VFM_BANDS);
    const at2019 = appraiseAggregate(projects(), 'businessCase', PLAIN, GREEN_BOOK, DEFAULT_VFM_BANDS, 2019);
    expect(at2019.years[0].fy).toBe(2019);
    expect(at2019.npv.minus(atEarliest.npv.dividedBy('1.035')).abs().lt('1e-28')).toBe(true);
    expect(at2019.bcr!.minus(atEarliest.bcr!).abs().lt('1e-28')).toBe(true);
  });

  it('C3: refuses a requested base year after a project’s first flow', () => {
    expect(() => appraiseAggregate(projects(), 'businessCase', PLAIN, GREEN_BOOK, DEFAULT_VFM_BANDS, 2021)).toThrow(
      FinanceInputError,
    );
  });

  it('builds the forecast and to-date views per project before summing', () => {
    const toDate = appraiseAggregate(projects(), 'toDate', PLAIN, GREEN_BOOK, DEFAULT_VFM_BANDS);
    expect(toDate.years.map((y) => [y.fy, y.costs.toString(), y.benefits.toString()])).toEqual([
      [2020, '2600', '0'],
      [2021, '0', '600'],
      [2022, '390', '150'], // A actual 90 + B actual 300
      [2023, '0', '36'],
    ]);
  });

  it('with no projects: an empty appraisal at the requested base year, else the fallback, else the as-at year', () => {
    const empty = appraiseAggregate([], 'forecast', PLAIN, GREEN_BOOK, DEFAULT_VFM_BANDS, undefined, 2023);
    expect(empty.years.map((y) => y.fy)).toEqual([2023]);
    expect([empty.bcr, empty.roi, empty.irr]).toEqual([null, null, null]);
    expect(empty.npv.isZero()).toBe(true);
    expect(appraiseAggregate([], 'forecast', PLAIN, GREEN_BOOK, DEFAULT_VFM_BANDS, 2021, 2023).years[0].fy).toBe(2021);
    expect(appraiseAggregate([], 'forecast', PLAIN, GREEN_BOOK, DEFAULT_VFM_BANDS).years[0].fy).toBe(2024);
  });
});

describe('aggregate realisation (C6: sums, never an average of ratios)', () => {
  it('Σ realised / Σ expected: (90 + 500)/(100 + 1000) is red, though the average ratio (0.7) would be amber', () => {
    const make = (expected: string, realised: string): ProjectFlows => ({
      ...emptyFlows(2024),
      benefits: [
        {
          type: 'cashable',
          disbenefit: false,
          confidence: d('0.5'),
          expected: [line(2024, expected)],
          realised: [line(2024, realised)],
        },
      ],
    });
    const r = aggregateRealisation([{ flows: make('100', '90') }, { flows: make('1000', '500') }], 2024);
    expect([r.expectedToDate, r.realisedToDate].map(String)).toEqual(['1100', '590']);
    expect(r.ratio!.eq(d(590).dividedBy(1100))).toBe(true);
    expect(r.rag).toBe('red');
  });

  it('is null with no projects, or nothing expected yet', () => {
    expect(aggregateRealisation([], 2024).ratio).toBeNull();
    expect(aggregateRealisation(projects(), 2020)).toEqual({
      expectedToDate: d(0),
      realisedToDate: d(0),
      ratio: null,
      rag: null,
    });
  });

  it('counts every project to the same as-at year', () => {
    const r = aggregateRealisation(projects(), 2023);
    expect([r.expectedToDate, r.realisedToDate].map(String)).toEqual(['3040', '786']); // 40 + 3000; 36 + 750
  });
});

describe('aggregate cost variance (C6)', () => {
  it('sums planned and actual per year across projects, then compares', () => {
    const v = aggregateCostVariance(projects(), 2024);
    expect(varianceYears(v)).toEqual([
      [2020, '2000', '2600', '600', '0.3'],
      [2022, '100', '390', '290', '2.9'],
      [2023, '50', '0', '-50', '-1'],
    ]);
    expect([v.planned, v.actual, v.variance, v.varianceRatio].map(String)).toEqual([
      '2150',
      '2990',
      '840',
      d(840).dividedBy(2150).toString(),
    ]);
  });

  it('has no years and a null ratio with no projects', () => {
    expect(aggregateCostVariance([], 2024)).toEqual({
      planned: d(0),
      actual: d(0),
      variance: d(0),
      varianceRatio: null,
      byYear: [],
    });
  });
});
