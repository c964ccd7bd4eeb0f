/**
 * Strategic ICT effectiveness assessments (issue 18): one directorate, one framework version, a
 * date and named assessors. Workflow draft → submitted → approved, or back to draft with a comment.
 * Admin and finance users (finance within their directorates) create, edit and submit; an admin or
 * finance user other than the submitter approves or returns. Approved assessments are read-only.
 * Every step is one transaction with its audit row. Scores follow C11 (finance/assessment-scores).
 */
import { inTransaction } from '../knex';
import * as repo from '../repositories/assessments';
import * as directoratesRepo from '../repositories/directorates';
import { ConflictError, ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../errors';
import { assessmentScores, type AssessmentScores } from '../finance/assessment-scores';
import type { Actor, Assessment, AssessmentAnswer, AssessmentStatus, DimensionNote, Framework } from '../records';
import type { AnswersInput, NewAssessmentInput } from '../validation/assessments.schema';
import { audit } from './audit';
import { getFramework, latestFramework } from './assessment-frameworks';
import { allows, canEditDirectorate, hasRole } from './permissions';
import type { Ctx } from './types';

// ## Permissions: each asked in advance by pages (permissions.allows) with the same words

/** Create, edit, submit, raise actions: admin, or finance within its directorates. */
export function assertMayEditAssessmentsIn(ctx: Pick<Ctx, 'actor'>, directorate: { id: number; name: string }): void {
  if (!canEditDirectorate(ctx.actor, directorate.id))
    throw new ForbiddenError(
      `Only administrators and the finance partners of ${directorate.name} can change its assessments`,
    );
}

/** Whether this actor may start an assessment of some directorate (the "Start an assessment" button). */
export function mayStartAssessments(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'finance');
}

/** Approve or return: admin or finance within the directorate, and not the person who submitted it. */
export function assertMayReview(ctx: Pick<Ctx, 'actor'>, a: Assessment): void {
  if (!canEditDirectorate(ctx.actor, a.directorateId))
    throw new ForbiddenError(
      `Only administrators and the finance partners of ${a.directorateName} can approve its assessments`,
    );
  if (a.submittedById !== null && ctx.actor.id === a.submittedById)
    throw new ForbiddenError(
      'You submitted this assessment: another administrator or finance user must approve or return it',
    );
}

export interface AssessmentPermissions {
  edit: boolean;
  submit: boolean;
  review: boolean;
  raiseActions: boolean;
}

export function assessmentPermissions(ctx: Pick<Ctx, 'actor'>, a: Assessment): AssessmentPermissions {
  const inScope = allows(() => assertMayEditAssessmentsIn(ctx, { id: a.directorateId, name: a.directorateName }));
  return {
    edit: inScope && a.status === 'draft',
    submit: inScope && a.status === 'draft',
    review: a.status === 'submitted' && allows(() => assertMayReview(ctx, a)),
    raiseActions: inScope && a.status !== 'submitted',
  };
}

// ## Reads

export interface AssessmentDetail {
  assessment: Assessment;
  framework: Framework;
  answers: AssessmentAnswer[];
  notes: DimensionNote[];
  scores: AssessmentScores;
}

/** C11 scores of one assessment, dimension by dimension in framework order. */
export function scoresOf(framework: Framework, answers: readonly AssessmentAnswer[]): AssessmentScores {
  const byStatement = new Map(answers.map((a) => [a.statementId, a.score]));
  return assessmentScores(
    framework.dimensions.map((d) => ({
      code: d.code,
      statements: d.statements.map((s) => ({ score: byStatement.get(s.id) ?? null })),
    })),
  );
}

export async function findAssessmentOr404(ctx: Pick<Ctx, 'db'>, id: number): Promise<Assessment> {
  const a = await repo.findAssessment(ctx.db, id);
  if (!a) throw new NotFoundError(`There is no assessment ${id}`);
  return a;
}

export async function getAssessment(ctx: Pick<Ctx, 'db'>, id: number): Promise<AssessmentDetail> {
  const assessment = await findAssessmentOr404(ctx, id);
  const framework = await getFramework(ctx, assessment.frameworkId);
  const answers = (await repo.answersOf(ctx.db, [id])).get(id) ?? [];
  const notes = await repo.notesOf(ctx.db, id);
  return { assessment, framework, answers, notes, scores: scoresOf(framework, answers) };
}

/** The directorate's approved assessment before this one (by date, then id), with its scores. */
export async function previousApproved(ctx: Pick<Ctx, 'db'>, a: Assessment): Promise<AssessmentDetail | null> {
  const approved = await repo.listAssessments(ctx.db, { directorateId: a.directorateId, status: 'approved' });
  const earlier = approved.find(
    (x) => x.id !== a.id && (x.assessedOn < a.assessedOn || (x.assessedOn === a.assessedOn && x.id < a.id)),
  );
  return earlier ? getAssessment(ctx, earlier.id) : null;
}

export interface AssessmentListFilter {
  directorateCode?: string;
  status?: AssessmentStatus;
}

export async function listAssessments(ctx: Ctx, f: AssessmentListFilter = {}): Promise<AssessmentDetail[]> {
  let directorateId: number | undefined;
  if (f.directorateCode) {
    const d = await directoratesRepo.findByCode(ctx.db, f.directorateCode);
    if (!d) return [];
    directorateId = d.id;
  }
  const list = await repo.listAssessments(ctx.db, { directorateId, status: f.status });
  const answers = await repo.answersOf(
    ctx.db,
    list.map((a) => a.id),
  );
  const frameworks = new Map<number, Framework>();
  for (const a of list)
    if (!frameworks.has(a.frameworkId)) frameworks.set(a.frameworkId, await getFramework(ctx, a.frameworkId));
  return list.map((assessment) => {
    const framework = frameworks.get(assessment.frameworkId)!;
    const mine = answers.get(assessment.id) ?? [];
    return { assessment, framework, answers: mine, notes: [], scores: scoresOf(framework, mine) };
  });
}

// ## Writes

function snapshot(a: Assessment) {
  return {
    directorate: a.directorateCode,
    frameworkId: a.frameworkId,
    assessedOn: a.assessedOn,
    assessors: a.assessors,
    status: a.status,
    returnComment: a.returnComment,
  };
}

export async function createAssessment(ctx: Ctx, input: NewAssessmentInput): Promise<Assessment> {
  return inTransaction(ctx.db, async (trx) => {
    const directorate = await directoratesRepo.findByCode(trx, input.directorateCode);
    if (!directorate)
      throw new ValidationError({ directorateCode: `There is no directorate with code ${input.directorateCode}` });
    assertMayEditAssessmentsIn(ctx, directorate);
    const framework =
      input.frameworkId === null
        ? await latestFramework({ db: trx })
        : await repo.findFramework(trx, input.frameworkId);
    if (!framework)
      throw new ValidationError({
        frameworkId:
          input.frameworkId === null
            ? 'There is no assessment framework yet: an administrator adds one first'
            : `There is no assessment framework ${input.frameworkId}`,
      });
    const statementIds = framework.dimensions.flatMap((d) => d.statements.map((s) => s.id));
    const id = await repo.insertAssessment(
      trx,
      {
        directorateId: directorate.id,
        frameworkId: framework.id,
        assessedOn: input.assessedOn,
        assessors: input.assessors,
      },
      statementIds,
    );
    const created = (await repo.findAssessment(trx, id))!;
    await audit(trx, ctx, {
      action: 'created',
      entityType: 'assessment',
      entityId: String(id),
      projectId: null,
      summary: `Assessment ${id} of ${directorate.code} started (framework ${framework.code} v${framework.versionNo})`,
      after: snapshot(created),
    });
    return created;
  });
}

/** Applies answers and dimension notes (a draft only); codes not in the framework are field errors. */
export async function saveAnswers(
  ctx: Ctx,
  id: number,
  version: number,
  input: AnswersInput,
): Promise<AssessmentDetail> {
  return inTransaction(ctx.db, async (trx) => {
    const before = await getAssessment({ db: trx }, id);
    const a = before.assessment;
    assertMayEditAssessmentsIn(ctx, { id: a.directorateId, name: a.directorateName });
    if (a.status !== 'draft')
      throw new ConflictError(`Assessment ${id} is ${a.status}: only a draft can be changed`, {}, 'not_draft');
    const statements = new Map(before.framework.dimensions.flatMap((d) => d.statements.map((s) => [s.code, s.id])));
    const dims = new Map(before.framework.dimensions.map((d) => [d.code, d.id]));
    const errors: Record<string, string> = {};
    input.answers.forEach((x, i) => {
      if (!statements.has(x.statement))
        errors[`answers.${i}.statement`] = `There is no statement ${x.statement} in this framework`;
    });
    input.dimensions.forEach((x, i) => {
      if (!dims.has(x.code)) errors[`dimensions.${i}.code`] = `There is no dimension ${x.code} in this framework`;
    });
    if (Object.keys(errors).length) throw new ValidationError(errors);
    if (!(await repo.updateAssessment(trx, id, version, {}))) throw new StaleVersionError(a);
    await repo.writeAnswers(
      trx,
      id,
      input.answers.map((x) => ({ statementId: statements.get(x.statement)!, score: x.score, evidence: x.evidence })),
    );
    await repo.writeNotes(
      trx,
      id,
      input.dimensions.map((x) => ({
        dimensionId: dims.get(x.code)!,
        strengths: x.strengths,
        weaknesses: x.weaknesses,
      })),
    );
    const after = await getAssessment({ db: trx }, id);
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'assessment',
      entityId: String(id),
      projectId: null,
      summary: `Assessment ${id} of ${a.directorateCode}: ${input.answers.length} answers and ${input.dimensions.length} dimension notes saved`,
      before: answersSnapshot(before),
      after: answersSnapshot(after),
    });
    return after;
  });
}

function answersSnapshot(d: AssessmentDetail) {
  const code = new Map(d.framework.dimensions.flatMap((x) => x.statements.map((s) => [s.id, s.code])));
  const dim = new Map(d.framework.dimensions.map((x) => [x.id, x.code]));
  return {
    answers: d.answers.map((a) => ({ statement: code.get(a.statementId), score: a.score, evidence: a.evidence })),
    dimensions: d.notes.map((n) => ({
      code: dim.get(n.dimensionId),
      strengths: n.strengths,
      weaknesses: n.weaknesses,
    })),
  };
}

type Step = 'submit' | 'approve' | 'return';
const FROM: Record<Step, AssessmentStatus> = { submit: 'draft', approve: 'submitted', return: 'submitted' };
const WORDS: Record<Step, string> = {
  submit: 'submitted for approval',
  approve: 'approved',
  return: 'returned to draft',
};

async function step(ctx: Ctx, id: number, version: number, s: Step, comment = ''): Promise<Assessment> {
  return inTransaction(ctx.db, async (trx) => {
    const a = await findAssessmentOr404({ db: trx }, id);
    if (s === 'submit') assertMayEditAssessmentsIn(ctx, { id: a.directorateId, name: a.directorateName });
    else assertMayReview(ctx, a);
    if (a.status !== FROM[s])
      throw new ConflictError(
        `Assessment ${id} is ${a.status}: only a ${FROM[s]} assessment can be ${WORDS[s]}`,
        {},
        'wrong_status',
      );
    const now = repo.nowIso();
    const patch: repo.AssessmentPatch =
      s === 'submit'
        ? { status: 'submitted', submittedById: ctx.actor.id, submittedBy: ctx.actor.label, submittedAt: now }
        : s === 'approve'
          ? { status: 'approved', approvedBy: ctx.actor.label, approvedAt: now, returnComment: '' }
          : { status: 'draft', returnComment: comment, submittedById: null, submittedBy: '', submittedAt: null };
    if (s === 'submit') {
      const answers = (await repo.answersOf(trx, [id])).get(id) ?? [];
      if (!answers.some((x) => x.score !== null))
        throw new ValidationError({ _form: 'Score at least one statement before submitting the assessment' });
    }
    if (!(await repo.updateAssessment(trx, id, version, patch))) throw new StaleVersionError(a);
    const after = (await repo.findAssessment(trx, id))!;
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'assessment',
      entityId: String(id),
      projectId: null,
      summary: `Assessment ${id} of ${a.directorateCode} ${WORDS[s]}${comment ? `: ${comment}` : ''}`,
      before: snapshot(a),
      after: snapshot(after),
    });
    return after;
  });
}

export const submitAssessment = (ctx: Ctx, id: number, version: number) => step(ctx, id, version, 'submit');
export const approveAssessment = (ctx: Ctx, id: number, version: number) => step(ctx, id, version, 'approve');
export const returnAssessment = (ctx: Ctx, id: number, version: number, comment: string) =>
  step(ctx, id, version, 'return', comment);
