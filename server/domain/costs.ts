import { inTransaction } from '../knex';
import * as costLinesRepo from '../repositories/cost-lines';
import * as projectsRepo from '../repositories/projects';
import { NotFoundError, StaleVersionError, ValidationError } from '../errors';
import type { Db } from '../knex';
import type { CostInput } from '../validation/costs.schema';
import { fyLabel } from '../financial-year';
import { formatGbp } from '../money';
import { audit } from './audit';
import { afterFlowsChanged } from './flow-writes';
import { assertCanEditProject } from './permissions';
import { assertMayEditProject, assertNotBeforeBase, getProject } from './projects';
import { costSignProblem, signedCost } from './rules';
import { costLineSnapshot } from '../snapshots';
import type { Ctx } from './types';
import type { CostLine, Project } from '../records';

/** The rules every cost write meets, whoever calls (the schema checks the sign too, for a field message). */
function checked(project: Project, input: CostInput) {
  assertNotBeforeBase(project, input.year, 'year');
  const problem = costSignProblem(input.amount, input.isCredit);
  if (problem) throw new ValidationError({ amount: problem });
  return { ...input, fy: input.year, amount: signedCost(input.amount, input.isCredit) };
}

export async function listCostLines(ctx: Ctx, projectCode: string): Promise<{ project: Project; lines: CostLine[] }> {
  const project = await getProject(ctx, projectCode);
  return { project, lines: await costLinesRepo.listByProject(ctx.db, project.id) };
}

export async function getCostLine(
  ctx: Ctx | { db: Db },
  projectCode: string,
  id: number,
): Promise<{ project: Project; line: CostLine }> {
  const project = await getProject(ctx, projectCode);
  const line = await costLinesRepo.findById(ctx.db, id);
  if (!line || line.projectId !== project.id)
    throw new NotFoundError(`There is no cost line ${id} on project ${project.code}`);
  return { project, line };
}

/** The API addresses cost lines by id alone. */
export async function getCostLineById(
  ctx: Ctx | { db: Db },
  id: number,
): Promise<{ project: Project; line: CostLine }> {
  const line = await costLinesRepo.findById(ctx.db, id);
  if (!line) throw new NotFoundError(`There is no cost line ${id}`);
  const project = (await projectsRepo.findById(ctx.db, line.projectId))!;
  return { project, line };
}

type Shown = Parameters<typeof costLineSnapshot>[0];
const VERBS = { created: 'added', updated: 'updated', deleted: 'deleted' } as const;

/** The audit row of a cost line write: the summary names the line as it is after (or before, for a delete). */
async function auditCostLine(
  trx: Db,
  ctx: Ctx,
  project: Project,
  id: number,
  action: keyof typeof VERBS,
  change: { before?: Shown; after?: Shown },
): Promise<void> {
  const line = (change.after ?? change.before)!;
  await audit(trx, ctx, {
    action,
    entityType: 'cost_line',
    entityId: String(id),
    projectId: project.id,
    summary: `${line.kind === 'planned' ? 'Planned' : 'Actual'} cost ${formatGbp(line.amount)} in ${fyLabel(line.fy)} ${VERBS[action]} on ${project.code}`,
    ...(change.before ? { before: costLineSnapshot(change.before) } : {}),
    ...(change.after ? { after: costLineSnapshot(change.after) } : {}),
  });
}

export async function addCostLine(ctx: Ctx, projectCode: string, input: CostInput): Promise<CostLine> {
  return inTransaction(ctx.db, async (trx) => {
    const project = await getProject({ db: trx }, projectCode);
    assertCanEditProject(ctx, project);
    const write = checked(project, input);
    const id = await costLinesRepo.insert(trx, project.id, write);
    await afterFlowsChanged(trx, project, 'amount');
    await auditCostLine(trx, ctx, project, id, 'created', { after: write });
    return (await costLinesRepo.findById(trx, id))!;
  });
}

export async function updateCostLine(
  ctx: Ctx,
  projectCode: string | null,
  id: number,
  version: number,
  input: CostInput,
): Promise<CostLine> {
  return inTransaction(ctx.db, async (trx) => {
    const { project, line } =
      projectCode === null ? await getCostLineById({ db: trx }, id) : await getCostLine({ db: trx }, projectCode, id);
    assertCanEditProject(ctx, project);
    const write = checked(project, input);
    if (!(await costLinesRepo.update(trx, id, version, write))) throw new StaleVersionError(line);
    await afterFlowsChanged(trx, project, 'amount');
    await auditCostLine(trx, ctx, project, id, 'updated', { before: line, after: write });
    return (await costLinesRepo.findById(trx, id))!;
  });
}

/** `version`, when given (the API's If-Match), must be the current one: otherwise StaleVersionError. */
export async function deleteCostLine(
  ctx: Ctx,
  projectCode: string | null,
  id: number,
  version?: number,
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const { project, line } =
      projectCode === null ? await getCostLineById({ db: trx }, id) : await getCostLine({ db: trx }, projectCode, id);
    assertCanEditProject(ctx, project);
    if (!(await costLinesRepo.remove(trx, id, version))) throw new StaleVersionError(line);
    // Removing a credit raises its year's total.
    await afterFlowsChanged(trx, project, 'amount');
    await auditCostLine(trx, ctx, project, id, 'deleted', { before: line });
  });
}

// ## Forms: shown only to someone whose save would be allowed, by the same checks as the save

/** The add-a-cost-line form: the project, if this actor may change it (as addCostLine checks). */
export async function assertMayAddCostLine(ctx: Ctx, projectCode: string): Promise<Project> {
  return assertMayEditProject(ctx, projectCode);
}

/** The edit and delete forms of a cost line: the line, if this actor may change it (as updateCostLine checks). */
export async function assertMayEditCostLine(
  ctx: Ctx,
  projectCode: string,
  id: number,
): Promise<{ project: Project; line: CostLine }> {
  const found = await getCostLine(ctx, projectCode, id);
  assertCanEditProject(ctx, found.project);
  return found;
}
