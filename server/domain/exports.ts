/**
 * Exports for any signed-in user. Cost lines, benefit profiles and realisations come out in the
 * exact import layouts (server/io/layouts.ts), so an exported file imports back unchanged; money
 * as exact strings (C1), years as labels (C2). Rows are read a few projects at a time.
 */
import * as batchesRepo from '../repositories/import-batches';
import * as reforecastsRepo from '../repositories/benefit-reforecasts';
import { fyLabel } from '../financial-year';
import { fromDbPence, toApiMoney } from '../money';
import { LAYOUTS, type ImportKind } from '../io/layouts';
import type { Cell, ColumnSpec, TableSpec } from '../io/write-table';
import { NO_EVIDENCE } from '../records';
import { getPortfolioMetrics, type AggregateMetrics, type MetricsOptions, type PortfolioQuery } from './metrics';
import { assertRole } from './permissions';
import { allProjectRows, type ProjectRow } from './project-rows';
import type { Ctx } from './types';

/** Projects per query: bounds memory however large the portfolio. */
const PROJECTS_PER_BATCH = 50;

type Row = Record<string, unknown>;

function assertSignedIn(ctx: Ctx): void {
  assertRole(ctx, 'admin', 'finance', 'project_manager', 'scrutiny');
}

function columnsOf(kind: ImportKind): ColumnSpec[] {
  return LAYOUTS[kind].columns.map((c) => ({ header: c.name, kind: c.type === 'ratio' ? 'decimal' : c.type }));
}

const money = (pence: unknown): string => toApiMoney(fromDbPence(pence as string | number));
const yesNo = (v: unknown): string => (v === true || v === 1 || v === '1' || v === 't' ? 'yes' : 'no');
const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

async function* byProjects(ctx: Ctx, read: (ids: number[]) => Promise<Cell[][]>): AsyncGenerator<Cell[][]> {
  const projects = await batchesRepo.projectIdsByCode(ctx.db);
  for (let i = 0; i < projects.length; i += PROJECTS_PER_BATCH) {
    yield await read(projects.slice(i, i + PROJECTS_PER_BATCH).map((p) => p.id));
  }
}

function costRow(r: Row): Cell[] {
  // Credits are stored negative (C4) and exported so: the credit column says why.
  return [
    text(r.project_code),
    fyLabel(r.fy_start as number),
    text(r.kind),
    text(r.funding),
    text(r.category),
    text(r.recurrence),
    money(r.amount_pence),
    text(r.description),
    text(r.reference),
    yesNo(r.is_credit),
  ];
}

function profileRows(benefit: Row, profile: Row[]): Cell[][] {
  const head = (year: Cell, amount: Cell): Cell[] => [
    text(benefit.project_code),
    text(benefit.ref),
    text(benefit.title),
    text(benefit.type),
    text(benefit.category),
    year,
    amount,
    text(benefit.confidence),
    text(benefit.owner),
    yesNo(benefit.is_disbenefit),
  ];
  // A benefit without a profile still gets a line, so the register survives a round trip.
  if (profile.length === 0) return [head(null, null)];
  return profile.map((p) => head(fyLabel(p.fy_start as number), money(p.amount_pence)));
}

function realisationRow(r: Row): Cell[] {
  return [
    text(r.project_code),
    text(r.benefit_ref),
    fyLabel(r.fy_start as number),
    r.amount_pence === null ? null : money(r.amount_pence),
    text(r.value),
    // Honest about old rows saved without evidence; an import reads these words back as none.
    text(r.evidence).trim() || NO_EVIDENCE,
    yesNo(r.is_correction),
  ];
}

export function exportCostLines(ctx: Ctx): TableSpec {
  assertSignedIn(ctx);
  return {
    name: 'Cost lines',
    columns: columnsOf('costs'),
    rows: byProjects(ctx, async (ids) => (await batchesRepo.costLinesForExport(ctx.db, ids)).map(costRow)),
  };
}

export function exportProfiles(ctx: Ctx): TableSpec {
  assertSignedIn(ctx);
  return {
    name: 'Benefit profiles',
    columns: columnsOf('profiles'),
    rows: byProjects(ctx, async (ids) => {
      const benefits = await batchesRepo.benefitsForExport(ctx.db, ids);
      const profiles = await batchesRepo.profilesForExport(ctx.db, ids);
      const byBenefit = new Map<unknown, Row[]>();
      for (const p of profiles) {
        const list = byBenefit.get(p.benefit_id);
        if (list) list.push(p);
        else byBenefit.set(p.benefit_id, [p]);
      }
      return benefits.flatMap((b) => profileRows(b, byBenefit.get(b.id) ?? []));
    }),
  };
}

export function exportRealisations(ctx: Ctx): TableSpec {
  assertSignedIn(ctx);
  return {
    name: 'Realisations',
    columns: columnsOf('realisations'),
    rows: byProjects(ctx, async (ids) => (await batchesRepo.realisationsForExport(ctx.db, ids)).map(realisationRow)),
  };
}

/** C9: the latest re-forecast of each benefit and year (the history is on the benefit page and the API). */
export function exportReforecasts(ctx: Ctx): TableSpec {
  assertSignedIn(ctx);
  return {
    name: 'Re-forecasts',
    columns: columnsOf('reforecasts'),
    rows: byProjects(ctx, async (ids) =>
      (await reforecastsRepo.latestForExport(ctx.db, ids)).map((x) => [
        x.projectCode,
        x.benefitRef,
        fyLabel(x.r.fy),
        toApiMoney(x.r.amount),
        x.r.note,
      ]),
    ),
  };
}

/** An aggregate with every row of its project table (by code): an export is the whole current view. */
export interface ExportedMetrics extends AggregateMetrics {
  projects: ProjectRow[];
}

/** The portfolio indicators behind the dashboards, with the same filters as the metrics API. */
export async function exportPortfolioMetrics(
  ctx: Ctx,
  q: PortfolioQuery,
  o: MetricsOptions & { baseFy?: number },
): Promise<ExportedMetrics> {
  assertSignedIn(ctx);
  const m = await getPortfolioMetrics(ctx, q, o);
  return { ...m, projects: await allProjectRows(ctx, m, { key: 'code', dir: 'asc' }) };
}
