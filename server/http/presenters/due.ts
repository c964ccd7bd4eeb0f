/**
 * "What's due" (issue 17) for the home pages and `GET /api/v1/me/due`: every item with the link
 * to the form that clears it. Money as C1 strings: £ on pages, 2-decimal strings in the API (C7).
 */
import type { DueToday } from '../../domain/due';
import { toApiMoney } from '../../money';
import { formatDate, formatGbp, fyLabel, plural } from './format';
import { PROJECT_STATUS_LABELS } from './labels';
import { presentReviewRow, REVIEW_KIND_LABELS } from './reviews';

const project = (code: string) => `/projects/${encodeURIComponent(code)}`;
const benefit = (code: string, ref: string) => `${project(code)}/benefits/${encodeURIComponent(ref)}`;

/** The forms that clear each kind of item. */
export const CLEAR_LINKS = {
  realisation: (code: string, ref: string) => `${benefit(code, ref)}/realisations/new`,
  reforecast: (code: string, ref: string) => `${benefit(code, ref)}/reforecasts/new`,
  review: (id: number) => `/reviews/${id}/edit`,
  // The realisation's own page holds the verify form (C10).
  verify: (code: string, ref: string, id: number) => `${benefit(code, ref)}/realisations/${id}#f-grade`,
  costs: (code: string) => `${project(code)}/costs/new`,
  overBudget: (code: string) => `${project(code)}#costs`,
};

/** The API's lists: the same items and links as the home pages. */
export function dueResource(d: DueToday, digest: string | null) {
  const list = <T, U>(l: { items: T[]; count: number } | undefined, f: (t: T) => U) =>
    l ? { count: l.count, items: l.items.map(f) } : undefined;
  return {
    role: d.role,
    today: d.today,
    digest,
    projects: d.projects?.map((p) => ({ code: p.code, name: p.name, status: p.status })),
    realisationsDue: list(d.realisationsDue, (r) => ({
      projectCode: r.projectCode,
      benefitRef: r.benefitRef,
      year: fyLabel(r.fy),
      expected: toApiMoney(r.expected),
      href: CLEAR_LINKS.realisation(r.projectCode, r.benefitRef),
    })),
    reforecastsDue: list(d.reforecastsDue, (r) => ({
      projectCode: r.projectCode,
      benefitRef: r.benefitRef,
      lastReforecastAt: r.lastAt,
      href: CLEAR_LINKS.reforecast(r.projectCode, r.benefitRef),
    })),
    reviewsDue: list(d.reviewsDue, (r) => ({
      id: r.id,
      projectCode: r.projectCode,
      kind: r.kind,
      dueOn: r.dueOn,
      overdue: r.dueOn < d.today,
      href: CLEAR_LINKS.review(r.id),
    })),
    directorates: d.directorates?.map((x) => ({ code: x.code, name: x.name })),
    awaitingVerification: list(d.awaitingVerification, (r) => ({
      realisationId: r.id,
      projectCode: r.projectCode,
      benefitRef: r.benefitRef,
      year: fyLabel(r.fy),
      amount: toApiMoney(r.amount),
      recordedBy: r.recordedBy,
      href: CLEAR_LINKS.verify(r.projectCode, r.benefitRef, r.id),
    })),
    staleCosts: list(d.staleCosts, (r) => ({
      projectCode: r.projectCode,
      lastUpdated: r.lastUpdated,
      href: CLEAR_LINKS.costs(r.projectCode),
    })),
    overBudget: list(d.overBudget, (r) => ({
      projectCode: r.project.code,
      planned: toApiMoney(r.planned),
      actual: toApiMoney(r.actual),
      variance: toApiMoney(r.variance),
      href: CLEAR_LINKS.overBudget(r.project.code),
    })),
    exceptions: d.exceptions,
  };
}

const MONEY_COLUMNS = ['Expected', 'Amount', 'Planned to date', 'Actual to date', 'Over by'];

export interface DueSection {
  id: string;
  heading: string;
  /** "3 realisations due" (exact, even when the list is cut at its limit). */
  summary: string;
  empty: string;
  columns: string[];
  /** Money columns, right-aligned (by position). */
  numeric: number[];
  rows: { cells: string[]; link: { href: string; text: string } }[];
  more: number;
}

function section<T>(
  id: string,
  heading: string,
  l: { items: T[]; count: number } | undefined,
  noun: [string, string],
  empty: string,
  columns: string[],
  row: (t: T) => DueSection['rows'][number],
): DueSection[] {
  if (!l) return [];
  return [
    {
      id,
      heading,
      summary: plural(l.count, noun[0], noun[1]),
      empty,
      columns,
      numeric: columns.flatMap((c, i) => (MONEY_COLUMNS.includes(c) ? [i] : [])),
      rows: l.items.map(row),
      more: l.count - l.items.length,
    },
  ];
}

export function presentDue(d: DueToday, digest: string | null) {
  const sections: DueSection[] = [
    ...section(
      'realisations-due',
      'Realisations due',
      d.realisationsDue,
      ['realisation due', 'realisations due'],
      'No realisation is due: every finished year with a profiled amount has one recorded.',
      ['Project', 'Benefit', 'Year', 'Expected'],
      (r) => ({
        cells: [
          `${r.projectName} (${r.projectCode})`,
          `${r.benefitRef}: ${r.benefitTitle}`,
          fyLabel(r.fy),
          formatGbp(r.expected),
        ],
        link: {
          href: CLEAR_LINKS.realisation(r.projectCode, r.benefitRef),
          text: `Record ${r.benefitRef} for ${fyLabel(r.fy)}`,
        },
      }),
    ),
    ...section(
      'reforecasts-due',
      'Re-forecasts older than a quarter',
      d.reforecastsDue,
      ['re-forecast to refresh', 're-forecasts to refresh'],
      'Every re-forecast is less than a quarter old.',
      ['Project', 'Benefit', 'Last re-forecast'],
      (r) => ({
        cells: [`${r.projectName} (${r.projectCode})`, `${r.benefitRef}: ${r.benefitTitle}`, formatDate(r.lastAt)],
        link: { href: CLEAR_LINKS.reforecast(r.projectCode, r.benefitRef), text: `Re-forecast ${r.benefitRef}` },
      }),
    ),
    ...section(
      'reviews-due',
      'Reviews due',
      d.reviewsDue,
      ['review due', 'reviews due'],
      'No review is due in the next 30 days.',
      ['Project', 'Review', 'Due'],
      (r) => {
        const vm = presentReviewRow(r, d.today);
        return {
          cells: [
            `${r.projectName} (${r.projectCode})`,
            REVIEW_KIND_LABELS[r.kind],
            vm.overdue ? `${vm.due} (overdue)` : vm.due,
          ],
          link: {
            href: CLEAR_LINKS.review(r.id),
            text: `Record the ${REVIEW_KIND_LABELS[r.kind].toLowerCase()} of ${r.projectCode}`,
          },
        };
      },
    ),
    ...section(
      'awaiting-verification',
      'Realisations awaiting verification',
      d.awaitingVerification,
      ['realisation awaiting verification', 'realisations awaiting verification'],
      'Every realisation recorded by someone else is verified.',
      ['Project', 'Benefit', 'Year', 'Amount', 'Recorded by'],
      (r) => ({
        cells: [
          `${r.projectName} (${r.projectCode})`,
          `${r.benefitRef}: ${r.benefitTitle}`,
          fyLabel(r.fy),
          formatGbp(r.amount),
          r.recordedBy,
        ],
        link: {
          href: CLEAR_LINKS.verify(r.projectCode, r.benefitRef, r.id),
          text: `Verify ${r.benefitRef} ${fyLabel(r.fy)}`,
        },
      }),
    ),
    ...section(
      'stale-costs',
      'Cost lines not updated this quarter',
      d.staleCosts,
      ['project', 'projects'],
      'Every project in delivery or live has had its costs updated this quarter.',
      ['Project', 'Costs last changed'],
      (r) => ({
        cells: [`${r.projectName} (${r.projectCode})`, r.lastUpdated ? formatDate(r.lastUpdated) : 'No cost lines'],
        link: { href: CLEAR_LINKS.costs(r.projectCode), text: `Add actual costs to ${r.projectCode}` },
      }),
    ),
    ...section(
      'over-budget',
      'Projects over budget',
      d.overBudget,
      ['project over budget', 'projects over budget'],
      'No project has spent more than planned to date.',
      ['Project', 'Planned to date', 'Actual to date', 'Over by'],
      (r) => ({
        cells: [
          `${r.project.name} (${r.project.code})`,
          formatGbp(r.planned),
          formatGbp(r.actual),
          formatGbp(r.variance),
        ],
        link: { href: CLEAR_LINKS.overBudget(r.project.code), text: `Review the costs of ${r.project.code}` },
      }),
    ),
  ];
  const e = d.exceptions;
  return {
    role: d.role,
    digest,
    projects: (d.projects ?? []).map((p) => ({
      code: p.code,
      name: p.name,
      href: project(p.code),
      status: PROJECT_STATUS_LABELS[p.status],
    })),
    directorates: (d.directorates ?? []).map((x) => ({
      code: x.code,
      name: x.name,
      href: `/directorates/${encodeURIComponent(x.code)}`,
    })),
    sections,
    exceptions: e
      ? [
          { label: 'Reviews overdue', value: e.reviewsOverdue, href: '/reviews?overdue=true' },
          { label: 'Reviews due in 30 days', value: e.reviewsDue, href: '/reviews' },
          { label: 'Realisations due', value: e.realisationsDue, href: null },
          { label: 'Awaiting verification', value: e.awaitingVerification, href: null },
          { label: 'Costs not updated this quarter', value: e.staleCosts, href: null },
          { label: 'Projects over budget', value: e.overBudget, href: '/projects?sort=variance&dir=desc' },
          { label: 'Re-forecasts older than a quarter', value: e.reforecastsDue, href: null },
        ].map((x) => ({ ...x, text: x.value.toLocaleString('en-GB') }))
      : null,
  };
}
