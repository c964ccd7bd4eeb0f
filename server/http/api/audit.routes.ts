import { Router, type Request, type Response } from 'express';
import { searchAudit } from '../../domain/audit-trail';
import { parseAuditApiQuery } from '../../validation/audit-query.schema';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { auditEntryToApi } from '../presenters/audit';

export function auditApiRoutes(): Router {
  const router = Router();
  // Read only: there is deliberately no endpoint that changes or removes an audit row.
  router.get('/audit', requireRole('admin', 'scrutiny'), asyncHandler(list));
  return router;
}

/** @route GET /api/v1/audit */
async function list(req: Request, res: Response) {
  const { filter, limit, before } = parseAuditApiQuery(req.query);
  const page = await searchAudit(req.ctx(), { ...filter, limit, before });
  res.json({
    entries: page.entries.map(auditEntryToApi),
    nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
  });
}
