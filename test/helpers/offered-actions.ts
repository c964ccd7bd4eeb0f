/**
 * Where the actions a page offers lead, for the tests that check a page offers only what its
 * reader may do (issue 14: no button ends at "You cannot do that"). A link is followed with a GET.
 * A form is checked through its own page when it has one (the new, edit and delete forms: the
 * server answers those pages exactly when it would take the save); the few forms without a page
 * of their own are asked of the domain's permission functions, the ones the save calls.
 */
import type { Knex } from 'knex';
import { createLogger } from '../../server/logger';
import type { Ctx } from '../../server/domain/types';
import { actorFor } from '../../server/domain/users';
import { allows, assertMayManageUsers, projectPermissions } from '../../server/domain/permissions';
import { assertMayAddProjects, getProject } from '../../server/domain/projects';
import { assertMayUndoImports, mayImport } from '../../server/domain/imports';
import * as usersRepo from '../../server/repositories/users';
import { isImportKind } from '../../server/io/layouts';
import { mayReviewProject } from '../../server/domain/reviews';
import { getRealisation } from '../../server/domain/realisations';
import { verificationPermissions } from '../../server/domain/verification';
import { mayAttachEvidence } from '../../server/domain/realisation-attachments';
import { assertMayPublishReports } from '../../server/domain/report-editions';

export interface OfferedForm {
  method: string;
  action: string;
}

export interface PageActions {
  links: string[];
  forms: OfferedForm[];
}

/** What the server answers for a form: its page to GET, or the permission function's verdict. */
export type FormCheck = { get: string } | { allowed: boolean; by: string };

const ENTITIES: Record<string, string> = { '&amp;': '&', '&#39;': "'", '&#34;': '"', '&quot;': '"', '&lt;': '<' };
const decode = (s: string) => s.replace(/&(amp|#39|#34|quot|lt);/g, (m) => ENTITIES[m]);

/** Same-site paths only (no fragment); other schemes, other hosts and in-page anchors are not actions. */
export function sitePath(href: string): string | null {
  const h = decode(href.trim()).split('#')[0];
  return h.startsWith('/') && !h.startsWith('//') ? h : null;
}

/** The links and forms of server-rendered HTML, as a browser would see them (no script builds any). */
export function actionsIn(html: string): PageActions {
  const links = [...html.matchAll(/<a\b[^>]*\shref="([^"]*)"/g)]
    .map((m) => sitePath(m[1]))
    .filter((h): h is string => h !== null);
  const forms: OfferedForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(m[1])?.[1];
    const method = (attr('method') ?? 'get').toUpperCase();
    const action = sitePath(attr('action') ?? '') ?? '';
    forms.push({ method, action });
    for (const f of m[2].matchAll(/\sformaction="([^"]*)"/g)) forms.push({ method, action: sitePath(f[1]) ?? '' });
  }
  return { links: [...new Set(links)], forms };
}

const SILENT = createLogger({ logLevel: 'silent' });

async function ctxFor(db: Knex, email: string): Promise<Ctx> {
  const user = (await usersRepo.listAll(db)).find((u) => u.email === email);
  if (!user) throw new Error(`No user ${email}`);
  return { db, actor: actorFor(user), logger: SILENT };
}

/**
 * How to check a form: `page` is the path of the page that shows it (GET forms and forms that post
 * back to their own page are checked by that page). Unknown forms throw, so a new kind of form
 * must be added here rather than pass unchecked.
 */
export async function formCheck(db: Knex, email: string, form: OfferedForm, page: string): Promise<FormCheck> {
  const action = (form.action || page).split('?')[0];
  if (form.method === 'GET') return { get: action };
  const twin =
    /^\/.+\/(edit|delete)$/.exec(action)?.[0] ??
    /^\/(projects|directorates|users)$/.exec(action)?.[0]?.concat('/new') ??
    /^\/projects\/[^/]+\/(costs|benefits|benefits\/[^/]+\/realisations)$/.exec(action)?.[0]?.concat('/new') ??
    /^\/settings(\/backups|\/reviews)?$/.exec(action)?.[0];
  if (twin) return { get: twin };
  if (/^\/(sign-out|appraisal|account\/.+)$/.test(action)) return { allowed: true, by: 'any signed-in user' };
  const ctx = await ctxFor(db, email);
  let m: RegExpExecArray | null;
  if ((m = /^\/projects\/([^/]+)\/(managers|benefits\/[^/]+\/status)$/.exec(action))) {
    const can = await projectPermissions(ctx, db, await getProject(ctx, decodeURIComponent(m[1])));
    return m[2] === 'managers'
      ? { allowed: can.canEdit, by: 'projectPermissions.canEdit' }
      : { allowed: can.canEdit || can.canRecord, by: 'projectPermissions.canEdit or canRecord' };
  }
  if ((m = /^\/projects\/([^/]+)\/reviews$/.exec(action)))
    return {
      allowed: await mayReviewProject(ctx, await getProject(ctx, decodeURIComponent(m[1]))),
      by: 'reviews.mayReviewProject',
    };
  if (action === '/appraisal/save')
    return { allowed: allows(() => assertMayAddProjects(ctx)), by: 'assertMayAddProjects' };
  if ((m = /^\/imports\/([^/]+)\/(preview|commit)$/.exec(action)) && isImportKind(m[1]))
    return { allowed: mayImport(ctx.actor, m[1]), by: 'mayImport' };
  if (/^\/imports\/batches\/\d+\/undo$/.test(action))
    return { allowed: allows(() => assertMayUndoImports(ctx)), by: 'assertMayUndoImports' };
  // C10: a realisation's verification and evidence files, asked of the checks the use cases make.
  if (
    (m = /^\/projects\/([^/]+)\/benefits\/([^/]+)\/realisations\/(\d+)\/(verify|unverify|attachments.*)$/.exec(action))
  ) {
    const found = await getRealisation(ctx, decodeURIComponent(m[1]), decodeURIComponent(m[2]), Number(m[3]));
    const may = verificationPermissions(ctx, found);
    if (m[4] === 'verify') return { allowed: may.mayVerify, by: 'verificationPermissions.mayVerify' };
    if (m[4] === 'unverify') return { allowed: may.mayUnverify, by: 'verificationPermissions.mayUnverify' };
    return { allowed: await mayAttachEvidence(ctx, found), by: 'mayAttachEvidence' };
  }
  if (/^\/users\/\d+\/(password|tokens\/\d+\/revoke)$/.test(action))
    return { allowed: allows(() => assertMayManageUsers(ctx)), by: 'assertMayManageUsers' };
  // Issue 15: publishing the board report as an edition (the form has no page of its own).
  if (action === '/reports/editions')
    return { allowed: allows(() => assertMayPublishReports(ctx)), by: 'assertMayPublishReports' };
  throw new Error(
    `No check for the form ${form.method} ${action} on ${page}: add one to test/helpers/offered-actions.ts`,
  );
}

/** Links not followed: leaving (sign-out is a form anyway) and the PDF, which starts a browser. */
export function skipLink(path: string): boolean {
  return /\.pdf(\?|$)/.test(path);
}

/** One representative per page: query-string variants (filters, sorting) ask the same permission. */
export function pageKey(path: string): string {
  return path.split('?')[0];
}

/**
 * Coarser, for the browser test's time budget: the read pages of one route ask one permission
 * whatever the record (every signed-in user reads the whole portfolio), so /projects/CS-002 stands
 * for every project page. Form pages (new, edit, delete) depend on the record and stay apart.
 */
export function routeKey(path: string): string {
  const p = pageKey(path);
  if (/\/(new|edit|delete)$/.test(p)) return p;
  return p
    .replace(/^\/(projects|directorates)\/[^/]+/, '/$1/:code')
    .replace(/\/benefits\/[^/]+/, '/benefits/:ref')
    .replace(/^\/imports\/batches\/\d+/, '/imports/batches/:id');
}
