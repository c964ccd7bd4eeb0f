/**
 * Board report editions in the API (issue 15): list, one edition with its frozen figures and the
 * changes since the edition before it, its PDF byte for byte, publishing (admin and finance), and
 * the current report's changes since the last edition with the same filters.
 */
import { Router, type Request, type Response } from 'express';
import { listDirectorates } from '../../domain/directorates';
import {
  assertMayPublishReports,
  getChangesSinceLastEdition,
  getEdition,
  getEditionPdf,
  getReportFigures,
  listEditions,
  publishEdition,
} from '../../domain/report-editions';
import { NotFoundError, ValidationError } from '../../errors';
import { readDashboardQuery } from '../../validation/dashboard-query.schema';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { presentFilters } from '../presenters/dashboard';
import { changesToApi, editionSummaryToApi, editionToApi, presentExceptions } from '../presenters/report-paper';
import { publishingPdf, sendEditionPdf } from '../report-pdf';

const FILTER_FIELDS = ['directorate', 'status', 'from', 'to', 'asAt', 'riskAdjusted'];

export function reportEditionsApiRoutes(chromiumPath: string): Router {
  const router = Router();
  router.get('/report-editions', asyncHandler(list));
  router.post(
    '/report-editions',
    requireRole('admin', 'finance'),
    asyncHandler((req, res) => publish(req, res, chromiumPath)),
  );
  router.get('/report-editions/:id', asyncHandler(show));
  router.get('/report-editions/:id/pdf', asyncHandler(pdf));
  router.get('/reports/scrutiny', asyncHandler(current));
  return router;
}

function editionId(raw: unknown): number {
  const id = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(id) || id < 1) throw new NotFoundError('There is no such report edition');
  return id;
}

/** The report's filters from a query string or a JSON body; a bad one is refused by name. */
async function readFilters(req: Request, raw: Record<string, unknown>, status: number) {
  const unknown = Object.keys(raw).filter((k) => !FILTER_FIELDS.includes(k));
  if (unknown.length)
    throw new ValidationError(Object.fromEntries(unknown.map((k) => [k, `Unknown field "${k}"`])), undefined, status);
  const text = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'boolean' ? String(v) : v]));
  const directorates = await listDirectorates(req.ctx());
  const input = readDashboardQuery(text, { directorateCodes: directorates.map((d) => d.code) });
  if (Object.keys(input.errors).length) throw new ValidationError(input.errors, undefined, status);
  return { input, filters: presentFilters(input, '/reports/scrutiny', directorates) };
}

/** @route GET /api/v1/report-editions */
async function list(req: Request, res: Response) {
  res.json({ editions: (await listEditions(req.ctx())).map(editionSummaryToApi) });
}

/** @route GET /api/v1/report-editions/:id */
async function show(req: Request, res: Response) {
  res.json(editionToApi(await getEdition(req.ctx(), editionId(req.params.id))));
}

/** @route GET /api/v1/report-editions/:id/pdf */
async function pdf(req: Request, res: Response) {
  const { edition, pdf } = await getEditionPdf(req.ctx(), editionId(req.params.id));
  if (!pdf) throw new NotFoundError('This edition was published without a PDF (the server had no headless browser)');
  sendEditionPdf(res, edition.id, edition.asAt, pdf);
}

/** @route POST /api/v1/report-editions */
async function publish(req: Request, res: Response, chromiumPath: string) {
  assertMayPublishReports(req.ctx());
  const { input, filters } = await readFilters(req, (req.body ?? {}) as Record<string, unknown>, 422);
  const render = publishingPdf(req, res, chromiumPath, input, filters);
  const published = await publishEdition(req.ctx(), input.filter, render);
  res
    .status(201)
    .location(`/api/v1/report-editions/${published.id}`)
    .json(editionToApi(await getEdition(req.ctx(), published.id)));
}

/** @route GET /api/v1/reports/scrutiny */
async function current(req: Request, res: Response) {
  const { input } = await readFilters(req, req.query as Record<string, unknown>, 400);
  const ctx = req.ctx();
  const [figures, changes] = await Promise.all([
    getReportFigures(ctx, input.filter),
    getChangesSinceLastEdition(ctx, input.filter),
  ]);
  const exceptions = presentExceptions(figures);
  const head = editionToApi({
    id: 0,
    title: '',
    asAt: input.filter.asAt,
    meetingDate: null,
    filters: input.filter,
    paper: null as never,
    hasPdf: false,
    pdfSha256: null,
    publishedBy: '',
    publishedAt: '',
    figures,
    changesSinceLastEdition: changes,
  });
  res.json({
    asAt: input.filter.asAt,
    filters: head.filters,
    portfolio: head.figures.portfolio,
    directorates: head.figures.directorates,
    exceptionCount: exceptions.total,
    changesSinceLastEdition: changesToApi(changes),
  });
}
