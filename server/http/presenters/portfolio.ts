import type { PortfolioOverview } from '../../domain/portfolio';
import { PROJECT_STATUSES } from '../../records';
import { formatGbp, formatShort, plural } from './format';
import { PROJECT_STATUS_LABELS } from './labels';
import { presentDirectorateRow } from './directorates';
import { presentTotals } from './totals';

export function presentPortfolio(o: PortfolioOverview) {
  const t = o.totals;
  return {
    isEmpty: o.directorates.length === 0,
    projectCount: o.projectCount,
    directorateCount: o.directorates.length,
    tiles: [
      {
        label: 'Projects',
        value: String(o.projectCount),
        title: plural(o.projectCount, 'project'),
        note: `in ${plural(o.directorates.length, 'directorate')}`,
      },
      {
        label: 'Planned cost',
        value: formatShort(t.plannedCosts),
        title: formatGbp(t.plannedCosts),
        note: 'all years, as budgeted',
      },
      {
        label: 'Spent to date',
        value: formatShort(t.actualCosts),
        title: formatGbp(t.actualCosts),
        note: 'actual outturn recorded',
      },
      {
        label: 'Benefits expected',
        value: formatShort(t.expectedBenefits),
        title: formatGbp(t.expectedBenefits),
        note: 'money benefits, all years',
      },
      {
        label: 'Benefits realised',
        value: formatShort(t.realisedBenefits),
        title: formatGbp(t.realisedBenefits),
        note: 'recorded as realised, all years',
      },
    ],
    byStatus: PROJECT_STATUSES.filter((s) => o.byStatus[s]).map((s) => ({
      status: s,
      label: PROJECT_STATUS_LABELS[s],
      count: o.byStatus[s]!,
    })),
    directorates: o.directorates.map(presentDirectorateRow),
    totals: presentTotals(t),
  };
}
