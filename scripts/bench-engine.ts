/**
 * Finance engine benchmark: 5,000 synthetic projects × 10 years (deterministic), timing for each
 * project its three views' appraisals, realisation and cost variance, then the portfolio
 * aggregates. Run: npx tsx scripts/bench-engine.ts [projects] [runs]
 */
import { Decimal } from '../server/money';
import {
  aggregateCostVariance,
  aggregateRealisation,
  appraise,
  appraiseAggregate,
  costVariance,
  DEFAULT_RAG,
  DEFAULT_VFM_BANDS,
  GREEN_BOOK,
  projectYearAmounts,
  realisation,
  type BenefitType,
  type ProjectFlows,
  type ProjectView,
  type ViewOptions,
} from '../server/finance';

const PROJECTS = Number.parseInt(process.argv[2] ?? '5000', 10);
const RUNS = Number.parseInt(process.argv[3] ?? '5', 10);
const YEARS = 10;
const AS_AT_FY = 2024;
const VIEWS: ProjectView[] = ['businessCase', 'forecast', 'toDate'];

/** mulberry32: a small deterministic PRNG, so every run appraises the same portfolio. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(20240401);
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];

/** Integer pence → Decimal pounds through a string (C1), never through float arithmetic. */
function pounds(pence: number): Decimal {
  return new Decimal(`${pence}`).dividedBy(100);
}

function syntheticBenefit(baseFy: number, scale: number): ProjectFlows['benefits'][number] {
  const type: BenefitType = pick(['cashable', 'cashable', 'non_cashable', 'non_cashable', 'qualitative']);
  const start = int(1, 3);
  const expected: { fy: number; amount: Decimal }[] = [];
  const realised: { fy: number; amount: Decimal }[] = [];
  for (let t = start; t < YEARS; t++) {
    const pence = Math.floor((scale * Math.min(1, (t - start + 1) / 3) * int(80, 120)) / 100);
    expected.push({ fy: baseFy + t, amount: pounds(pence) });
    if (baseFy + t <= AS_AT_FY) realised.push({ fy: baseFy + t, amount: pounds(Math.floor((pence * int(40, 115)) / 100)) });
  }
  const confidence = new Decimal(pick(['0.5', '0.6', '0.7', '0.8', '0.9', '1']));
  return { type, disbenefit: rand() < 0.1, confidence, expected, realised };
}

function syntheticProject(): ProjectFlows {
  const baseFy = int(2017, 2023);
  const capital = int(5_000_000, 500_000_000); // pence
  const costs: ProjectFlows['costs'] = [];
  for (let t = 0; t < YEARS; t++) {
    const planned = t < 2 ? Math.floor(capital / 2) : Math.floor((capital * int(5, 15)) / 100);
    costs.push({ fy: baseFy + t, kind: 'planned', amount: pounds(planned) });
    if (baseFy + t <= AS_AT_FY) costs.push({ fy: baseFy + t, kind: 'actual', amount: pounds(Math.floor((planned * int(80, 130)) / 100)) });
  }
  const benefits = Array.from({ length: int(2, 4) }, () => syntheticBenefit(baseFy, Math.floor(capital / int(3, 8))));
  return { baseFy, optimismBias: new Decimal(pick(['0.1', '0.24', '0.44', '0.66', '1', '2'])), costs, benefits };
}

function appraiseProject(flows: ProjectFlows, opts: ViewOptions): number {
  let irrs = 0;
  for (const view of VIEWS) {
    const years = projectYearAmounts(flows, view, opts);
    const a = appraise({ baseFy: flows.baseFy, years, rule: GREEN_BOOK, bands: DEFAULT_VFM_BANDS });
    if (a.irr !== null) irrs++;
  }
  realisation(flows, opts.asAtFy, DEFAULT_RAG);
  costVariance(flows, opts.asAtFy);
  return irrs;
}

function runOnce(portfolio: { flows: ProjectFlows }[], opts: ViewOptions): { projectMs: number; aggregateMs: number; irrs: number } {
  const t0 = process.hrtime.bigint();
  let irrs = 0;
  for (const p of portfolio) irrs += appraiseProject(p.flows, opts);
  const t1 = process.hrtime.bigint();
  for (const view of VIEWS) appraiseAggregate(portfolio, view, opts, GREEN_BOOK, DEFAULT_VFM_BANDS);
  aggregateRealisation(portfolio, opts.asAtFy, DEFAULT_RAG);
  aggregateCostVariance(portfolio, opts.asAtFy);
  const t2 = process.hrtime.bigint();
  return { projectMs: Number(t1 - t0) / 1e6, aggregateMs: Number(t2 - t1) / 1e6, irrs };
}

function main(): void {
  const portfolio = Array.from({ length: PROJECTS }, () => ({ flows: syntheticProject() }));
  const opts: ViewOptions = { asAtFy: AS_AT_FY, riskAdjusted: true };
  console.log(`Finance engine benchmark: ${PROJECTS} projects × ${YEARS} years, ${VIEWS.length} views each, as at ${AS_AT_FY}/${(AS_AT_FY + 1) % 100}`);
  for (let run = 1; run <= RUNS; run++) {
    const { projectMs, aggregateMs, irrs } = runOnce(portfolio, opts);
    const totalMs = projectMs + aggregateMs;
    const perSecond = Math.floor(PROJECTS / (totalMs / 1000));
    console.log(
      `run ${run}${run === 1 ? ' (cold)' : '       '}: total ${totalMs.toFixed(1)} ms ` +
        `(projects ${projectMs.toFixed(1)} ms + portfolio aggregates ${aggregateMs.toFixed(1)} ms), ` +
        `${perSecond} projects/s, ${irrs} IRRs found`,
    );
  }
}

main();
