import type { RequestHandler } from 'express';

/** One-off confirmation banners after a redirect, chosen from a fixed list so nothing is echoed. */
export const NOTICES: Record<string, string> = {
  'directorate-created': 'Directorate created',
  'directorate-updated': 'Directorate updated',
  'directorate-deleted': 'Directorate deleted',
  'project-created': 'Project created',
  'project-updated': 'Project updated',
  'project-deleted': 'Project deleted',
  'cost-added': 'Cost line added',
  'cost-updated': 'Cost line updated',
  'cost-deleted': 'Cost line deleted',
  'benefit-added': 'Benefit added',
  'benefit-updated': 'Benefit updated',
  'benefit-deleted': 'Benefit deleted',
  'realisation-recorded': 'Realisation recorded',
  'realisation-updated': 'Realisation updated',
  'realisation-deleted': 'Realisation deleted',
};

export function locals(): RequestHandler {
  return (req, res, next) => {
    res.locals.currentPath = req.path;
    const key = typeof req.query.notice === 'string' ? req.query.notice : '';
    res.locals.notice = NOTICES[key] ?? null;
    res.locals.values = {};
    res.locals.errors = {};
    next();
  };
}
