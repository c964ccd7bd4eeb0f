/**
 * The API's assessment resources (issue 18): frameworks with their codes, assessments with C11
 * scores as strings with 2 decimals (half-up) and counts of answered and unanswered statements,
 * improvement actions, and the heat map.
 */
import { scoreText } from '../../finance/assessment-scores';
import type { AssessmentDetail } from '../../domain/assessments';
import type { Heatmap } from '../../domain/assessment-views';
import { todayUkIso } from '../../financial-year';
import { isActionOverdue, type Framework, type ImprovementAction } from '../../records';

export function frameworkResource(f: Framework) {
  return {
    id: f.id,
    code: f.code,
    versionNo: f.versionNo,
    name: f.name,
    description: f.description,
    version: f.version,
    createdAt: f.createdAt,
    dimensions: f.dimensions.map((d) => ({
      code: d.code,
      name: d.name,
      statements: d.statements.map((s) => ({ code: s.code, text: s.text, levels: s.levels })),
    })),
  };
}

export function frameworkSummary(f: Framework) {
  const { dimensions, ...rest } = frameworkResource(f);
  return { ...rest, dimensionCount: dimensions.length };
}

export function assessmentResource(d: AssessmentDetail) {
  const a = d.assessment;
  const notes = new Map(d.notes.map((n) => [n.dimensionId, n]));
  const answers = new Map(d.answers.map((x) => [x.statementId, x]));
  return {
    id: a.id,
    directorateCode: a.directorateCode,
    frameworkId: d.framework.id,
    frameworkCode: d.framework.code,
    frameworkVersionNo: d.framework.versionNo,
    assessedOn: a.assessedOn,
    assessors: a.assessors.split('; '),
    status: a.status,
    returnComment: a.returnComment || null,
    submittedBy: a.submittedBy || null,
    submittedAt: a.submittedAt,
    approvedBy: a.approvedBy || null,
    approvedAt: a.approvedAt,
    // C11: 2 decimals in the API; null where a dimension has no answers.
    overall: scoreText(d.scores.overall, 2),
    answered: d.scores.answered,
    unanswered: d.scores.unanswered,
    dimensions: d.framework.dimensions.map((dim, i) => ({
      code: dim.code,
      name: dim.name,
      score: scoreText(d.scores.dimensions[i].score, 2),
      answered: d.scores.dimensions[i].answered,
      unanswered: d.scores.dimensions[i].unanswered,
      strengths: notes.get(dim.id)?.strengths ?? '',
      weaknesses: notes.get(dim.id)?.weaknesses ?? '',
    })),
    answers: d.framework.dimensions.flatMap((dim) =>
      dim.statements.map((s) => ({
        statement: s.code,
        dimension: dim.code,
        text: s.text,
        score: answers.get(s.id)?.score ?? null,
        evidence: answers.get(s.id)?.evidence ?? '',
      })),
    ),
    version: a.version,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export function actionResource(a: ImprovementAction) {
  return {
    id: a.id,
    assessmentId: a.assessmentId,
    directorateCode: a.directorateCode,
    dimensionCode: a.dimensionCode,
    title: a.title,
    owner: a.owner,
    dueOn: a.dueOn,
    status: a.status,
    overdue: isActionOverdue(a, todayUkIso()),
    projectCodes: a.projectCodes,
    version: a.version,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export function heatmapResource(h: Heatmap) {
  return {
    dimensions: h.dimensions,
    directorates: h.rows.map((r) => ({
      code: r.directorate.code,
      name: r.directorate.name,
      assessed: r.assessment !== null,
      assessmentId: r.assessment?.id ?? null,
      assessedOn: r.assessment?.assessedOn ?? null,
      overall: scoreText(r.overall, 2),
      scores: Object.fromEntries(
        h.dimensions.map((d) => [d.code, r.absent.has(d.code) ? null : scoreText(r.scores.get(d.code) ?? null, 2)]),
      ),
    })),
  };
}
