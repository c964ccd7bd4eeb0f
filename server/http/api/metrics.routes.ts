import { Router, type Request, type Response } from 'express';
import { getProjectMetrics } from '../../domain/metrics';
import { asyncHandler } from '../middleware/async-handler';
import {
  appraisalToApi,
  discountRuleToApi,
  rowToApi,
  settingsToApi,
  verifiedShareToApi,
  viewSetToApi,
} from '../presenters/metrics-api';
import { fyLabel } from '../../financial-year';
import { getAggregatePage } from '../../domain/project-rows';
import { cursorParam, encodeCursor, limitParam, param } from '../params';
import { parseAggregateMetricsQuery, parseProjectMetricsQuery } from '../../validation/metrics-query.schema';

export function metricsApiRoutes(): Router {
  const router = Router();
  router.get('/projects/:code/metrics', asyncHandler(projectMetrics));
  router.get('/directorates/:code/metrics', asyncHandler(directorateMetrics));
  router.get('/portfolio/metrics', asyncHandler(portfolioMetrics));
  return router;
}

/** @route GET /api/v1/projects/:code/metrics */
async function projectMetrics(req: Request, res: Response) {
  const m = await getProjectMetrics(req.ctx(), param(req, 'code'), parseProjectMetricsQuery(req.query));
  res.json({
    code: m.project.code,
    name: m.project.name,
    ...viewSetToApi(m),
    // C9: the latest baseline's business case on its frozen basis; null before approval.
    baseline: m.baseline ? appraisalToApi(m.baseline) : null,
    baselineNumber: m.baselineNumber,
    baselineSettings: m.baselineBasis
      ? {
          baseYear: fyLabel(m.baselineBasis.baseFy),
          discountRule: discountRuleToApi(m.baselineBasis.rule),
          optimismBias: m.baselineBasis.optimismBias.toString(),
        }
      : null,
    verification: verifiedShareToApi(m.verifiedShare),
    settings: settingsToApi(m.settings),
  });
}

/** `directorateCode` from the path, or undefined to take ?directorate= (the portfolio endpoint). */
async function aggregate(req: Request, res: Response, directorateCode: string | undefined) {
  const q = parseAggregateMetricsQuery(req.query, directorateCode);
  const limit = limitParam(req);
  const after = cursorParam(req);
  const { metrics: m, page } = await getAggregatePage(req.ctx(), q.filter, q.opts, after, limit);
  const last = page.rows.length === limit ? page.rows[page.rows.length - 1].project.code : null;
  res.json({
    ...viewSetToApi(m),
    verification: verifiedShareToApi(m.verifiedShare),
    settings: {
      ...settingsToApi(m.settings),
      note: "Aggregates use the organisation's discount rule; a project's own rate applies only on its own page (C6).",
    },
    projectCount: m.projectCount,
    // C9: the baselined projects' latest baselines on the aggregate's basis (C6); null when none has one.
    baseline: m.baseline ? appraisalToApi(m.baseline) : null,
    projectsWithoutBaseline: m.projectsWithoutBaseline,
    // C6 Contributions: each row's contribution is on the aggregate's basis, so all rows add up to its figures.
    projects: page.rows.map(rowToApi),
    nextCursor: last === null ? null : encodeCursor(last),
  });
}

/** @route GET /api/v1/directorates/:code/metrics */
async function directorateMetrics(req: Request, res: Response) {
  await aggregate(req, res, param(req, 'code').toUpperCase());
}

/** @route GET /api/v1/portfolio/metrics */
async function portfolioMetrics(req: Request, res: Response) {
  await aggregate(req, res, undefined);
}
