/**
 * Assessment pages (issue 18): list rows, the assessment page with its radar chart (against the
 * directorate's previous approved assessment) and table alternative, the blueprint heat map, the
 * directorate section, the board report section and the actions. C11: scores to 1 decimal on pages.
 */
import type { Decimal } from '../../money';
import { formatGbp } from '../../money';
import { scoreText } from '../../finance/assessment-scores';
import { todayUkIso } from '../../financial-year';
import { isActionOverdue, type Assessment, type AssessmentStatus, type ImprovementAction } from '../../records';
import type { AssessmentDetail, AssessmentPermissions } from '../../domain/assessments';
import type { DirectorateAssessments, Heatmap } from '../../domain/assessment-views';
import type { ActionDetail } from '../../domain/improvement-actions';
import { RAG_WORDS, type ChartVm } from './charts';
import { formatDate, realisationText } from './format';

export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted for approval',
  approved: 'Approved',
};
const STATUS_TAG: Record<AssessmentStatus, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  approved: 'govuk-tag--green',
};
export const ACTION_STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

/** C11 on pages: 1 decimal place, half-up; a dimension with no answers has no score. */
export function scoreOnPage(score: Decimal | null): string {
  return scoreText(score, 1) ?? 'No score';
}

/** Heat map band from the score as shown (1 dp), so the colour and the figure never disagree. */
function band(score: Decimal | null): string {
  const shown = scoreText(score, 1);
  if (shown === null) return 'none';
  const n = Number(shown);
  return n < 1.5 ? '1' : n < 2.5 ? '2' : n < 3.5 ? '3' : n < 4.5 ? '4' : '5';
}

export function assessmentHref(id: number): string {
  return `/assessments/${id}`;
}

function status(a: Assessment) {
  return { text: ASSESSMENT_STATUS_LABELS[a.status], tagClass: STATUS_TAG[a.status] };
}

export function presentAssessmentRow(d: AssessmentDetail) {
  const a = d.assessment;
  return {
    id: a.id,
    href: assessmentHref(a.id),
    directorate: a.directorateName,
    directorateCode: a.directorateCode,
    assessedOn: formatDate(a.assessedOn),
    status: status(a),
    framework: `${d.framework.name} (version ${d.framework.versionNo})`,
    overall: scoreOnPage(d.scores.overall),
    answered: `${d.scores.answered} of ${d.scores.answered + d.scores.unanswered}`,
  };
}

function radarChart(d: AssessmentDetail, previous: AssessmentDetail | null): ChartVm {
  const dims = d.framework.dimensions;
  const prevScore = (code: string) => {
    if (!previous) return null;
    const i = previous.framework.dimensions.findIndex((x) => x.code === code);
    return i < 0 ? null : previous.scores.dimensions[i].score;
  };
  const point = (s: Decimal | null) => (s === null ? null : Number(scoreText(s, 2)));
  const thisLabel = `This assessment (${formatDate(d.assessment.assessedOn)})`;
  const prevLabel = previous ? `Previous approved (${formatDate(previous.assessment.assessedOn)})` : '';
  const datasets = [
    {
      label: thisLabel,
      series: 'assessmentCurrent',
      data: d.scores.dimensions.map((x) => point(x.score)),
      formatted: d.scores.dimensions.map((x) => scoreOnPage(x.score)),
    },
  ];
  if (previous)
    datasets.push({
      label: prevLabel,
      series: 'assessmentPrevious',
      data: dims.map((x) => point(prevScore(x.code))),
      formatted: dims.map((x) => scoreOnPage(prevScore(x.code))),
    });
  const spec = { type: 'radar', labels: dims.map((x) => x.name), datasets, axes: { r: { min: 0, max: 5 } } };
  // The radar spec: charts.js draws type "radar" on a 0–5 scale.
  return {
    id: 'chart-assessment-radar',
    title: 'Dimension scores',
    summary: previous
      ? `Score of each dimension from 1 to 5, this assessment against the directorate's previous approved assessment of ${formatDate(previous.assessment.assessedOn)}. Overall ${scoreOnPage(d.scores.overall)} (previously ${scoreOnPage(previous.scores.overall)}).`
      : `Score of each dimension from 1 to 5. Overall ${scoreOnPage(d.scores.overall)}. There is no earlier approved assessment of this directorate to compare with.`,
    size: 'l',
    json: JSON.stringify(spec),
    table: {
      caption: 'Dimension scores (mean of answered statements, 1 to 5)',
      head: ['Dimension', thisLabel, ...(previous ? [prevLabel] : []), 'Statements answered'],
      numeric: [false, true, ...(previous ? [true] : []), true],
      rows: dims.map((x, i) => [
        { text: x.name },
        { text: scoreOnPage(d.scores.dimensions[i].score) },
        ...(previous ? [{ text: scoreOnPage(prevScore(x.code)) }] : []),
        {
          text: `${d.scores.dimensions[i].answered} of ${d.scores.dimensions[i].answered + d.scores.dimensions[i].unanswered}`,
        },
      ]),
    },
  };
}

export function presentAssessment(
  d: AssessmentDetail,
  previous: AssessmentDetail | null,
  actions: ImprovementAction[],
  may: AssessmentPermissions,
) {
  const a = d.assessment;
  const notes = new Map(d.notes.map((n) => [n.dimensionId, n]));
  const answers = new Map(d.answers.map((x) => [x.statementId, x]));
  const today = todayUkIso();
  return {
    id: a.id,
    version: a.version,
    title: `${a.directorateName}: assessment of ${formatDate(a.assessedOn)}`,
    directorate: { code: a.directorateCode, name: a.directorateName },
    status: status(a),
    isDraft: a.status === 'draft',
    summary: [
      { key: 'Directorate', value: a.directorateName, href: `/directorates/${encodeURIComponent(a.directorateCode)}` },
      { key: 'Assessed on', value: formatDate(a.assessedOn) },
      { key: 'Assessors', value: a.assessors },
      {
        key: 'Framework',
        value: `${d.framework.name} (version ${d.framework.versionNo})`,
        href: `/assessment-frameworks/${d.framework.id}`,
      },
      { key: 'Status', value: ASSESSMENT_STATUS_LABELS[a.status] },
      ...(a.submittedBy ? [{ key: 'Submitted by', value: a.submittedBy }] : []),
      ...(a.approvedBy ? [{ key: 'Approved by', value: a.approvedBy }] : []),
      {
        key: 'Overall score',
        value: `${scoreOnPage(d.scores.overall)} (mean of the dimension scores; ${d.scores.unanswered} statement${d.scores.unanswered === 1 ? '' : 's'} unanswered)`,
      },
    ],
    returnComment: a.returnComment,
    radar: radarChart(d, previous),
    previousHref: previous ? assessmentHref(previous.assessment.id) : null,
    dimensions: d.framework.dimensions.map((dim, i) => ({
      code: dim.code,
      name: dim.name,
      score: scoreOnPage(d.scores.dimensions[i].score),
      answered: d.scores.dimensions[i].answered,
      unanswered: d.scores.dimensions[i].unanswered,
      strengths: notes.get(dim.id)?.strengths ?? '',
      weaknesses: notes.get(dim.id)?.weaknesses ?? '',
      statements: dim.statements.map((s) => {
        const ans = answers.get(s.id);
        const score = ans?.score ?? null;
        return {
          code: s.code,
          text: s.text,
          levels: s.levels,
          score: score === null ? 'Unanswered' : String(score),
          descriptor: score === null ? '' : s.levels[score - 1],
          evidence: ans?.evidence ?? '',
        };
      }),
    })),
    actions: actions.map((x) => presentActionRow(x, today)),
    may,
  };
}

export function presentActionRow(a: ImprovementAction, today = todayUkIso()) {
  return {
    id: a.id,
    href: `/improvement-actions/${a.id}`,
    title: a.title,
    owner: a.owner,
    dueOn: formatDate(a.dueOn),
    status: ACTION_STATUS_LABELS[a.status],
    overdue: isActionOverdue(a, today),
    dimension: a.dimensionName,
    directorateCode: a.directorateCode,
    projects: a.projectCodes.join(', '),
    assessmentHref: assessmentHref(a.assessmentId),
  };
}

export function presentActionDetail(d: ActionDetail) {
  const a = d.action;
  return {
    ...presentActionRow(a),
    version: a.version,
    overdue: d.overdue,
    mayEdit: d.mayEdit,
    projects: d.projects.map((p) => ({
      code: p.project.code,
      name: p.project.name,
      href: `/projects/${encodeURIComponent(p.project.code)}`,
      npv: p.views ? formatGbp(p.views.forecast.npv) : 'Not available',
      negative: p.views ? p.views.forecast.npv.isNeg() : false,
      realisation: p.views ? realisationText(p.views.realisation.ratio) : 'Not available',
      rag: p.views?.realisation.rag ?? 'none',
      ragText: RAG_WORDS[p.views?.realisation.rag ?? 'none'],
    })),
  };
}

export function presentHeatmap(h: Heatmap) {
  return {
    dimensions: h.dimensions,
    rows: h.rows.map((r) => ({
      name: r.directorate.name,
      href: `/directorates/${encodeURIComponent(r.directorate.code)}`,
      assessed: r.assessment !== null,
      assessmentHref: r.assessment ? assessmentHref(r.assessment.id) : null,
      assessedOn: r.assessment ? formatDate(r.assessment.assessedOn) : 'Never assessed',
      overall: r.assessment ? { text: scoreOnPage(r.overall), band: band(r.overall) } : null,
      cells: h.dimensions.map((d) =>
        !r.assessment
          ? { text: '–', band: 'never', label: 'never assessed' }
          : r.absent.has(d.code)
            ? { text: 'Not in framework', band: 'none', label: 'not in that framework version' }
            : {
                text: scoreOnPage(r.scores.get(d.code) ?? null),
                band: band(r.scores.get(d.code) ?? null),
                label: '',
              },
      ),
    })),
  };
}

export function presentDirectorateAssessments(x: DirectorateAssessments) {
  const today = todayUkIso();
  return {
    code: x.directorate.code,
    name: x.directorate.name,
    latest: x.latest
      ? {
          href: assessmentHref(x.latest.assessment.id),
          assessedOn: formatDate(x.latest.assessment.assessedOn),
          overall: scoreOnPage(x.latest.scores.overall),
          dimensions: x.latest.framework.dimensions.map((d, i) => ({
            name: d.name,
            score: scoreOnPage(x.latest!.scores.dimensions[i].score),
          })),
        }
      : null,
    inProgress: x.inProgress
      ? {
          href: assessmentHref(x.inProgress.id),
          text: `${ASSESSMENT_STATUS_LABELS[x.inProgress.status]} assessment of ${formatDate(x.inProgress.assessedOn)}`,
        }
      : null,
    trend: x.trend.map((t) => ({
      href: assessmentHref(t.assessment.id),
      assessedOn: formatDate(t.assessment.assessedOn),
      overall: scoreOnPage(t.overall),
    })),
    openCount: x.openActions.length,
    overdueCount: x.overdueActions.length,
    openActions: x.openActions.map((a) => presentActionRow(a, today)),
  };
}

export function presentOverdueFlag(actions: ImprovementAction[]) {
  return actions.length === 0
    ? null
    : {
        count: actions.length,
        text: `${actions.length} improvement action${actions.length === 1 ? ' is' : 's are'} overdue`,
        href: '/improvement-actions?overdue=true',
        first: actions.slice(0, 5).map((a) => presentActionRow(a)),
      };
}

/** The board report's section: every directorate (or the one filtered), and the overdue actions among them. */
export function presentAssessmentsReport(list: DirectorateAssessments[]) {
  const directorates = list.map(presentDirectorateAssessments);
  return { directorates, overdue: list.flatMap((x) => x.overdueActions.map((a) => presentActionRow(a))) };
}
