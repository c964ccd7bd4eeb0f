import { Router, type Request, type Response } from 'express';
import { getFramework, listFrameworks, saveFramework } from '../../domain/assessment-frameworks';
import {
  approveAssessment,
  createAssessment,
  getAssessment,
  listAssessments,
  returnAssessment,
  saveAnswers,
  submitAssessment,
} from '../../domain/assessments';
import { actionAsInput, getAction, listActions, raiseAction, updateAction } from '../../domain/improvement-actions';
import { getHeatmap } from '../../domain/assessment-views';
import { NotFoundError } from '../../errors';
import {
  actionQuerySchema,
  actionSchema,
  answersSchema,
  assessmentQuerySchema,
  frameworkSchema,
  newAssessmentSchema,
  returnSchema,
} from '../../validation/assessments.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { jsonBody, mergePatch, sendWrite, writeVersion } from '../presenters/resources-api';
import {
  actionResource,
  assessmentResource,
  frameworkResource,
  frameworkSummary,
  heatmapResource,
} from '../presenters/assessments-api';
import { idParam, param } from '../params';

export function assessmentsApiRoutes(): Router {
  const router = Router();
  const editors = requireRole('admin', 'finance');
  // ## Frameworks
  router.get('/assessment-frameworks', asyncHandler(frameworks));
  router.post('/assessment-frameworks', requireRole('admin'), asyncHandler(createFramework));
  router.get('/assessment-frameworks/:id', asyncHandler(framework));
  // ## Assessments (the heat map before :id)
  router.get('/assessments', asyncHandler(index));
  router.post('/assessments', editors, asyncHandler(create));
  router.get('/assessments/heatmap', asyncHandler(heatmap));
  router.get('/assessments/:id', asyncHandler(show));
  router.put('/assessments/:id/answers', editors, asyncHandler(answers));
  router.post('/assessments/:id/submit', editors, asyncHandler(submit));
  router.post('/assessments/:id/approve', editors, asyncHandler(approve));
  router.post('/assessments/:id/return', editors, asyncHandler(giveBack));
  // ## Improvement actions
  router.post('/assessments/:id/actions', editors, asyncHandler(raise));
  router.get('/improvement-actions', asyncHandler(actions));
  router.get('/improvement-actions/:id', asyncHandler(action));
  router.patch('/improvement-actions/:id', editors, asyncHandler(patchAction));
  return router;
}

function id(req: Request, what: string): number {
  const n = idParam(param(req, 'id'));
  if (n === null) throw new NotFoundError(`There is no ${what} ${param(req, 'id')}`);
  return n;
}

const currentAssessment = (req: Request) => async () =>
  assessmentResource(await getAssessment(req.ctx(), id(req, 'assessment')));

/** @route GET /api/v1/assessment-frameworks */
async function frameworks(req: Request, res: Response) {
  res.json({ frameworks: (await listFrameworks(req.ctx())).map(frameworkSummary) });
}

/** @route POST /api/v1/assessment-frameworks — 201 with a new version, 200 when the unused latest version was changed. */
async function createFramework(req: Request, res: Response) {
  const input = parseOrThrow(frameworkSchema('api'), jsonBody(req), 400);
  const saved = await saveFramework(req.ctx(), input);
  res
    .location(`/api/v1/assessment-frameworks/${saved.framework.id}`)
    .status(saved.created ? 201 : 200)
    .json(frameworkResource(saved.framework));
}

/** @route GET /api/v1/assessment-frameworks/:id */
async function framework(req: Request, res: Response) {
  res.json(frameworkResource(await getFramework(req.ctx(), id(req, 'assessment framework'))));
}

/** @route GET /api/v1/assessments?directorate=&status= */
async function index(req: Request, res: Response) {
  const q = parseOrThrow(assessmentQuerySchema(), req.query, 400);
  const list = await listAssessments(req.ctx(), { directorateCode: q.directorate, status: q.status });
  res.json({ assessments: list.map((d) => assessmentResource(d)) });
}

/** @route POST /api/v1/assessments */
async function create(req: Request, res: Response) {
  const input = parseOrThrow(newAssessmentSchema('api'), jsonBody(req), 400);
  await sendWrite(res, {
    save: async () => getAssessment(req.ctx(), (await createAssessment(req.ctx(), input)).id),
    present: assessmentResource,
    status: 201,
    location: (d) => `/api/v1/assessments/${d.assessment.id}`,
  });
}

/** @route GET /api/v1/assessments/heatmap */
async function heatmap(req: Request, res: Response) {
  res.json(heatmapResource(await getHeatmap(req.ctx())));
}

/** @route GET /api/v1/assessments/:id */
async function show(req: Request, res: Response) {
  res.json(await currentAssessment(req)());
}

/** @route PUT /api/v1/assessments/:id/answers */
async function answers(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req));
  const input = parseOrThrow(answersSchema('api'), fields, 400);
  await sendWrite(res, {
    save: () => saveAnswers(req.ctx(), id(req, 'assessment'), version, input),
    present: assessmentResource,
    current: currentAssessment(req),
  });
}

function workflow(step: 'submit' | 'approve' | 'return') {
  return async (req: Request, res: Response) => {
    const { version, fields } = writeVersion(req, jsonBody(req, true));
    const ctx = req.ctx();
    const n = id(req, 'assessment');
    const comment = step === 'return' ? parseOrThrow(returnSchema('api'), fields, 400).comment : '';
    if (step !== 'return') parseOrThrow(returnSchema('api').pick({}), fields, 400);
    await sendWrite(res, {
      save: async () => {
        if (step === 'submit') await submitAssessment(ctx, n, version);
        else if (step === 'approve') await approveAssessment(ctx, n, version);
        else await returnAssessment(ctx, n, version, comment);
        return getAssessment(ctx, n);
      },
      present: assessmentResource,
      current: currentAssessment(req),
    });
  };
}

/** @route POST /api/v1/assessments/:id/submit */
const submit = workflow('submit');
/** @route POST /api/v1/assessments/:id/approve */
const approve = workflow('approve');
/** @route POST /api/v1/assessments/:id/return */
const giveBack = workflow('return');

/** @route POST /api/v1/assessments/:id/actions */
async function raise(req: Request, res: Response) {
  const input = parseOrThrow(actionSchema('api'), jsonBody(req), 400);
  await sendWrite(res, {
    save: () => raiseAction(req.ctx(), id(req, 'assessment'), input),
    present: actionResource,
    status: 201,
    location: (a) => `/api/v1/improvement-actions/${a.id}`,
  });
}

/** @route GET /api/v1/improvement-actions?directorate=&status=&overdue=true */
async function actions(req: Request, res: Response) {
  const q = parseOrThrow(actionQuerySchema(), req.query, 400);
  const list = await listActions(req.ctx(), {
    directorateCode: q.directorate,
    status: q.status,
    overdue: q.overdue === 'true',
  });
  res.json({ improvementActions: list.map(actionResource) });
}

/** @route GET /api/v1/improvement-actions/:id */
async function action(req: Request, res: Response) {
  res.json(actionResource(await getAction(req.ctx(), id(req, 'improvement action'))));
}

const WRITABLE = ['title', 'owner', 'dueOn', 'dimensionCode', 'projectCodes', 'status'];

/** @route PATCH /api/v1/improvement-actions/:id */
async function patchAction(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req));
  const n = id(req, 'improvement action');
  const current = await getAction(req.ctx(), n);
  const merged = mergePatch({ ...actionResource(current), ...actionAsInput(current) }, fields, WRITABLE);
  const input = parseOrThrow(actionSchema('api'), merged, 400);
  await sendWrite(res, {
    save: () => updateAction(req.ctx(), n, version, input),
    present: actionResource,
    current: async () => actionResource(await getAction(req.ctx(), n)),
  });
}
