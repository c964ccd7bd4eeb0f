/**
 * C8 per-project headline indicators of the default view, kept so lists sort and page in SQL. A
 * row is computed from the project's stored year series for one basis: the as-at year and the
 * organisation's settings. Writes to a project's flows or settings store its rows in their own
 * transaction (refreshSummaries); a read first brings every row it may use onto the current basis
 * (after a settings change or the turn of a financial year), so no read ever uses a stale row.
 */
import { inTransaction, type Db } from '../knex';
import type { Project } from '../records';
import type { DiscountRule } from '../finance/types';
import { seriesHeadline } from '../finance/series-figures';
import type { YearSeries } from '../finance/year-series';
import { currentFy } from '../financial-year';
import * as headlinesRepo from '../repositories/headlines';
import * as projectsRepo from '../repositories/projects';
import * as summariesRepo from '../repositories/summaries';
import type { StoredHeadline } from '../repositories/headlines';
import { getOrgSettings, settingsFingerprint, type OrgSettings } from './settings';

/** C3: a project may set one constant rate instead of the organisation's rule. */
export function projectRule(project: Pick<Project, 'discountRate'>, org: OrgSettings): DiscountRule {
  return project.discountRate === null ? org.discountRule : { kind: 'constant', rate: project.discountRate };
}

/** What a headline row depends on besides the project's own series and settings. */
export function headlineBasis(org: OrgSettings, asAtFy: number): string {
  return `${asAtFy}:${settingsFingerprint(org)}`;
}

/** Both risk settings' rows of these projects, from their series, on this basis. */
export function computeHeadlines(
  projects: readonly Project[],
  series: ReadonlyMap<number, readonly YearSeries[]>,
  org: OrgSettings,
  asAtFy: number,
): StoredHeadline[] {
  const basis = headlineBasis(org, asAtFy);
  const out: StoredHeadline[] = [];
  for (const project of projects) {
    const own = { baseFy: project.baseFy, rule: projectRule(project, org), bands: org.vfmBands, rag: org.rag };
    for (const riskAdjusted of [false, true])
      out.push({
        projectId: project.id,
        riskAdjusted,
        basis,
        views: seriesHeadline(series.get(project.id) ?? [], own, { asAtFy, riskAdjusted }),
      });
  }
  return out;
}

/** Stores these projects' rows for the current as-at year; call it in the write's transaction. */
export async function storeHeadlines(
  db: Db,
  projects: readonly Project[],
  series: ReadonlyMap<number, readonly YearSeries[]>,
): Promise<void> {
  if (projects.length === 0) return;
  const org = await getOrgSettings({ db });
  await headlinesRepo.upsertMany(db, computeHeadlines(projects, series, org, currentFy()));
}

const BATCH = 500;

/**
 * Brings every project's rows onto the basis of `org` and `asAtFy`; returns how many projects it
 * recomputed. Each batch locks its projects as a write would, so a concurrent write to one of them
 * either commits first (and is read) or waits.
 */
export async function ensureHeadlines(db: Db, org: OrgSettings, asAtFy: number): Promise<number> {
  const basis = headlineBasis(org, asAtFy);
  const stale = await headlinesRepo.staleProjectIds(db, basis);
  for (let i = 0; i < stale.length; i += BATCH) {
    const ids = stale.slice(i, i + BATCH);
    await inTransaction(db, async (trx) => {
      await summariesRepo.lockProjects(trx, ids);
      const projects = await projectsRepo.listByIds(trx, ids);
      const series = await summariesRepo.seriesByProject(trx, ids);
      await headlinesRepo.upsertMany(trx, computeHeadlines(projects, series, org, asAtFy));
    });
  }
  return stale.length;
}

export interface HeadlineDifference {
  projectId: number;
  riskAdjusted: boolean;
  stored: string | null;
  ledger: string;
}

/** Stored rows on the current basis that differ from a recomputation from these series. */
export function headlineDifferences(
  stored: readonly StoredHeadline[],
  fresh: readonly StoredHeadline[],
): HeadlineDifference[] {
  const text = (h: StoredHeadline) => JSON.stringify(h.views);
  const storedByKey = new Map(stored.map((h) => [`${h.projectId}|${h.riskAdjusted}`, h]));
  const out: HeadlineDifference[] = [];
  for (const h of fresh) {
    const s = storedByKey.get(`${h.projectId}|${h.riskAdjusted}`);
    if (!s || s.basis !== h.basis) continue; // not on this basis: never read until recomputed
    if (text(s) !== text(h))
      out.push({ projectId: h.projectId, riskAdjusted: h.riskAdjusted, stored: text(s), ledger: text(h) });
  }
  return out;
}
