import { Router, type Request, type Response } from 'express';
import {
  exportCostLines,
  exportPortfolioMetrics,
  exportProfiles,
  exportRealisations,
  exportReforecasts,
} from '../../domain/exports';
import { listDirectorates } from '../../domain/directorates';
import { AppError, NotFoundError } from '../../errors';
import type { TableSpec } from '../../io/write-table';
import { readExportFilters } from '../../validation/metrics-query.schema';
import { sendTables } from '../download';
import { asyncHandler } from '../middleware/async-handler';
import { options, PROJECT_STATUS_LABELS } from '../presenters/labels';
import { aboutTable, METRICS_TABLES, projectsTable, type MetricsTableName } from '../presenters/metrics-tables';
import { param } from '../params';

export function exportsRoutes(): Router {
  const router = Router();
  // Any signed-in user may read the portfolio (README: roles), so any may export it.
  router.get('/exports', asyncHandler(index));
  router.get('/exports/:file', asyncHandler(download));
  return router;
}

const NAMES = ['projects', 'costs', 'profiles', 'realisations', 'reforecasts', 'metrics'] as const;
type ExportName = (typeof NAMES)[number];

const DESCRIPTIONS: Record<ExportName, { title: string; description: string }> = {
  projects: {
    title: 'Projects',
    description:
      'Each project with its headline indicators: business case and forecast NPV, BCR, value for money, ROI, IRR, payback, realisation and cost variance to date',
  },
  costs: {
    title: 'Cost lines',
    description: 'The cost ledger: every planned and actual cost line, in the cost import layout',
  },
  profiles: {
    title: 'Benefit profiles',
    description: 'Every benefit with its expected amount per year, in the profile import layout',
  },
  realisations: { title: 'Realisations', description: 'Every realised benefit, in the realisation import layout' },
  reforecasts: {
    title: 'Re-forecasts',
    description: 'The latest re-forecast of each benefit and year, in the re-forecast import layout',
  },
  metrics: {
    title: 'Portfolio metrics',
    description:
      'The tables behind the dashboard: summary indicators, yearly flows, cost variance and realisation (CSV: add ?table=summary, years, variance or realisation; the workbook has them all)',
  },
};

/** @route GET /exports */
async function index(req: Request, res: Response) {
  const { values, errors } = readExportFilters(req.query);
  const qs = new URLSearchParams(Object.keys(errors).length ? {} : values).toString();
  const suffix = qs ? `?${qs}` : '';
  const exportsList = NAMES.map((name) => {
    const filtered = name === 'projects' || name === 'metrics' ? suffix : '';
    return {
      name,
      ...DESCRIPTIONS[name],
      links: [
        { href: `/exports/${name}.csv${filtered}`, text: 'CSV' },
        { href: `/exports/${name}.xlsx${filtered}`, text: 'Excel' },
      ],
    };
  });
  const directorates = await listDirectorates(req.ctx());
  res.status(Object.keys(errors).length ? 400 : 200).render('exports/index', {
    title: 'Export data',
    exportsList,
    values,
    errors,
    directorateOptions: directorates.map((d) => ({ value: d.code, text: d.name })),
    statusOptions: options(PROJECT_STATUS_LABELS),
  });
}

async function tablesFor(req: Request, name: ExportName, ext: 'csv' | 'xlsx'): Promise<TableSpec[]> {
  const ctx = req.ctx();
  if (name === 'costs') return [exportCostLines(ctx)];
  if (name === 'profiles') return [exportProfiles(ctx)];
  if (name === 'realisations') return [exportRealisations(ctx)];
  if (name === 'reforecasts') return [exportReforecasts(ctx)];
  const f = readExportFilters(req.query);
  const field = Object.keys(f.errors)[0];
  if (field) throw new AppError(400, 'bad_request', `${field}: ${f.errors[field]}`);
  const m = await exportPortfolioMetrics(ctx, f.filter, f.opts);
  if (name === 'projects') return ext === 'csv' ? [projectsTable(m)] : [projectsTable(m), aboutTable(m, f.values)];
  if (ext === 'xlsx') return [...Object.values(METRICS_TABLES).map((t) => t(m)), aboutTable(m, f.values)];
  const table = typeof req.query.table === 'string' ? req.query.table : 'years';
  if (!(table in METRICS_TABLES))
    throw new AppError(400, 'bad_request', `table must be one of ${Object.keys(METRICS_TABLES).join(', ')}`);
  return [METRICS_TABLES[table as MetricsTableName](m)];
}

/** @route GET /exports/:name.:ext — projects, costs, profiles, realisations or metrics, as csv or xlsx. */
async function download(req: Request, res: Response) {
  const m = /^([a-z]+)\.(csv|xlsx)$/.exec(param(req, 'file'));
  if (!m || !(NAMES as readonly string[]).includes(m[1])) throw new NotFoundError('There is no such export');
  const [name, ext] = [m[1] as ExportName, m[2] as 'csv' | 'xlsx'];
  const tables = await tablesFor(req, name, ext);
  await sendTables(req, res, ext, `realise-${name}`, tables);
}
