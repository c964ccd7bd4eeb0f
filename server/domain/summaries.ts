/**
 * C8: the stored year series of each project equal a recomputation from the ledger at every
 * committed moment. Every write that changes a project's flows, or its optimism bias, calls
 * refreshSummaries with the project's id inside its own transaction; verifySummaries and
 * rebuildSummaries (`npm run db:summaries -- verify|rebuild`) check and repair a live database.
 */
import { inTransaction, type Db } from '../knex';
import * as flowsRepo from '../repositories/flows';
import * as projectsRepo from '../repositories/projects';
import * as summariesRepo from '../repositories/summaries';
import * as reforecastSummariesRepo from '../repositories/reforecast-summaries';
import * as toDateRepo from '../repositories/benefit-to-date-sums';
import * as gapsRepo from '../repositories/realisation-gaps';
import { DELTA_AMOUNTS } from '../finance/reforecasts';
import type { ProjectYearSeries } from '../repositories/summaries';
import { projectYearSeries, SERIES_AMOUNTS, SERIES_FLAGS } from '../finance/year-series';
import { ValidationError } from '../errors';
import { groupFlows } from './flows';
import { computeHeadlines, headlineDifferences, storeHeadlines } from './headlines';
import { getOrgSettings } from './settings';
import * as headlinesRepo from '../repositories/headlines';
import * as versionRepo from '../repositories/read-model-version';
import { currentFy } from '../financial-year';
import type { Project } from '../records';
import type { YearSeries } from '../finance/year-series';

interface Recomputed {
  projects: Project[];
  byProject: Map<number, YearSeries[]>;
  series: ProjectYearSeries[];
}

/** The series of these projects (all of them when none are named) as the ledger gives them now. */
async function recompute(db: Db, projectIds?: number[]): Promise<Recomputed> {
  const projects = projectIds ? await projectsRepo.listByIds(db, projectIds) : await projectsRepo.list(db);
  if (projects.length === 0) return { projects, byProject: new Map(), series: [] };
  const flows = groupFlows(
    projects,
    await flowsRepo.loadFlowRows(db, projectIds ? projects.map((p) => p.id) : undefined),
  );
  const byProject = new Map<number, YearSeries[]>();
  const series: ProjectYearSeries[] = [];
  for (const [projectId, f] of flows) {
    const own = projectYearSeries(f);
    byProject.set(projectId, own);
    for (const y of own) series.push({ ...y, projectId });
  }
  return { projects, byProject, series };
}

/**
 * Rewrites the stored series of these projects from their ledger; call it inside the write's
 * transaction. `check` sees the fresh series before they are stored (a single write's C1 limit).
 */
export async function refreshSummaries(
  db: Db,
  projectIds: number[],
  check?: (series: readonly ProjectYearSeries[]) => void,
): Promise<void> {
  if (projectIds.length === 0) return;
  // Two writes to one project on two PostgreSQL connections: the second waits here, then reads both.
  await summariesRepo.lockProjects(db, projectIds);
  const { projects, byProject, series } = await recompute(db, projectIds);
  check?.(series);
  const over = series.find((y) => !summariesRepo.fits(y));
  // Only offsetting amounts far beyond C1's yearly limit could get here: refuse rather than store less.
  if (over)
    throw new ValidationError({ amount: 'These amounts are too large for Realise to total exactly: correct them' });
  await summariesRepo.replaceForProjects(db, projectIds, series, groupsOf(projects));
  await reforecastSummariesRepo.replaceForProjects(db, projectIds, series);
  await storeHeadlines(db, projects, byProject);
  await refreshToDateSums(db, projectIds);
  await refreshGaps(db, projectIds);
}

/**
 * Only the stored realisation gaps of these projects, for a write that changes which years are
 * due but no figure (a benefit's status: a withdrawn benefit is not chased); inside its transaction.
 */
export async function refreshRealisationGaps(db: Db, projectIds: number[]): Promise<void> {
  if (projectIds.length === 0) return;
  await summariesRepo.lockProjects(db, projectIds);
  await refreshGaps(db, projectIds);
}

/** The benefits register's sort keys (sums to date per benefit) of these projects, or of all. */
async function refreshToDateSums(db: Db, projectIds?: number[]): Promise<void> {
  const runs = await toDateRepo.fromLedger(db, projectIds);
  if (!runs.every(toDateRepo.fits))
    throw new ValidationError({ amount: 'These amounts are too large for Realise to total exactly: correct them' });
  const ids = projectIds ?? (await projectsRepo.list(db)).map((p) => p.id);
  await toDateRepo.replaceForProjects(db, ids, runs);
}

/** The stored realisation gaps of these projects, or of all. */
async function refreshGaps(db: Db, projectIds?: number[]): Promise<void> {
  const rows = await gapsRepo.fromLedger(db, projectIds);
  const ids = projectIds ?? (await projectsRepo.list(db)).map((p) => p.id);
  await gapsRepo.replaceForProjects(db, ids, rows);
}

/** Before deleting projects: their series leave the group sums (the rows would go with them anyway). */
export async function removeSummaries(db: Db, projectIds: number[]): Promise<void> {
  await summariesRepo.lockProjects(db, projectIds);
  await summariesRepo.removeForProjects(db, projectIds);
}

function groupsOf(projects: readonly Project[]): Map<number, summariesRepo.SeriesGroup> {
  return new Map(projects.map((p) => [p.id, { directorateId: p.directorateId, status: p.status }]));
}

export interface SummaryDifference {
  projectId: number;
  fy: number;
  field: string;
  stored: string | null;
  ledger: string | null;
}

function key(y: ProjectYearSeries): string {
  return `${y.projectId}|${y.fy}`;
}

/** Every stored value that differs from the ledger's (missing rows and rows too many included). */
export async function verifySummaries(db: Db): Promise<SummaryDifference[]> {
  const stored = new Map((await summariesRepo.listForProjects(db)).map((y) => [key(y), y]));
  const fresh = await recompute(db);
  const ledger = new Map(fresh.series.map((y) => [key(y), y]));
  const out: SummaryDifference[] = [];
  for (const k of new Set([...stored.keys(), ...ledger.keys()])) {
    const s = stored.get(k);
    const l = ledger.get(k);
    const [projectId, fy] = k.split('|').map((n) => Number.parseInt(n, 10));
    for (const field of SERIES_AMOUNTS) {
      const a = s ? s[field].toString() : null;
      const b = l ? l[field].toString() : null;
      if (a !== b) out.push({ projectId, fy, field, stored: a, ledger: b });
    }
    for (const field of SERIES_FLAGS) {
      const a = s ? String(s[field]) : null;
      const b = l ? String(l[field]) : null;
      if (a !== b) out.push({ projectId, fy, field, stored: a, ledger: b });
    }
  }
  out.push(...reforecastDifferences(stored, ledger));
  out.push(...toDateDifferences(await toDateRepo.listAll(db), await toDateRepo.fromLedger(db)));
  out.push(...gapDifferences(await gapsRepo.listAll(db), await gapsRepo.fromLedger(db)));
  out.sort((a, b) => a.projectId - b.projectId || a.fy - b.fy);
  for (const g of await summariesRepo.groupDifferences(db))
    out.push({ projectId: 0, fy: 0, field: g.key, stored: g.stored, ledger: g.expected });
  const org = await getOrgSettings({ db });
  const headlines = headlineDifferences(
    await headlinesRepo.listStored(db),
    computeHeadlines(fresh.projects, fresh.byProject, org, currentFy()),
  );
  for (const h of headlines)
    out.push({
      projectId: h.projectId,
      fy: 0,
      field: `headline${h.riskAdjusted ? ' (risk-adjusted)' : ''}`,
      stored: h.stored,
      ledger: h.ledger,
    });
  return out;
}

/** C9: stored re-forecast differences (per year and made year) that differ from the ledger's. */
function reforecastDifferences(
  stored: ReadonlyMap<string, ProjectYearSeries>,
  ledger: ReadonlyMap<string, ProjectYearSeries>,
): SummaryDifference[] {
  const text = (y: ProjectYearSeries | undefined) =>
    y?.reforecasts?.length
      ? JSON.stringify(y.reforecasts.map((d) => [d.madeFy, ...DELTA_AMOUNTS.map((k) => d[k].toString())]))
      : null;
  const out: SummaryDifference[] = [];
  for (const k of new Set([...stored.keys(), ...ledger.keys()])) {
    const a = text(stored.get(k));
    const b = text(ledger.get(k));
    const [projectId, fy] = k.split('|').map((n) => Number.parseInt(n, 10));
    if (a !== b) out.push({ projectId, fy, field: 'reforecasts', stored: a, ledger: b });
  }
  return out;
}

/** Stored rows that differ from the ledger's, matched by key; `describe` gives each side's text (null: no row). */
function keyedDifferences<T>(
  stored: readonly T[],
  ledger: readonly T[],
  key: (r: T) => string,
  describe: (r: T | undefined) => string | null,
  place: (r: T) => { projectId: number; fy: number; field: string },
  same: (a: T | undefined, b: T | undefined) => boolean = (a, b) => describe(a) === describe(b),
): SummaryDifference[] {
  const [s, l] = [new Map(stored.map((r) => [key(r), r])), new Map(ledger.map((r) => [key(r), r]))];
  const out: SummaryDifference[] = [];
  for (const k of new Set([...s.keys(), ...l.keys()])) {
    const [a, b] = [s.get(k), l.get(k)];
    if (!same(a, b)) out.push({ ...place((a ?? b)!), stored: describe(a), ledger: describe(b) });
  }
  return out;
}

/** The benefits register's stored sums to date that differ from the ledger's (by benefit and first year). */
function toDateDifferences(
  stored: readonly toDateRepo.ToDateRun[],
  ledger: readonly toDateRepo.ToDateRun[],
): SummaryDifference[] {
  const text = (r: toDateRepo.ToDateRun | undefined) =>
    r ? `expected ${r.expected.toString()}, realised ${r.realised.toString()} pence to date` : null;
  return keyedDifferences(
    stored,
    ledger,
    (r) => `${r.benefitId}|${r.fromFy}`,
    text,
    (r) => ({ projectId: r.projectId, fy: r.fromFy, field: `benefit ${r.benefitId} to date` }),
    (a, b) => text(a) === text(b) && a?.projectId === b?.projectId,
  );
}

/** The stored realisation gaps (per project and year) that differ from the ledger's. */
function gapDifferences(stored: readonly gapsRepo.GapRow[], ledger: readonly gapsRepo.GapRow[]): SummaryDifference[] {
  return keyedDifferences(
    stored,
    ledger,
    (r) => `${r.projectId}|${r.fy}`,
    (r) => (r === undefined ? null : String(r.gaps)),
    (r) => ({ projectId: r.projectId, fy: r.fy, field: 'realisations due' }),
  );
}

/** Recomputes every project's series in one transaction; returns how many projects it wrote. */
export async function rebuildSummaries(db: Db): Promise<number> {
  return inTransaction(db, async (trx) => {
    const { projects, byProject, series } = await recompute(trx);
    await summariesRepo.replaceForProjects(
      trx,
      projects.map((p) => p.id),
      series,
      groupsOf(projects),
    );
    await reforecastSummariesRepo.replaceForProjects(
      trx,
      projects.map((p) => p.id),
      series,
    );
    await summariesRepo.rebuildGroups(trx);
    await storeHeadlines(trx, projects, byProject);
    await refreshToDateSums(trx);
    await refreshGaps(trx);
    // A repair may change figures that memoised reads hold.
    await versionRepo.bump(trx);
    return projects.length;
  });
}

/**
 * At start-up, after the migrations: a database from before the summaries (or whose summary table
 * a later migration emptied to change its shape) has projects with ledger rows but no series, and
 * rebuilds them all once.
 */
export async function ensureSummaries(db: Db): Promise<boolean> {
  if ((await summariesRepo.countProjectsWithoutSeries(db)) === 0 && !(await summariesRepo.groupsMissing(db))) {
    // A database from before the register's sort keys, or the realisation gaps, needs only those.
    const [toDate, gaps] = [await toDateRepo.missing(db), await gapsRepo.missing(db)];
    if (!toDate && !gaps) return false;
    await inTransaction(db, async (trx) => {
      if (toDate) await refreshToDateSums(trx);
      if (gaps) await refreshGaps(trx);
      await versionRepo.bump(trx);
    });
    return true;
  }
  await rebuildSummaries(db);
  return true;
}
