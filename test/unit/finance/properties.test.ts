/** Property-based checks of the engine's invariants (fast-check), with bounded run counts. */
import fc from 'fast-check';
import { appraisePortfolio } from '../../../server/finance/portfolio';
import { appraise } from '../../../server/finance/appraise';
import { DEFAULT_RAG, DEFAULT_VFM_BANDS, GREEN_BOOK } from '../../../server/finance/defaults';
import { irr } from '../../../server/finance/irr';
import { paybackYears } from '../../../server/finance/payback';
import { projectYearAmounts } from '../../../server/finance/views';
import type { Appraisal, DiscountRule, ProjectFlows, YearAmounts } from '../../../server/finance/types';
import { constantRule, d, Exact, pence } from '../../fixtures/finance/builders';
import type { Decimal } from '../../../server/money';

const RUNS = { numRuns: 100 };
const BASE = 2024;

/** Amounts as integer pence up to £100m, turned into Decimal pounds via strings (C1). */
const penceAmount = (min: number, max = 10_000_000_000) => fc.integer({ min, max }).map(pence);

/** A conventional profile: 1–3 years of outlay, then 1–12 years of returns, at least one positive. */
const conventional = fc
  .tuple(
    fc.array(penceAmount(1), { minLength: 1, maxLength: 3 }),
    fc.array(penceAmount(0), { minLength: 1, maxLength: 12 }),
    penceAmount(1),
  )
  .map(([outlays, returns, last]) => [...outlays.map((o) => o.negated()), ...returns, last]);

/** Any profile of 1–12 yearly net flows, either sign. */
const anyNet = fc.array(penceAmount(-10_000_000_000), { minLength: 1, maxLength: 12 });

function yearsFromNetDecimals(net: readonly Decimal[]): YearAmounts[] {
  return net.map((n, t) => ({
    fy: BASE + t,
    costs: n.isNeg() ? n.negated() : d(0),
    cashable: n.isNeg() ? d(0) : n,
    nonCashable: d(0),
  }));
}

function run(years: YearAmounts[], rule: DiscountRule = GREEN_BOOK): Appraisal {
  return appraise({ baseFy: BASE, years, rule, bands: DEFAULT_VFM_BANDS });
}

/** |Σ N(t)/(1+r)^t| / Σ |N(t)|/(1+r)^t by the plain formula in 60 digits. */
function relativeNpvAt(net: readonly Decimal[], r: Decimal): InstanceType<typeof Exact> {
  const g = new Exact(r).plus(1);
  let value = new Exact(0);
  let scale = new Exact(0);
  net.forEach((n, t) => {
    const term = new Exact(n).dividedBy(g.pow(t));
    value = value.plus(term);
    scale = scale.plus(term.abs());
  });
  return value.abs().dividedBy(scale);
}

describe('IRR properties', () => {
  it('NPV at the IRR is 0 (relative to the flows’ scale) for conventional profiles', () => {
    fc.assert(
      fc.property(conventional, (net) => {
        const result = irr(net, d('0.035'));
        expect(result.ambiguous).toBe(false);
        expect(result.irr).not.toBeNull();
        expect(relativeNpvAt(net, result.irr!).lt('1e-12')).toBe(true);
      }),
      RUNS,
    );
  });

  it('the IRR is above 0 exactly when the undiscounted net total is', () => {
    fc.assert(
      fc.property(conventional, (net) => {
        const total = net.reduce((a, b) => a.plus(b));
        const r = irr(net, d('0.035')).irr!;
        expect(r.isPos() && !r.isZero()).toBe(total.isPos() && !total.isZero());
      }),
      RUNS,
    );
  });
});

/** NPV(r) = Σ N(t)/(1+r)^t by the plain formula in a 24-digit clone (a cheap independent oracle). */
const Oracle = Exact.clone({ precision: 24 });
function oracleNpv(net: readonly Decimal[], r: InstanceType<typeof Oracle>): InstanceType<typeof Oracle> {
  const x = new Oracle(1).dividedBy(r.plus(1));
  let factor = new Oracle(1);
  let sum = new Oracle(0);
  for (const n of net) {
    sum = sum.plus(factor.times(n.toString()));
    factor = factor.times(x);
  }
  return sum;
}

/** A fine brute-force grid over (−0.99, 10): step 0.0025 below 1, 0.025 above. */
const FINE_GRID = [
  ...Array.from({ length: 795 }, (_, i) => new Oracle(-0.985).plus(new Oracle(i).times('0.0025'))),
  ...Array.from({ length: 360 }, (_, i) => new Oracle(1).plus(new Oracle(i).times('0.025'))),
].filter((r) => r.gt('-0.99') && r.lt(10));

describe('IRR with several sign changes, against a brute-force scan', () => {
  const profile = fc
    .array(
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map((x) => d(x)),
      { minLength: 3, maxLength: 6 },
    )
    .filter((net) => {
      let changes = 0;
      net.filter((n) => !n.isZero()).reduce((prev, n) => ((changes += prev.isNeg() !== n.isNeg() ? 1 : 0), n));
      return changes >= 2;
    });
  const target = fc.constantFrom('0.035', '0.1', '-0.3', '2');

  it('reports a root (NPV ≈ 0) and no fine-grid sign change lies nearer the target', () => {
    fc.assert(
      fc.property(profile, target, (net, t) => {
        const result = irr(net, d(t));
        expect(result.ambiguous).toBe(true);
        const values = FINE_GRID.map((r) => oracleNpv(net, r));
        const brackets = FINE_GRID.slice(1)
          .map((hi, i) => ({
            lo: FINE_GRID[i],
            hi,
            change: values[i].isNeg() !== values[i + 1].isNeg() && !values[i].isZero() && !values[i + 1].isZero(),
          }))
          .filter((b) => b.change);
        if (result.irr === null) return void expect(brackets).toEqual([]);
        expect(result.irr.gt('-0.99') && result.irr.lt(10)).toBe(true);
        expect(relativeNpvAt(net, result.irr).lt('1e-12')).toBe(true);
        const found = result.irr.minus(t).abs();
        for (const b of brackets) {
          const nearestInBracket = d(t).lt(b.lo.toString())
            ? b.lo.minus(t)
            : d(t).gt(b.hi.toString())
              ? new Oracle(t).minus(b.hi)
              : new Oracle(0);
          // The root may lie anywhere in its bracket, so allow the bracket's width.
          expect(found.lte(nearestInBracket.abs().plus(b.hi.minus(b.lo)).toString())).toBe(true);
        }
      }),
      { numRuns: 40, seed: 20240401 },
    );
  });
});

describe('payback properties', () => {
  it('lies in (t − 1, t] for the first year t back to ≥ 0 after the first negative running sum', () => {
    fc.assert(
      fc.property(anyNet, (net) => {
        let sum = new Exact(0);
        const running = net.map((n) => (sum = sum.plus(n)));
        const firstNegative = running.findIndex((s) => s.isNeg() && !s.isZero());
        const result = paybackYears(net);
        if (firstNegative < 0) return void expect(result!.isZero()).toBe(true);
        const recovered = running.findIndex((s, t) => t > firstNegative && !(s.isNeg() && !s.isZero()));
        if (recovered < 0) return void expect(result).toBeNull();
        expect(result!.gt(recovered - 1)).toBe(true);
        expect(result!.lte(recovered)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('appraisal properties', () => {
  it('scaling every flow by k > 0 leaves BCR, ROI and IRR unchanged', () => {
    const k = fc.integer({ min: 1, max: 1_000_000 }).map((x) => d(x).dividedBy(1000));
    fc.assert(
      fc.property(anyNet, k, (net, factor) => {
        const a = run(yearsFromNetDecimals(net));
        const b = run(yearsFromNetDecimals(net.map((n) => n.times(factor))));
        const close = (x: Decimal | null, y: Decimal | null, tolerance: string) =>
          x === null ? y === null : y !== null && x.minus(y).abs().lte(x.abs().plus(1).times(tolerance));
        expect(close(a.bcr, b.bcr, '1e-25')).toBe(true);
        expect(close(a.roi, b.roi, '1e-25')).toBe(true);
        expect(b.irrAmbiguous).toBe(a.irrAmbiguous);
        expect(close(a.irr, b.irr, '1e-9')).toBe(true);
      }),
      RUNS,
    );
  });

  it('adding a cost never raises NPV', () => {
    fc.assert(
      fc.property(anyNet, penceAmount(0), fc.integer({ min: 0, max: 14 }), fc.boolean(), (net, extra, t, greenBook) => {
        const rule = greenBook ? GREEN_BOOK : constantRule('0.08');
        const before = run(yearsFromNetDecimals(net), rule);
        const after = run(
          [...yearsFromNetDecimals(net), { fy: BASE + t, costs: extra, cashable: d(0), nonCashable: d(0) }],
          rule,
        );
        expect(after.npv.lte(before.npv)).toBe(true);
      }),
      RUNS,
    );
  });

  it('NPV = PV benefits − PV costs, with PVs by the plain formula', () => {
    fc.assert(
      fc.property(anyNet, (net) => {
        const a = run(yearsFromNetDecimals(net), constantRule('0.05'));
        const expected = net.reduce(
          (s, n, t) => s.plus(new Exact(n).dividedBy(new Exact('1.05').pow(t))),
          new Exact(0),
        );
        expect(new Exact(a.npv).minus(expected).abs().lt('1e-20')).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('aggregate properties', () => {
  const flowsArb = fc
    .tuple(
      fc.integer({ min: 2018, max: 2024 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), penceAmount(0), penceAmount(0)), {
        minLength: 1,
        maxLength: 8,
      }),
      fc.integer({ min: 0, max: 200 }),
    )
    .map(([baseFy, lines, ob]): ProjectFlows => ({
      baseFy,
      optimismBias: d(ob).dividedBy(100),
      costs: lines.map(([t, c]) => ({ fy: baseFy + t, kind: 'planned' as const, amount: c })),
      benefits: [
        {
          type: 'cashable',
          disbenefit: false,
          confidence: d(1),
          expected: lines.map(([t, , b]) => ({ fy: baseFy + t, amount: b })),
          realised: [],
        },
      ],
    }));

  it('the aggregate NPV at a common base year is the sum of the projects’ NPVs at that base year', () => {
    fc.assert(
      fc.property(flowsArb, flowsArb, (p, q) => {
        const opts = { asAtFy: 2024, riskAdjusted: false };
        const base = Math.min(p.baseFy, q.baseFy);
        const own = [p, q].map((f) =>
          appraise({
            baseFy: base,
            years: projectYearAmounts(f, 'businessCase', opts),
            rule: GREEN_BOOK,
            bands: DEFAULT_VFM_BANDS,
          }),
        );
        const aggregate = appraisePortfolio({
          projects: [p, q].map((flows) => ({ flows, rule: GREEN_BOOK })),
          opts,
          rule: GREEN_BOOK,
          bands: DEFAULT_VFM_BANDS,
          rag: DEFAULT_RAG,
        }).aggregate.businessCase;
        expect(aggregate.years[0].fy).toBe(base);
        expect(aggregate.npv.minus(own[0].npv.plus(own[1].npv)).abs().lt('1e-20')).toBe(true);
        expect(aggregate.pvCosts.minus(own[0].pvCosts.plus(own[1].pvCosts)).abs().lt('1e-20')).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
