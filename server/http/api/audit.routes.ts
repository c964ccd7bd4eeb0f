import { Router, type Request, type Response } from 'express';
import { searchAudit } from '../../domain/audit-trail';
import { BadRequestError } from '../../errors';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { auditEntryToApi } from '../presenters/audit';
import { readAuditQuery } from '../web/audit.routes';

export function auditApiRoutes(): Router {
  const router = Router();
  // Read only: there is deliberately no endpoint that changes or removes an audit row.
  router.get('/audit', requireRole('admin', 'scrutiny'), asyncHandler(list));
  return router;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;

function positiveInt(req: Request, name: string, max: number, message: string): number | undefined {
  const v = req.query[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw new BadRequestError(`Give ${name} once`, name);
  if (!/^\d{1,12}$/.test(v)) throw new BadRequestError(message, name);
  const n = Number.parseInt(v, 10);
  if (n < 1 || n > max) throw new BadRequestError(message, name);
  return n;
}

/** @route GET /api/v1/audit */
async function list(req: Request, res: Response) {
  const { query, errors } = readAuditQuery(req, 'api');
  const field = Object.keys(errors)[0];
  if (field) throw new BadRequestError(`${field}: ${errors[field]}`, field);
  const limit = positiveInt(req, 'limit', MAX_LIMIT, `limit must be a whole number from 1 to ${MAX_LIMIT}`) ?? DEFAULT_LIMIT;
  const before = positiveInt(req, 'cursor', Number.MAX_SAFE_INTEGER, 'cursor must be the nextCursor of an earlier page');
  const page = await searchAudit(req.ctx(), { ...query, limit, before });
  res.json({ entries: page.entries.map(auditEntryToApi), nextCursor: page.nextCursor === null ? null : String(page.nextCursor) });
}
