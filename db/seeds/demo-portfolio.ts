/**
 * Seeds the demo portfolio (demo-data.ts) through the domain layer, so every figure passes the
 * same validation as a form or API call and every write is audited as "demo seed".
 *
 * Idempotent: it first clears the portfolio tables (audit_log, settings and users are kept).
 * The clear and the whole seed run in one transaction (the domain functions' own transactions
 * become savepoints inside it), so a bad row leaves the previous data untouched, and SQLite
 * commits once, which keeps seeding fast.
 */
import { seedDemoReforecasts } from './demo-reforecasts';
import type { Knex } from 'knex';
import type { Logger } from '../../server/logger';
import { type Ctx } from '../../server/domain/types';
import { systemActor, type Actor } from '../../server/records';
import { ValidationError } from '../../server/errors';
import { createDirectorate } from '../../server/domain/directorates';
import { createProject } from '../../server/domain/projects';
import { addCostLine } from '../../server/domain/costs';
import { addBenefit } from '../../server/domain/benefits';
import { recordRealisation } from '../../server/domain/realisations';
import { parseOrThrow } from '../../server/validation/fields';
import { directorateSchema } from '../../server/validation/directorates.schema';
import { projectSchema } from '../../server/validation/projects.schema';
import { costSchema } from '../../server/validation/costs.schema';
import { benefitSchema } from '../../server/validation/benefits.schema';
import { realisationSchema } from '../../server/validation/realisations.schema';
import { seedDemoAssessments } from './demo-assessments';
import { approveDemoProject, needsApproval, seedDemoDecisions } from './demo-decisions';
import { seedDemoReviews } from './demo-reviews';
import { seedDemoVerification } from './demo-verification';
import { seedDemoBudgetReductions, seedDemoPriorities } from './demo-priorities';
import { ADDED_SINCE_LAST_EDITION, seedDemoLastEdition, seedDemoNextPaper } from './demo-paper';
import { DEMO_DIRECTORATES, DEMO_PROJECTS, type DemoBenefit, type DemoProject } from './demo-data';

export const DEMO_ACTOR: Actor = systemActor('demo seed');

/** Children before parents, so no foreign key blocks a delete. */
const PORTFOLIO_TABLES = [
  // Board report editions (issue 15) freeze the portfolio's figures: they go with the portfolio.
  'report_editions',
  // Assessments (issue 18): actions and answers before assessments, frameworks last of them.
  'improvement_action_projects',
  'improvement_actions',
  'assessment_dimension_notes',
  'assessment_answers',
  'assessments',
  'assessment_statements',
  'assessment_dimensions',
  'assessment_frameworks',
  // Post-implementation reviews (issue 17) go with their projects.
  'reviews',
  'realisation_attachments',
  'realisations',
  'budget_reductions',
  // C9 re-forecasts (issue 16) and their read-model differences go with their benefits and projects.
  'benefit_reforecasts',
  'project_reforecast_summaries',
  'benefit_profile',
  'benefits',
  'cost_lines',
  // Decisions and frozen baselines (C9, issue 16): children first.
  'baseline_benefit_profile',
  'baseline_benefits',
  'baseline_cost_lines',
  'baselines',
  'decisions',
  // Derived (C8): the project rows and headlines go with their projects; the group sums name directorates.
  'group_year_summaries',
  'projects',
  'directorates',
  'priorities',
] as const;

/** Built once: constructing a zod schema costs far more than using one. */
const schemas = {
  directorate: directorateSchema('api'),
  project: projectSchema('api'),
  cost: costSchema('api'),
  benefit: benefitSchema('api'),
  realisation: realisationSchema('api'),
};

export interface DemoSeedCounts {
  directorates: number;
  projects: number;
  costLines: number;
  benefits: number;
  realisations: number;
}

export async function seedDemoPortfolio(db: Knex, logger: Logger): Promise<DemoSeedCounts> {
  const started = Date.now();
  const counts = await db.transaction(async (trx) => {
    for (const table of PORTFOLIO_TABLES) await trx(table).delete();
    const ctx: Ctx = { db: trx, actor: DEMO_ACTOR, logger };
    for (const d of DEMO_DIRECTORATES) {
      await step(`directorate ${d.code}`, () => createDirectorate(ctx, parseOrThrow(schemas.directorate, d)));
    }
    await step('priorities', () => seedDemoPriorities(ctx));
    const later = (p: DemoProject) => ADDED_SINCE_LAST_EDITION.includes(p.code);
    for (const p of DEMO_PROJECTS.filter((p) => !later(p))) await seedProject(ctx, p);
    // Issue 15: the edition the Board received last time; what follows is "since the last edition".
    await step('last edition', () => seedDemoLastEdition(ctx));
    for (const p of DEMO_PROJECTS.filter(later)) await seedProject(ctx, p);
    await step('decisions', () => seedDemoDecisions(ctx));
    await step('budget reductions', () => seedDemoBudgetReductions(ctx));
    await step('assessments', () => seedDemoAssessments(ctx));
    // Before the reviews, which look at what is verified (C10).
    await step('verification', () => seedDemoVerification(ctx));
    await step('reviews', () => seedDemoReviews(ctx));
    await step('re-forecasts', () => seedDemoReforecasts(ctx));
    await step('next paper', () => seedDemoNextPaper(ctx));
    return countRows(trx);
  });
  logger.info({ ...counts, ms: Date.now() - started }, 'demo portfolio seeded');
  return counts;
}

async function seedProject(ctx: Ctx, p: DemoProject): Promise<void> {
  const { costs, benefits, ...project } = p;
  // C9: an approved (or later) project is created as proposed, given its plan, then approved.
  const approve = needsApproval(project.status);
  const created = approve ? { ...project, status: 'proposed' } : project;
  await step(p.code, () => createProject(ctx, parseOrThrow(schemas.project, created)));
  for (const [i, cost] of costs.entries()) {
    await step(`${p.code} cost line ${i + 1}`, () => addCostLine(ctx, p.code, parseOrThrow(schemas.cost, cost)));
  }
  for (const benefit of benefits) await seedBenefit(ctx, p.code, benefit);
  if (approve) await step(`${p.code} approval`, () => approveDemoProject(ctx, project, ++approvals));
}

let approvals = 0;

async function seedBenefit(ctx: Ctx, projectCode: string, b: DemoBenefit): Promise<void> {
  const { realisations = [], profile = {}, ...fields } = b;
  const input = { ...fields, profile: Object.entries(profile).map(([year, amount]) => ({ year, amount })) };
  await step(`${projectCode}/${b.ref}`, () => addBenefit(ctx, projectCode, parseOrThrow(schemas.benefit, input)));
  for (const [i, r] of realisations.entries()) {
    await step(`${projectCode}/${b.ref} realisation ${i + 1}`, () =>
      recordRealisation(ctx, projectCode, b.ref, parseOrThrow(schemas.realisation, r)),
    );
  }
}

/** Names the demo row that failed, so a bad edit to demo-data is quick to find. */
async function step<T>(where: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const detail =
      err instanceof ValidationError
        ? Object.entries(err.fields)
            .map(([field, message]) => `${field}: ${message}`)
            .join('; ')
        : err instanceof Error
          ? err.message
          : String(err);
    throw new Error(`Demo data ${where}: ${detail}`, { cause: err });
  }
}

async function countRows(db: Knex): Promise<DemoSeedCounts> {
  const count = async (table: string) => {
    const row = await db(table).count({ n: '*' }).first();
    return Number(row?.n ?? 0); // a row count, not money: PostgreSQL returns it as a string
  };
  return {
    directorates: await count('directorates'),
    projects: await count('projects'),
    costLines: await count('cost_lines'),
    benefits: await count('benefits'),
    realisations: await count('realisations'),
  };
}
