import { Router, type Request, type Response } from 'express';
import { addCostLine, deleteCostLine, getCostLineById, listCostLines, updateCostLine } from '../../domain/costs';
import { NotFoundError } from '../../errors';
import { COST_WRITABLE, costSchema, usesLegacyCategory } from '../../validation/costs.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import {
  assertNoFields,
  costLineResource,
  jsonBody,
  mergePatch,
  sendWrite,
  writeVersion,
} from '../presenters/resources-api';
import { idParam, param } from '../params';

export function costsApiRoutes(): Router {
  const router = Router();
  router.get('/projects/:code/costs', asyncHandler(index));
  router.post('/projects/:code/costs', requireRole('admin', 'finance'), asyncHandler(create));
  router.get('/costs/:id', asyncHandler(show));
  router.patch('/costs/:id', requireRole('admin', 'finance'), asyncHandler(update));
  router.delete('/costs/:id', requireRole('admin', 'finance'), asyncHandler(destroy));
  return router;
}

const WRITABLE: readonly string[] = COST_WRITABLE;

/**
 * Issue 19: the category names from before capital and revenue became `funding` (capital,
 * revenue_one_off, revenue_recurring) are accepted for one version, mapped as the migration maps
 * stored lines, and the answer says they are deprecated (RFC 9745 Deprecation, with a link to the docs).
 */
function flagLegacyCategory(res: Response, body: Record<string, unknown>): void {
  if (!usesLegacyCategory(body)) return;
  res.set('Deprecation', `@${Date.UTC(2026, 11, 3) / 1000}`);
  res.set('Link', '</docs/api#capital-and-revenue>; rel="deprecation"');
}

function costId(req: Request): number {
  const id = idParam(param(req, 'id'));
  if (id === null) throw new NotFoundError(`There is no cost line ${param(req, 'id')}`);
  return id;
}

const current = (req: Request) => async () => {
  const { project, line } = await getCostLineById(req.ctx(), costId(req));
  return costLineResource(project.code, line);
};

/** @route GET /api/v1/projects/:code/costs */
async function index(req: Request, res: Response) {
  const { project, lines } = await listCostLines(req.ctx(), param(req, 'code'));
  res.json({ costs: lines.map((l) => costLineResource(project.code, l)) });
}

/** @route POST /api/v1/projects/:code/costs */
async function create(req: Request, res: Response) {
  const body = jsonBody(req);
  flagLegacyCategory(res, body);
  const input = parseOrThrow(costSchema('api'), body, 400);
  // Codes are stored upper-case and found whatever the case in the URL.
  const code = param(req, 'code').toUpperCase();
  await sendWrite(res, {
    save: () => addCostLine(req.ctx(), code, input),
    present: (c) => costLineResource(code, c),
    status: 201,
    location: (c) => `/api/v1/costs/${c.id}`,
  });
}

/** @route GET /api/v1/costs/:id */
async function show(req: Request, res: Response) {
  res.json(await current(req)());
}

/** @route PATCH /api/v1/costs/:id */
async function update(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req));
  const before = await current(req)();
  flagLegacyCategory(res, fields);
  // An old category name carries its own funding and recurrence: the stored ones do not apply.
  const merged = mergePatch(before, fields, WRITABLE);
  if (usesLegacyCategory(fields)) {
    if (!('funding' in fields)) delete merged.funding;
    if (!('recurrence' in fields)) delete merged.recurrence;
  }
  const input = parseOrThrow(costSchema('api'), merged, 400);
  await sendWrite(res, {
    save: () => updateCostLine(req.ctx(), null, before.id, version, input),
    present: (c) => costLineResource(before.projectCode, c),
    current: current(req),
  });
}

/** @route DELETE /api/v1/costs/:id */
async function destroy(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req, true));
  assertNoFields(fields);
  await sendWrite(res, { save: () => deleteCostLine(req.ctx(), null, costId(req), version), current: current(req) });
}
