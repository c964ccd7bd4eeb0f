import { Router, type Request, type Response } from 'express';
import {
  AUDIT_VIEW_LIMIT,
  auditViewEntries,
  exportAuditCsv,
  listAuditEntityTypes,
  listUserChoices,
  searchAudit,
  type AuditPage,
} from '../../domain/audit-trail';
import { NotFoundError } from '../../errors';
import { todayIso } from '../../financial-year';
import { readAuditPageQuery, type AuditPageQuery } from '../../validation/audit-query.schema';
import { chunkWriter, downloadRoutes, sendTables, streamDownload, type DownloadExt } from '../download';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { auditViewTable, filterQuery, presentAuditPage } from '../presenters/audit';

export function auditRoutes(): Router {
  const router = Router();
  // Read only: there is deliberately no route that changes or removes an audit row.
  router.get('/audit', requireRole('admin', 'scrutiny'), asyncHandler(index));
  router.get('/audit.csv', requireRole('admin', 'scrutiny'), asyncHandler(download));
  downloadRoutes(router, '/audit/entries', requireRole('admin', 'scrutiny'), downloadView);
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
    ...presentAuditPage({
      page,
      values: read.values,
      errors: read.errors,
      before: read.before,
      users,
      entityTypes,
      viewLimit: AUDIT_VIEW_LIMIT,
    }),
  });
}

/** @route GET /audit.csv */
async function download(req: Request, res: Response) {
  const { filter, values, errors } = readAuditPageQuery(req.query);
  // Bad filters, including an unknown project, go back to the page, which explains them beside the form.
  const back = `/audit${filterQuery(values)}`;
  if (Object.keys(errors).length) return res.redirect(303, back);
  // The CSV headers go with the first chunk, so an unknown project found before it still redirects.
  const write = chunkWriter(res, 'The client closed the connection during the audit CSV export', () => {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="realise-audit-${todayIso()}.csv"`);
  });
  try {
    await streamDownload(req, res, 'audit CSV export', async () => {
      await exportAuditCsv(req.ctx(), filter, write);
      res.end();
    });
  } catch (err) {
    if (err instanceof NotFoundError) return res.redirect(303, back);
    throw err;
  }
}

/** @route GET /audit/entries.csv and .xlsx — the page's entries and the older ones, with its filters (issue 19). */
async function downloadView(req: Request, res: Response, ext: DownloadExt) {
  const read = readAuditPageQuery(req.query);
  const back = `/audit${filterQuery(read.values)}`;
  if (Object.keys(read.errors).length) return res.redirect(303, back);
  let entries;
  try {
    entries = await auditViewEntries(req.ctx(), { ...read.filter, before: read.before ?? undefined });
  } catch (err) {
    if (err instanceof NotFoundError) return res.redirect(303, back);
    throw err;
  }
  await sendTables(req, res, ext, 'audit', [auditViewTable(entries)]);
}
