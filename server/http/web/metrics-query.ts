/** As-at date and risk adjustment for pages: bad values fall back to the defaults with a message. */
import type { Request } from 'express';
import { parseIsoDate, todayIso } from '../../financial-year';

export interface PageMetricsQuery {
  opts: { asAt: string; riskAdjusted: boolean };
  values: { asAt: string; riskAdjusted: string };
  errors: Record<string, string>;
}

export function pageMetricsQuery(req: Request): PageMetricsQuery {
  const raw = typeof req.query.asAt === 'string' ? req.query.asAt.trim() : '';
  const riskAdjusted = req.query.riskAdjusted === 'true' || req.query.riskAdjusted === 'on';
  const errors: Record<string, string> = {};
  let asAt = todayIso();
  if (raw !== '') {
    if (parseIsoDate(raw)) asAt = raw;
    else errors.asAt = 'Enter the as-at date as a real date, like 2026-03-31';
  }
  return { opts: { asAt, riskAdjusted }, values: { asAt: raw, riskAdjusted: riskAdjusted ? 'true' : '' }, errors };
}
