/**
 * Read-only views across assessments (issue 18): the blueprint heat map (dimensions × directorates
 * from each directorate's latest approved assessment), a directorate's assessment section (latest,
 * trend, open and overdue actions), the board report's section and the dashboard's overdue flag,
 * and the CSV/xlsx exports. Scores are exact (C11); presenters round them.
 */
import * as directoratesRepo from '../repositories/directorates';
import type { Decimal } from '../money';
import type { TableSpec } from '../io/write-table';
import { scoreText } from '../finance/assessment-scores';
import { todayUkIso } from '../financial-year';
import type { Assessment, Directorate, ImprovementAction } from '../records';
import { getFramework, latestFramework } from './assessment-frameworks';
import { getAssessment, listAssessments, type AssessmentDetail } from './assessments';
import { isOverdue, listActions, LIVE_STATUSES } from './improvement-actions';
import type { Ctx } from './types';

// ## The blueprint heat map

export interface HeatmapRow {
  directorate: Directorate;
  /** The latest approved assessment, or null: never assessed (approved). */
  assessment: Assessment | null;
  /** Dimension code → score (null: no answers in that dimension, or not in that framework version). */
  scores: Map<string, Decimal | null>;
  /** Dimension codes the assessment's framework version lacks. */
  absent: Set<string>;
  overall: Decimal | null;
}

export interface Heatmap {
  dimensions: { code: string; name: string }[];
  rows: HeatmapRow[];
}

/**
 * Columns: the latest framework's dimensions, then any other dimension code an assessment shown
 * uses (matched by code across framework versions). Rows: every directorate, by name.
 */
export async function getHeatmap(ctx: Ctx): Promise<Heatmap> {
  const directorates = await directoratesRepo.listAll(ctx.db);
  const approved = await listAssessments(ctx, { status: 'approved' });
  const latest = await latestFramework(ctx);
  const dimensions = (latest?.dimensions ?? []).map((d) => ({ code: d.code, name: d.name }));
  const rows = directorates.map((directorate): HeatmapRow => {
    // listAssessments is newest first.
    const detail = approved.find((x) => x.assessment.directorateId === directorate.id) ?? null;
    const scores = new Map<string, Decimal | null>();
    if (detail) {
      detail.framework.dimensions.forEach((d, i) => {
        scores.set(d.code, detail.scores.dimensions[i].score);
        if (!dimensions.some((x) => x.code === d.code)) dimensions.push({ code: d.code, name: d.name });
      });
    }
    return {
      directorate,
      assessment: detail?.assessment ?? null,
      scores,
      absent: new Set(),
      overall: detail?.scores.overall ?? null,
    };
  });
  for (const r of rows) if (r.assessment) for (const d of dimensions) if (!r.scores.has(d.code)) r.absent.add(d.code);
  return { dimensions, rows };
}

// ## A directorate's section (its page and the board report)

export interface DirectorateAssessments {
  directorate: Directorate;
  /** The latest approved assessment with its scores. */
  latest: AssessmentDetail | null;
  /** A draft or submitted assessment newer than the latest approved one, if any. */
  inProgress: Assessment | null;
  /** Approved assessments, oldest first, with their overall scores: the trend. */
  trend: { assessment: Assessment; overall: Decimal | null }[];
  openActions: ImprovementAction[];
  overdueActions: ImprovementAction[];
}

export async function getDirectorateAssessments(ctx: Ctx, directorate: Directorate): Promise<DirectorateAssessments> {
  const all = await listAssessments(ctx, { directorateCode: directorate.code });
  const approved = all.filter((x) => x.assessment.status === 'approved');
  const latest = approved[0] ? await getAssessment(ctx, approved[0].assessment.id) : null;
  const inProgress =
    all.find(
      (x) => x.assessment.status !== 'approved' && (!latest || x.assessment.assessedOn >= latest.assessment.assessedOn),
    )?.assessment ?? null;
  const open = await listActions(ctx, { directorateCode: directorate.code });
  const live = open.filter((a) => LIVE_STATUSES.includes(a.status));
  const today = todayUkIso();
  return {
    directorate,
    latest,
    inProgress,
    trend: [...approved].reverse().map((x) => ({ assessment: x.assessment, overall: x.scores.overall })),
    openActions: live,
    overdueActions: live.filter((a) => isOverdue(a, today)),
  };
}

/** Every directorate's section (or the one named), for the board report. */
export async function getAssessmentsReport(ctx: Ctx, directorateCode?: string): Promise<DirectorateAssessments[]> {
  const all = await directoratesRepo.listAll(ctx.db);
  const chosen = directorateCode ? all.filter((d) => d.code === directorateCode.toUpperCase()) : all;
  const out: DirectorateAssessments[] = [];
  for (const d of chosen) out.push(await getDirectorateAssessments(ctx, d));
  return out;
}

/** The dashboard's flag: how many actions are overdue, and the first few. */
export async function getOverdueActions(ctx: Ctx): Promise<ImprovementAction[]> {
  return listActions(ctx, { overdue: true });
}

// ## Exports: one row per statement answer; one row per action

const text = (header: string) => ({ header, kind: 'text' as const });

export async function assessmentAnswersTable(ctx: Ctx): Promise<TableSpec> {
  const list = await listAssessments(ctx);
  const rows: (string | null)[][] = [];
  for (const { assessment: a } of [...list].reverse()) {
    const d = await getAssessment(ctx, a.id);
    const byStatement = new Map(d.answers.map((x) => [x.statementId, x]));
    d.framework.dimensions.forEach((dim, i) => {
      for (const s of dim.statements) {
        const ans = byStatement.get(s.id);
        rows.push([
          String(a.id),
          a.directorateCode,
          a.assessedOn,
          a.status,
          a.assessors,
          d.framework.code,
          String(d.framework.versionNo),
          dim.code,
          dim.name,
          s.code,
          s.text,
          ans?.score === null || ans?.score === undefined ? null : String(ans.score),
          ans?.evidence ?? '',
          scoreText(d.scores.dimensions[i].score, 2),
          scoreText(d.scores.overall, 2),
        ]);
      }
    });
  }
  return {
    name: 'Assessment answers',
    columns: [
      { header: 'assessment id', kind: 'integer' },
      text('directorate code'),
      text('assessed on'),
      text('status'),
      text('assessors'),
      text('framework code'),
      { header: 'framework version', kind: 'integer' },
      text('dimension code'),
      text('dimension'),
      text('statement code'),
      text('statement'),
      { header: 'score', kind: 'integer' },
      text('evidence'),
      // C11: 2 decimals in exports.
      { header: 'dimension score', kind: 'decimal', places: 2 },
      { header: 'overall score', kind: 'decimal', places: 2 },
    ],
    rows: [rows],
  };
}

export async function improvementActionsTable(ctx: Ctx): Promise<TableSpec> {
  const list = await listActions(ctx);
  const today = todayUkIso();
  return {
    name: 'Improvement actions',
    columns: [
      { header: 'action id', kind: 'integer' },
      { header: 'assessment id', kind: 'integer' },
      text('directorate code'),
      text('dimension code'),
      text('dimension'),
      text('title'),
      text('owner'),
      text('due on'),
      text('status'),
      text('overdue'),
      text('project codes'),
    ],
    rows: [
      list.map((a) => [
        String(a.id),
        String(a.assessmentId),
        a.directorateCode,
        a.dimensionCode,
        a.dimensionName,
        a.title,
        a.owner,
        a.dueOn,
        a.status,
        isOverdue(a, today) ? 'yes' : 'no',
        a.projectCodes.join(' '),
      ]),
    ],
  };
}

export { getFramework };
