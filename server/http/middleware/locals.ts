import type { RequestHandler } from 'express';
import { mayFor, type May } from '../../domain/may';

/** One-off confirmation banners after a redirect, chosen from a fixed list so nothing is echoed. */
export const NOTICES: Record<string, string> = {
  'directorate-created': 'Directorate created',
  'directorate-updated': 'Directorate updated',
  'directorate-deleted': 'Directorate deleted',
  'project-created': 'Project created',
  'project-updated': 'Project updated',
  'project-deleted': 'Project deleted',
  'cost-added': 'Cost line added',
  'cost-grid-saved': 'Costs saved',
  'profile-grid-saved': 'Benefit profiles saved',
  'cost-updated': 'Cost line updated',
  'cost-deleted': 'Cost line deleted',
  'benefit-added': 'Benefit added',
  'benefit-updated': 'Benefit updated',
  'benefit-deleted': 'Benefit deleted',
  'realisation-recorded': 'Realisation recorded',
  'reforecast-recorded': 'Re-forecast saved',
  'realisation-updated': 'Realisation updated',
  'realisation-deleted': 'Realisation deleted',
  'realisation-verified': 'Realisation verified',
  'realisation-unverified': 'Realisation returned to unverified',
  'evidence-attached': 'Evidence file attached',
  'evidence-removed': 'Evidence file removed',
  'budget-reduction-recorded': 'Budget reduction recorded',
  'budget-reduction-deleted': 'Budget reduction deleted',
  'priority-saved': 'Council priority saved',
  'priority-removed': 'Council priority removed',
  'setup-complete': 'Realise is set up. Next, add your directorates and invite your colleagues.',
  'user-created': 'User added',
  'user-updated': 'User updated',
  'password-reset': 'Password reset. The user has been signed out everywhere.',
  'token-revoked': 'API token revoked',
  'benefit-status-updated': 'Benefit status updated',
  'managers-updated': 'Project managers updated',
  'decision-approval': 'Approval recorded: baseline 1 is frozen',
  'decision-rebaseline': 'Re-baseline recorded: the new baseline is frozen',
  'settings-updated': 'Settings saved',
  'review-scheduled': 'Review scheduled',
  'review-saved': 'Review saved',
  'review-completed': 'Review completed: it is now read-only',
  'paper-saved': "The board paper's details are saved: every report uses them until they are changed",
  'edition-published': 'Edition published: its figures, text and PDF are kept as they are now',
};

const NOBODY: May = {
  manageDirectorates: false,
  addProjects: false,
  useImports: false,
  undoImports: false,
  readAudit: false,
  manageUsers: false,
  changeSettings: false,
};

export function locals(): RequestHandler {
  return (req, res, next) => {
    res.locals.currentPath = req.path;
    const key = typeof req.query.notice === 'string' ? req.query.notice : '';
    res.locals.notice = NOTICES[key] ?? null;
    res.locals.values = {};
    res.locals.errors = {};
    res.locals.me = req.user ? { name: req.user.name, role: req.user.role, isAdmin: req.user.role === 'admin' } : null;
    // What the pages may offer: the domain's own checks, asked in advance (domain/may.ts).
    res.locals.may = req.user ? mayFor(req.ctx()) : NOBODY;
    next();
  };
}
