import { Router, type Request, type Response } from 'express';
import {
  exportAuditCsv,
  listAuditEntityTypes,
  listUserChoices,
  searchAudit,
  type AuditPage,
} from '../../domain/audit-trail';
import { NotFoundError } from '../../errors';
import { todayIso } from '../../financial-year';
import { readAuditPageQuery, type AuditPageQuery } from '../../validation/audit-query.schema';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { filterQuery, presentAuditPage } from '../presenters/audit';

export function auditRoutes(): Router {
  const router = Router();
  // Read only: there is deliberately no route that changes or removes an audit row.
  router.get('/audit', requireRole('admin', 'scrutiny'), asyncHandler(index));
  router.get('/audit.csv', requireRole('admin', 'scrutiny'), asyncHandler(download));
  return router;
}

const PAGE_SIZE = 50;

/** The page of entries, or none while the filters need correcting: an unknown project is a field error. */
async function findEntries(req: Request, read: AuditPageQuery): Promise<AuditPage> {
  const none: AuditPage = { entries: [], nextCursor: null };
  if (Object.keys(read.errors).length) return none;
  try {
    return await searchAudit(req.ctx(), { ...read.filter, limit: PAGE_SIZE, before: read.before ?? undefined });
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    read.errors.project = err.message;
    return none;
  }
}

/** @route GET /audit */
async function index(req: Request, res: Response) {
  const read = readAuditPageQuery(req.query);
  const page = await findEntries(req, read);
  const [users, entityTypes] = await Promise.all([listUserChoices(req.ctx()), listAuditEntityTypes(req.ctx())]);
  res.render('audit/index', {
    title: 'Audit trail',
    ...presentAuditPage({ page, values: read.values, errors: read.errors, before: read.before, users, entityTypes }),
  });
}

/** @route GET /audit.csv */
async function download(req: Request, res: Response) {
  const { filter, values, errors } = readAuditPageQuery(req.query);
  // Bad filters, including an unknown project, go back to the page, which explains them beside the form.
  const back = `/audit${filterQuery(values)}`;
  if (Object.keys(errors).length) return res.redirect(303, back);
  try {
    await exportAuditCsv(req.ctx(), filter, (chunk) => writeChunk(res, chunk));
    res.end();
  } catch (err) {
    if (!res.headersSent) {
      if (err instanceof NotFoundError) return res.redirect(303, back);
      throw err;
    }
    // Part way through, the status is already sent: all we can do is cut the download short.
    req.ctx().logger.error({ err, requestId: req.requestId }, 'audit CSV export failed part way');
    res.destroy(err as Error);
  }
}

/**
 * Sends the CSV headers with the first chunk (so an error before it still gets a proper page), and
 * waits for the socket to drain when its buffer is full, so a long export never piles up in memory.
 */
function writeChunk(res: Response, chunk: string): Promise<void> | void {
  if (res.destroyed) throw new Error('The client closed the connection during the audit CSV export');
  if (!res.headersSent) {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="realise-audit-${todayIso()}.csv"`);
  }
  if (res.write(chunk)) return;
  return new Promise((resolve) => {
    const done = () => {
      res.removeListener('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
