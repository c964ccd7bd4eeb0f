import { Router, type Request, type Response } from 'express';
import * as assessments from '../../domain/assessments';
import * as actions from '../../domain/improvement-actions';
import { listFrameworks } from '../../domain/assessment-frameworks';
import { assessmentAnswersTable, getHeatmap, improvementActionsTable } from '../../domain/assessment-views';
import { listDirectorates } from '../../domain/directorates';
import { NotFoundError } from '../../errors';
import { todayIso, todayUkIso } from '../../financial-year';
import { writeCsv, writeXlsx } from '../../io/write-table';
import {
  actionQuerySchema,
  actionSchema,
  answersSchema,
  assessmentQuerySchema,
  newAssessmentSchema,
  returnSchema,
} from '../../validation/assessments.schema';
import { parseOrThrow, version } from '../../validation/fields';
import { chunkWriter, streamDownload } from '../download';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { CHART_SCRIPTS } from '../presenters/charts';
import {
  ACTION_STATUS_LABELS,
  ASSESSMENT_STATUS_LABELS,
  presentActionDetail,
  presentActionRow,
  presentAssessment,
  presentAssessmentRow,
  presentHeatmap,
} from '../presenters/assessments';
import { options } from '../presenters/labels';
import { idParam, param } from '../params';
import { actionFormValues, answersFormValues, readAnswersForm } from './assessment-forms';
import { submitForm } from './forms';

export function assessmentsRoutes(): Router {
  const router = Router();
  const editors = requireRole('admin', 'finance');
  router.get('/assessments', asyncHandler(index));
  router.get('/assessments/new', editors, asyncHandler(newForm));
  router.post('/assessments', editors, asyncHandler(create));
  router.get('/assessments/heatmap', asyncHandler(heatmap));
  router.get('/assessments/export/:file', asyncHandler(download));
  router.get('/assessments/:id', asyncHandler(show));
  router.get('/assessments/:id/edit', editors, asyncHandler(editForm));
  router.post('/assessments/:id/edit', editors, asyncHandler(update));
  router.post('/assessments/:id/submit', editors, asyncHandler(step('submit')));
  router.post('/assessments/:id/approve', editors, asyncHandler(step('approve')));
  router.post('/assessments/:id/return', editors, asyncHandler(step('return')));
  router.get('/assessments/:id/actions/new', editors, asyncHandler(newAction));
  router.post('/assessments/:id/actions', editors, asyncHandler(createAction));
  router.get('/improvement-actions', asyncHandler(actionIndex));
  router.get('/improvement-actions/:id', asyncHandler(showAction));
  router.get('/improvement-actions/:id/edit', editors, asyncHandler(editAction));
  router.post('/improvement-actions/:id/edit', editors, asyncHandler(updateAction));
  return router;
}

const crumbs = [{ href: '/assessments', text: 'ICT effectiveness assessments' }];
const NOTICES: Record<string, string> = {
  created: 'Assessment started',
  saved: 'Answers saved',
  submitted: 'Assessment submitted for approval',
  approved: 'Assessment approved',
  returned: 'Assessment returned to draft',
  'action-raised': 'Improvement action raised',
  'action-updated': 'Improvement action updated',
};
const notice = (req: Request, res: Response) =>
  NOTICES[typeof req.query.notice === 'string' ? req.query.notice : ''] ?? res.locals.notice;

function id(req: Request, what = 'assessment'): number {
  const n = idParam(param(req, 'id'));
  if (n === null) throw new NotFoundError(`There is no ${what} ${param(req, 'id')}`);
  return n;
}

/** @route GET /assessments — filters: directorate, status */
async function index(req: Request, res: Response) {
  const ctx = req.ctx();
  const q = assessmentQuerySchema().safeParse(req.query);
  const filter = q.success ? q.data : {};
  const list = await assessments.listAssessments(ctx, { directorateCode: filter.directorate, status: filter.status });
  const directorates = await listDirectorates(ctx);
  res.render('assessments/index', {
    title: 'ICT effectiveness assessments',
    rows: list.map(presentAssessmentRow),
    values: { directorate: filter.directorate ?? '', status: filter.status ?? '' },
    directorateOptions: directorates.map((d) => ({ value: d.code, text: d.name })),
    statusOptions: options(ASSESSMENT_STATUS_LABELS),
    mayStart: assessments.mayStartAssessments(ctx.actor),
    hasFramework: (await listFrameworks(ctx)).length > 0,
  });
}

async function newFormLocals(req: Request) {
  const ctx = req.ctx();
  const directorates = (await listDirectorates(ctx)).filter((d) => actions.allowsEditIn(ctx, d));
  const frameworks = await listFrameworks(ctx);
  return {
    title: 'Start an assessment',
    breadcrumbs: crumbs,
    directorateOptions: directorates.map((d) => ({ value: d.code, text: d.name })),
    frameworkOptions: frameworks.map((f) => ({ value: String(f.id), text: `${f.name} (version ${f.versionNo})` })),
  };
}

/** @route GET /assessments/new */
async function newForm(req: Request, res: Response) {
  const locals = await newFormLocals(req);
  const directorate = typeof req.query.directorate === 'string' ? req.query.directorate.toUpperCase() : '';
  res.render('assessments/new', {
    ...locals,
    values: {
      directorateCode: directorate,
      frameworkId: locals.frameworkOptions[0]?.value ?? '',
      assessedOn: todayUkIso(),
    },
  });
}

/** @route POST /assessments */
async function create(req: Request, res: Response) {
  await submitForm(req, res, {
    view: 'assessments/new',
    locals: await newFormLocals(req),
    save: () => assessments.createAssessment(req.ctx(), parseOrThrow(newAssessmentSchema('form'), req.body)),
    redirect: (a) => `/assessments/${a.id}/edit?notice=created`,
  });
}

/** @route GET /assessments/heatmap — the blueprint comparison */
async function heatmap(req: Request, res: Response) {
  res.render('assessments/heatmap', {
    title: 'Blueprint comparison: ICT effectiveness by directorate',
    breadcrumbs: crumbs,
    h: presentHeatmap(await getHeatmap(req.ctx())),
  });
}

/** @route GET /assessments/export/:name.:ext — answers or actions, as csv or xlsx */
async function download(req: Request, res: Response) {
  const m = /^(answers|actions)\.(csv|xlsx)$/.exec(param(req, 'file'));
  if (!m) throw new NotFoundError('There is no such export');
  const ctx = req.ctx();
  const table = m[1] === 'answers' ? await assessmentAnswersTable(ctx) : await improvementActionsTable(ctx);
  const name = m[1] === 'answers' ? 'assessment-answers' : 'improvement-actions';
  res.setHeader('Content-Disposition', `attachment; filename="realise-${name}-${todayIso()}.${m[2]}"`);
  await streamDownload(req, res, `export ${name}.${m[2]}`, async () => {
    if (m[2] === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      await writeCsv(table, chunkWriter(res, 'The client closed the connection during an export'));
      res.end();
    } else {
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      await writeXlsx([table], res);
    }
  });
}

/** @route GET /assessments/:id — scores, radar chart against the previous approved one, answers, actions, workflow */
async function show(req: Request, res: Response) {
  const ctx = req.ctx();
  const d = await assessments.getAssessment(ctx, id(req));
  const previous = await assessments.previousApproved(ctx, d.assessment);
  const list = await actions.listActions(ctx, { assessmentId: d.assessment.id });
  const vm = presentAssessment(d, previous, list, assessments.assessmentPermissions(ctx, d.assessment));
  res.render('assessments/show', {
    title: vm.title,
    vm,
    breadcrumbs: crumbs,
    notice: notice(req, res),
    values: {},
    scripts: CHART_SCRIPTS,
  });
}

async function answersLocals(req: Request) {
  const ctx = req.ctx();
  const d = await assessments.getAssessment(ctx, id(req));
  const vm = presentAssessment(d, null, [], assessments.assessmentPermissions(ctx, d.assessment));
  if (!vm.may.edit)
    assessments.assertMayEditAssessmentsIn(ctx, { id: d.assessment.directorateId, name: d.assessment.directorateName });
  return {
    d,
    locals: {
      title: `Score: ${vm.title}`,
      vm,
      breadcrumbs: [...crumbs, { href: `/assessments/${vm.id}`, text: vm.title }],
    },
  };
}

/** @route GET /assessments/:id/edit — the answers form (a draft only) */
async function editForm(req: Request, res: Response) {
  const { d, locals } = await answersLocals(req);
  res.render('assessments/edit', { ...locals, notice: notice(req, res), values: answersFormValues(d) });
}

/** @route POST /assessments/:id/edit */
async function update(req: Request, res: Response) {
  const { d, locals } = await answersLocals(req);
  await submitForm(req, res, {
    view: 'assessments/edit',
    locals,
    save: () =>
      assessments.saveAnswers(
        req.ctx(),
        d.assessment.id,
        parseOrThrow(version('form'), req.body.version),
        parseOrThrow(answersSchema('form'), readAnswersForm(req.body)),
      ),
    redirect: (saved) => `/assessments/${saved.assessment.id}?notice=saved`,
  });
}

/** @route POST /assessments/:id/submit|approve|return */
function step(which: 'submit' | 'approve' | 'return') {
  return async (req: Request, res: Response) => {
    const ctx = req.ctx();
    const n = id(req);
    const v = parseOrThrow(version('form'), req.body.version);
    const words = { submit: 'submitted', approve: 'approved', return: 'returned' } as const;
    try {
      if (which === 'submit') await assessments.submitAssessment(ctx, n, v);
      else if (which === 'approve') await assessments.approveAssessment(ctx, n, v);
      else await assessments.returnAssessment(ctx, n, v, parseOrThrow(returnSchema('form'), req.body).comment);
    } catch (err) {
      // A missing comment or answer, or a stale page: show the assessment again with the message.
      const e = err as { status?: number; fields?: Record<string, string>; message?: string };
      if (e.status !== 422 && e.status !== 409) throw err;
      const d = await assessments.getAssessment(ctx, n);
      const previous = await assessments.previousApproved(ctx, d.assessment);
      const list = await actions.listActions(ctx, { assessmentId: n });
      const vm = presentAssessment(d, previous, list, assessments.assessmentPermissions(ctx, d.assessment));
      res.status(e.status).render('assessments/show', {
        title: vm.title,
        vm,
        breadcrumbs: crumbs,
        values: req.body,
        errors: e.fields && Object.keys(e.fields).length ? e.fields : { _form: e.message },
        scripts: CHART_SCRIPTS,
      });
      return;
    }
    res.redirect(303, `/assessments/${n}?notice=${words[which]}`);
  };
}

async function actionLocals(req: Request, title: string, assessmentId: number) {
  const d = await assessments.getAssessment(req.ctx(), assessmentId);
  return {
    title,
    assessmentTitle: `${d.assessment.directorateName}: assessment of ${d.assessment.assessedOn}`,
    breadcrumbs: [
      ...crumbs,
      { href: `/assessments/${assessmentId}`, text: `${d.assessment.directorateName}, ${d.assessment.assessedOn}` },
    ],
    dimensionOptions: d.framework.dimensions.map((x) => ({ value: x.code, text: x.name })),
    statusOptions: options(ACTION_STATUS_LABELS),
  };
}

/** @route GET /assessments/:id/actions/new */
async function newAction(req: Request, res: Response) {
  const n = id(req);
  const d = await assessments.getAssessment(req.ctx(), n);
  if (!assessments.assessmentPermissions(req.ctx(), d.assessment).raiseActions)
    assessments.assertMayEditAssessmentsIn(req.ctx(), {
      id: d.assessment.directorateId,
      name: d.assessment.directorateName,
    });
  res.render('assessments/action-form', {
    ...(await actionLocals(req, 'Raise an improvement action', n)),
    action: `/assessments/${n}/actions`,
    values: { dimensionCode: typeof req.query.dimension === 'string' ? req.query.dimension : '', status: 'open' },
  });
}

/** @route POST /assessments/:id/actions */
async function createAction(req: Request, res: Response) {
  const n = id(req);
  await submitForm(req, res, {
    view: 'assessments/action-form',
    locals: { ...(await actionLocals(req, 'Raise an improvement action', n)), action: `/assessments/${n}/actions` },
    save: () => actions.raiseAction(req.ctx(), n, parseOrThrow(actionSchema('form'), req.body)),
    redirect: (a) => `/improvement-actions/${a.id}?notice=action-raised`,
  });
}

/** @route GET /improvement-actions — filters: directorate, status, overdue */
async function actionIndex(req: Request, res: Response) {
  const ctx = req.ctx();
  const q = actionQuerySchema().safeParse(req.query);
  const f = q.success ? q.data : {};
  const list = await actions.listActions(ctx, {
    directorateCode: f.directorate,
    status: f.status,
    overdue: f.overdue === 'true',
  });
  const directorates = await listDirectorates(ctx);
  res.render('assessments/actions', {
    title: f.overdue === 'true' ? 'Overdue improvement actions' : 'Improvement actions',
    breadcrumbs: crumbs,
    rows: list.map((a) => presentActionRow(a)),
    values: { directorate: f.directorate ?? '', status: f.status ?? '', overdue: f.overdue === 'true' ? 'on' : '' },
    directorateOptions: directorates.map((d) => ({ value: d.code, text: d.name })),
    statusOptions: options(ACTION_STATUS_LABELS),
  });
}

/** @route GET /improvement-actions/:id — with its projects' NPV and realisation (C6) */
async function showAction(req: Request, res: Response) {
  const detail = await actions.getActionDetail(req.ctx(), id(req, 'improvement action'));
  const vm = presentActionDetail(detail);
  res.render('assessments/action', {
    title: vm.title,
    vm,
    breadcrumbs: [...crumbs, { href: vm.assessmentHref, text: 'Assessment' }],
    notice: notice(req, res),
  });
}

async function loadAction(req: Request) {
  const a = await actions.getAction(req.ctx(), id(req, 'improvement action'));
  const detail = await actions.getActionDetail(req.ctx(), a.id);
  if (!detail.mayEdit) {
    const d = await assessments.getAssessment(req.ctx(), a.assessmentId);
    assessments.assertMayEditAssessmentsIn(req.ctx(), {
      id: d.assessment.directorateId,
      name: d.assessment.directorateName,
    });
  }
  return a;
}

/** @route GET /improvement-actions/:id/edit */
async function editAction(req: Request, res: Response) {
  const a = await loadAction(req);
  res.render('assessments/action-form', {
    ...(await actionLocals(req, 'Edit improvement action', a.assessmentId)),
    action: `/improvement-actions/${a.id}/edit`,
    values: actionFormValues(a),
  });
}

/** @route POST /improvement-actions/:id/edit */
async function updateAction(req: Request, res: Response) {
  const a = await loadAction(req);
  await submitForm(req, res, {
    view: 'assessments/action-form',
    locals: {
      ...(await actionLocals(req, 'Edit improvement action', a.assessmentId)),
      action: `/improvement-actions/${a.id}/edit`,
    },
    save: () =>
      actions.updateAction(
        req.ctx(),
        a.id,
        parseOrThrow(version('form'), req.body.version),
        parseOrThrow(actionSchema('form'), req.body),
      ),
    redirect: (saved) => `/improvement-actions/${saved.id}?notice=action-updated`,
  });
}
