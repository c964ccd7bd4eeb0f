/**
 * Finance engine benchmark: the full C6 metrics of a 5,000-project portfolio (10 years each,
 * deterministic), as the portfolio pages and API ask for them in one appraisePortfolio call: every
 * project's three views, realisation and cost variance, the portfolio aggregate and one aggregate
 * per directorate (12). Run: npx tsx scripts/bench-engine.ts [projects] [runs] [--every-view] [--breakdown]
 * (--every-view also times the heavier load of every view of every project in full, year tables
 * and all, as a project page computes them; --breakdown times each phase on its own).
 */
import { Decimal } from '../server/money';
import {
  appraisePortfolio,
  irr,
  appraise,
  appraiseHeadline,
  appraiseValue,
  costVariance,
  DEFAULT_RAG,
  DEFAULT_VFM_BANDS,
  GREEN_BOOK,
  PROJECT_VIEWS,
  projectYearAmounts,
  realisation,
  type BenefitType,
  type PortfolioProject,
  type ProjectFlows,
  type ViewOptions,
  type YearAmounts,
} from '../server/finance';

const ARGS = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const PROJECTS = Number.parseInt(ARGS[0] ?? '5000', 10);
const RUNS = Number.parseInt(ARGS[1] ?? '5', 10);
const BREAKDOWN = process.argv.includes('--breakdown');
const EVERY_VIEW = process.argv.includes('--every-view');
const YEARS = 10;
const AS_AT_FY = 2024;

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
    if (baseFy + t <= AS_AT_FY)
      realised.push({ fy: baseFy + t, amount: pounds(Math.floor((pence * int(40, 115)) / 100)) });
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
    if (baseFy + t <= AS_AT_FY)
      costs.push({ fy: baseFy + t, kind: 'actual', amount: pounds(Math.floor((planned * int(80, 130)) / 100)) });
  }
  const benefits = Array.from({ length: int(2, 4) }, () => syntheticBenefit(baseFy, Math.floor(capital / int(3, 8))));
  return { baseFy, optimismBias: new Decimal(pick(['0.1', '0.24', '0.44', '0.66', '1', '2'])), costs, benefits };
}

interface RunTimes {
  wallMs: number;
  /** CPU time of this process over the run: less disturbed than wall time on a busy machine. */
  cpuMs: number;
  irrs: number;
  groups: number;
}

const DIRECTORATES = Array.from({ length: 12 }, (_, i) => `D${i + 1}`);

/** What the portfolio pages and API compute: one appraisePortfolio call. */
function portfolioMetrics(portfolio: PortfolioProject[], opts: ViewOptions): { irrs: number; groups: number } {
  const result = appraisePortfolio({
    projects: portfolio,
    opts,
    rule: GREEN_BOOK,
    bands: DEFAULT_VFM_BANDS,
    rag: DEFAULT_RAG,
  });
  return { irrs: result.projects.filter((p) => p.businessCase.irr !== null).length, groups: result.groups.size };
}

/** Every view of every project in full (year tables, IRR, paybacks), plus the same aggregates. */
function everyView(portfolio: PortfolioProject[], opts: ViewOptions): { irrs: number; groups: number } {
  let irrs = 0;
  for (const { flows, rule } of portfolio) {
    for (const view of PROJECT_VIEWS)
      if (
        appraise({ baseFy: flows.baseFy, years: projectYearAmounts(flows, view, opts), rule, bands: DEFAULT_VFM_BANDS })
          .irr !== null
      )
        irrs++;
    realisation(flows, opts.asAtFy, DEFAULT_RAG);
    costVariance(flows, opts.asAtFy);
  }
  return { irrs, groups: portfolioMetrics(portfolio, opts).groups };
}

function runOnce(work: typeof portfolioMetrics, portfolio: PortfolioProject[], opts: ViewOptions): RunTimes {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const { irrs, groups } = work(portfolio, opts);
  const t1 = process.hrtime.bigint();
  const cpu = process.cpuUsage(cpu0);
  return { wallMs: Number(t1 - t0) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000, irrs, groups };
}

function report(label: string, r: RunTimes): void {
  console.log(
    `${label.padEnd(12)} ${r.wallMs.toFixed(0).padStart(5)} ms wall, ${r.cpuMs.toFixed(0).padStart(5)} ms CPU, ` +
      `${Math.floor(PROJECTS / (r.wallMs / 1000))} projects/s (${r.irrs} IRRs, portfolio + ${r.groups} directorate aggregates)`,
  );
}

/** Best of three timings of one phase, in ms. */
function timePhase(label: string, phase: () => void): void {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    phase();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(`  ${label.padEnd(56)} ${best.toFixed(0).padStart(5)} ms`);
}

function breakdown(portfolio: PortfolioProject[], opts: ViewOptions): void {
  const views = portfolio.map((p) => PROJECT_VIEWS.map((v) => projectYearAmounts(p.flows, v, opts)));
  const own = (p: PortfolioProject, years: YearAmounts[]) => ({
    baseFy: p.flows.baseFy,
    years,
    rule: p.rule,
    bands: DEFAULT_VFM_BANDS,
  });
  const nets = portfolio.map((p, i) => appraise(own(p, views[i][0])).years.map((y) => y.net));
  const nearRate = new Decimal('0.035');
  console.log('Breakdown (best of 3 each):');
  timePhase(`views: ${views.length * PROJECT_VIEWS.length} projectYearAmounts`, () =>
    portfolio.forEach((p) => PROJECT_VIEWS.forEach((v) => projectYearAmounts(p.flows, v, opts))),
  );
  timePhase(`business cases in full but the year table: ${portfolio.length}`, () =>
    portfolio.forEach((p, i) => appraiseHeadline(own(p, views[i][0]))),
  );
  timePhase(`of which IRR alone: ${nets.length} irr()`, () => nets.forEach((n) => irr(n, nearRate)));
  timePhase(`forecasts' value for money: ${portfolio.length}`, () =>
    portfolio.forEach((p, i) => appraiseValue(own(p, views[i][1]))),
  );
  timePhase(`realisation: ${portfolio.length}`, () =>
    portfolio.forEach((p) => realisation(p.flows, opts.asAtFy, DEFAULT_RAG)),
  );
  timePhase(`cost variance: ${portfolio.length}`, () => portfolio.forEach((p) => costVariance(p.flows, opts.asAtFy)));
}

function main(): void {
  const portfolio: PortfolioProject[] = Array.from({ length: PROJECTS }, (_, i) => ({
    flows: syntheticProject(),
    rule: GREEN_BOOK,
    group: DIRECTORATES[i % DIRECTORATES.length],
  }));
  const opts: ViewOptions = { asAtFy: AS_AT_FY, riskAdjusted: true };
  console.log(
    `Finance engine benchmark: ${PROJECTS} projects × ${YEARS} years, ${DIRECTORATES.length} directorates, as at ${AS_AT_FY}/${(AS_AT_FY + 1) % 100}`,
  );
  const loads: [string, typeof portfolioMetrics][] = [
    ['Portfolio metrics (project rows, portfolio and directorate aggregates)', portfolioMetrics],
  ];
  if (EVERY_VIEW) loads.push(['Every view of every project in full, plus the aggregates', everyView]);
  for (const [label, work] of loads) {
    console.log(`${label}:`);
    const runs: RunTimes[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const r = runOnce(work, portfolio, opts);
      report(run === 1 ? 'run 1 (cold)' : `run ${run}`, r);
      runs.push(r);
    }
    // The first run includes JIT warm-up; on a shared machine the median is the fairer figure.
    const warm = (runs.length > 1 ? runs.slice(1) : runs).sort((x, y) => x.wallMs - y.wallMs);
    report('best warm', warm[0]);
    report('median warm', warm[Math.floor((warm.length - 1) / 2)]);
  }
  if (BREAKDOWN) breakdown(portfolio, opts);
}

main();
