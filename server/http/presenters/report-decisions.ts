/** The board paper's "Decisions since the last edition" (issue 15, C9) as display strings. */
import type { ReportDecisions } from '../../domain/report-decisions';
import { DECISION_KIND_LABELS, REASON_CODE_LABELS } from './decisions';
import { formatDate, plural } from './format';

export function presentReportDecisions(d: ReportDecisions) {
  const period = d.since
    ? `recorded since edition ${d.since.id} was published on ${formatDate(d.since.publishedAt.slice(0, 10))}`
    : `taken since ${formatDate(d.decidedFrom!)} (no edition has been published with these filters yet)`;
  return {
    intro:
      d.total === 0
        ? `No approval or re-baseline has been ${period}.`
        : `${plural(d.total, 'decision')} ${period}${d.total > d.decisions.length ? `; the ${d.decisions.length} most recent are listed, the rest are on each project's page` : ''}.`,
    caption: `Approvals and re-baselines ${period}`,
    rows: d.decisions.map((x) => ({
      name: x.projectName,
      code: x.projectCode,
      href: `/projects/${encodeURIComponent(x.projectCode)}#decisions`,
      directorate: x.directorateName,
      decision:
        x.kind === 'approval'
          ? `${DECISION_KIND_LABELS.approval} (baseline 1)`
          : `${DECISION_KIND_LABELS.rebaseline} to baseline ${x.baselineNumber}: ${x.reasonCode ? REASON_CODE_LABELS[x.reasonCode].toLowerCase() : 'no reason given'}`,
      decided: `${formatDate(x.decidedOn)}, ${x.decidedBy}${x.reference ? ` (${x.reference})` : ''}`,
      note: x.note,
    })),
  };
}

export type ReportDecisionsView = ReturnType<typeof presentReportDecisions>;
