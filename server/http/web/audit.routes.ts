import { Router, type Request, type Response } from 'express';
import { exportAuditCsv, listAuditEntityTypes, listUserChoices, searchAudit, type AuditPage, type AuditQuery } from '../../domain/audit-trail';
import { NotFoundError, type FieldErrors } from '../../errors';
import { parseIsoDate, todayIso } from '../../financial-year';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { filterQuery, presentAuditPage } from '../presenters/audit';
import { idParam } from '../params';

export function auditRoutes(): Router {
  const router = Router();
  // Read only: there is deliberately no route that changes or removes an audit row.
  router.get('/audit', requireRole('admin', 'scrutiny'), asyncHandler(index));
  router.get('/audit.csv', requireRole('admin', 'scrutiny'), asyncHandler(download));
  return router;
}

const PAGE_SIZE = 50;

export interface AuditQueryRead {
  query: AuditQuery;
  /** What was typed, to show again in the filter form and carry into links. */
  values: { project: string; user: string; entity: string; from: string; to: string };
  errors: FieldErrors;
}

function text(req: Request, name: string): string {
  const v = req.query[name];
  return typeof v === 'string' ? v.trim().slice(0, 100) : '';
}

/** The filters shared by the page, the CSV and the API; a bad value is a message for its field. */
export function readAuditQuery(req: Request, mode: 'page' | 'api' = 'page'): AuditQueryRead {
  const values = { project: text(req, 'project').toUpperCase(), user: text(req, 'user'), entity: text(req, 'entity'), from: text(req, 'from'), to: text(req, 'to') };
  const errors: FieldErrors = {};
  for (const name of Object.keys(values)) if (Array.isArray(req.query[name])) errors[name] = `Give ${name} once`;
  const query: AuditQuery = {};
  if (values.project && !errors.project) {
    if (/^[A-Z0-9][A-Z0-9-]{0,19}$/.test(values.project)) query.projectCode = values.project;
    else errors.project = 'Enter a project code like CS-001';
  }
  if (values.user && !errors.user) {
    const id = idParam(values.user);
    if (id === null) errors.user = mode === 'page' ? 'Choose a user from the list' : 'user must be a user id, like 12';
    else query.userId = id;
  }
  if (values.entity && !errors.entity) {
    if (/^[a-z_]{1,40}$/.test(values.entity)) query.entityType = values.entity;
    else errors.entity = mode === 'page' ? 'Choose a kind of record from the list' : 'entity must be an entity type, like cost_line';
  }
  for (const [name, label] of [['from', 'the start date'], ['to', 'the end date']] as const) {
    if (!values[name] || errors[name]) continue;
    if (parseIsoDate(values[name])) query[name] = values[name];
    else errors[name] = `Enter ${label} as a real date, like ${todayIso()}`;
  }
  if (query.from && query.to && query.to < query.from) errors.to = 'The end date must be the same as or after the start date';
  return { query, values, errors };
}

/** The page of entries, or none while the filters need correcting: an unknown project is a field error. */
async function findEntries(req: Request, read: AuditQueryRead, before: number | null): Promise<AuditPage> {
  const none: AuditPage = { entries: [], nextCursor: null };
  if (Object.keys(read.errors).length) return none;
  try {
    return await searchAudit(req.ctx(), { ...read.query, limit: PAGE_SIZE, before: before ?? undefined });
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    read.errors.project = err.message;
    return none;
  }
}

/** @route GET /audit */
async function index(req: Request, res: Response) {
  const read = readAuditQuery(req);
  const before = typeof req.query.before === 'string' ? idParam(req.query.before) : null;
  const page = await findEntries(req, read, before);
  const [users, entityTypes] = await Promise.all([listUserChoices(req.ctx()), listAuditEntityTypes(req.ctx())]);
  res.render('audit/index', { title: 'Audit trail', ...presentAuditPage({ page, values: read.values, errors: read.errors, before, users, entityTypes }) });
}

/** @route GET /audit.csv */
async function download(req: Request, res: Response) {
  const { query, values, errors } = readAuditQuery(req);
  // Bad filters, including an unknown project, go back to the page, which explains them beside the form.
  const back = `/audit${filterQuery(values)}`;
  if (Object.keys(errors).length) return res.redirect(303, back);
  try {
    await exportAuditCsv(req.ctx(), query, (chunk) => writeChunk(res, chunk));
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
