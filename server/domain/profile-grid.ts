/**
 * The benefit profile grid (issue 19): one row per money benefit of a project, a column per year of
 * its appraisal period (C3, as the profile form offers it), each cell the expected amount of that
 * benefit and year (C5: one profile row per benefit and year). Saved all or nothing: one
 * transaction, one audit record, the C8 summaries refreshed once. A cell left as shown is not
 * touched; a cell changed by someone else since it was shown is refused, naming it.
 */
import { inTransaction } from '../knex';
import * as benefitsRepo from '../repositories/benefits';
import * as profilesRepo from '../repositories/benefit-profiles';
import { StaleVersionError, ValidationError, type FieldErrors } from '../errors';
import { fyLabel } from '../financial-year';
import { formatGbp, type Decimal } from '../money';
import type { Benefit, ProfileEntry, Project } from '../records';
import {
  profileCellLabel,
  profileCellName,
  sameAmount,
  type ProfileGridCellInput,
} from '../validation/profile-grid.schema';
import { audit } from './audit';
import { profileYears } from './benefits';
import { afterFlowsChanged } from './flow-writes';
import { GRID_MAX_YEARS } from './cost-grid';
import { assertCanEditProject } from './permissions';
import { assertMayEditProject, getProject } from './projects';
import { baseYearProblem } from './rules';
import type { Ctx } from './types';

export interface ProfileGridRow {
  benefit: Benefit;
  cells: Map<number, Decimal | null>;
}

export interface ProfileGrid {
  project: Project;
  years: number[];
  rows: ProfileGridRow[];
}

/** The grid of a project's money benefits (qualitative ones have no profile, C5). */
export async function getProfileGrid(ctx: Ctx, projectCode: string, extraYears = 0): Promise<ProfileGrid> {
  const project = await assertMayEditProject(ctx, projectCode);
  const period = await profileYears(ctx, project);
  const count = Math.min(period.length + Math.max(0, extraYears), GRID_MAX_YEARS);
  const years = Array.from({ length: count }, (_, i) => period[0] + i);
  const benefits = (await benefitsRepo.listByProject(ctx.db, project.id)).filter((b) => b.type !== 'qualitative');
  const profiles = await profilesRepo.listByProject(ctx.db, project.id);
  const rows = benefits.map((benefit) => {
    const own = new Map((profiles.get(benefit.id) ?? []).map((e) => [e.fy, e.amount] as const));
    return { benefit, cells: new Map(years.map((fy) => [fy, own.get(fy) ?? null] as const)) };
  });
  return { project, years, rows };
}

/** Saves every changed cell in one transaction, or none (422, a message per bad cell). Returns how many changed. */
export async function saveProfileGrid(
  ctx: Ctx,
  projectCode: string,
  cells: readonly ProfileGridCellInput[],
): Promise<number> {
  return inTransaction(ctx.db, async (trx) => {
    const project = await getProject({ db: trx }, projectCode);
    assertCanEditProject(ctx, project);
    const benefits = new Map((await benefitsRepo.listByProject(trx, project.id)).map((b) => [b.ref, b]));
    const profiles = await profilesRepo.listByProject(trx, project.id);
    const changed = cells.filter((c) => !sameAmount(c.amount, c.shown));
    const problems: FieldErrors = {};
    const next = new Map<number, Map<number, Decimal>>();
    for (const c of changed) {
      const name = profileCellName(c.ref, c.fy);
      const benefit = benefits.get(c.ref);
      const label = profileCellLabel(c.ref, benefit?.title ?? '', c.fy);
      if (!benefit) {
        problems[name] = `${label}: there is no benefit ${c.ref} on ${project.code} any more`;
        continue;
      }
      if (benefit.type === 'qualitative') {
        problems[name] = `${label}: a qualitative benefit has no money profile (C5)`;
        continue;
      }
      const early = baseYearProblem(project.baseFy, c.fy);
      if (early) {
        problems[name] = `${label}: ${early}`;
        continue;
      }
      let profile = next.get(benefit.id);
      if (!profile)
        next.set(benefit.id, (profile = new Map((profiles.get(benefit.id) ?? []).map((e) => [e.fy, e.amount]))));
      const now = profile.get(c.fy) ?? null;
      if (!sameAmount(now, c.shown)) {
        problems[name] =
          `${label}: someone changed this cell since you opened the grid (it is now ${now === null ? 'empty' : formatGbp(now)}): check it and save again`;
        continue;
      }
      if (c.amount === null) profile.delete(c.fy);
      else profile.set(c.fy, c.amount);
    }
    if (Object.keys(problems).length) throw new ValidationError(problems);
    if (changed.length === 0) return 0;
    const byId = new Map([...benefits.values()].map((b) => [b.id, b]));
    for (const [benefitId, profile] of next) {
      const entries: ProfileEntry[] = [...profile].map(([fy, amount]) => ({ fy, amount })).sort((a, b) => a.fy - b.fy);
      await profilesRepo.replaceForBenefit(trx, benefitId, entries);
      // The benefit's version moves on, so a benefit form opened before this save cannot put the old profile back.
      const { id, projectId: _p, version, ...fields } = byId.get(benefitId)!;
      if (!(await benefitsRepo.update(trx, id, version, fields))) throw new StaleVersionError(byId.get(benefitId)!);
    }
    await afterFlowsChanged(trx, project, (t) => {
      const cell = changed.find((c) => c.fy === t.fy) ?? changed[0];
      return profileCellName(cell.ref, cell.fy);
    });
    const shown = (d: Decimal | null) => (d === null ? null : d.toFixed(2));
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'profile_grid',
      entityId: project.code,
      projectId: project.id,
      summary: `Benefit profiles grid saved on ${project.code}: ${changed.length} cell${changed.length === 1 ? '' : 's'} changed`,
      before: { cells: changed.map((c) => ({ benefit: c.ref, year: fyLabel(c.fy), amount: shown(c.shown) })) },
      after: { cells: changed.map((c) => ({ benefit: c.ref, year: fyLabel(c.fy), amount: shown(c.amount) })) },
    });
    return changed.length;
  });
}
