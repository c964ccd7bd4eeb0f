/** Council priorities (issue 19): the list, and the page of figures per priority (pages: £; API: C7 strings). */
import type { PrioritiesOverview, Priority } from '../../domain/priorities';
import { toApiMoney, toFixedString } from '../../money';
import { conflictPresenter, fyLabel, moneyCell, plural, realisationText } from './format';
import type { TableSpec } from '../../io/write-table';
import { col, downloadLinks } from './view-downloads';

export function presentPrioritiesPage(o: PrioritiesOverview, list: (Priority & { projectCount: number })[]) {
  const ids = new Map(list.map((p) => [p.name, p.id]));
  return {
    asAtYear: fyLabel(o.asAtFy),
    download: downloadLinks('/priorities', '', 'the council priorities'),
    rows: o.priorities.map((p) => ({
      id: ids.get(p.name) ?? null,
      name: p.name || 'No priority recorded',
      description: list.find((l) => l.name === p.name)?.description ?? '',
      projects: plural(p.projectCount, 'project'),
      registerHref: p.name ? `/benefits?priority=${encodeURIComponent(p.name)}` : null,
      cells: [
        moneyCell(p.figures.forecast.totals.costs),
        moneyCell(p.figures.toDate.totals.costs),
        moneyCell(p.figures.forecast.npv),
      ],
      bcr: toFixedString(p.figures.forecast.bcr, 2) ?? '—',
      realisation: realisationText(p.figures.realisation.ratio),
      baseYear: fyLabel(p.baseFy),
    })),
  };
}

export function prioritiesResource(o: PrioritiesOverview) {
  return {
    asAt: o.asAt,
    priorities: o.priorities.map((p) => ({
      name: p.name,
      projectCount: p.projectCount,
      baseYear: fyLabel(p.baseFy),
      wholeLifeCost: toApiMoney(p.figures.forecast.totals.costs),
      spentToDate: toApiMoney(p.figures.toDate.totals.costs),
      forecastNpv: toApiMoney(p.figures.forecast.npv),
      forecastBcr: toFixedString(p.figures.forecast.bcr, 4),
      realisation: toFixedString(p.figures.realisation.ratio, 4),
      expectedToDate: toApiMoney(p.figures.realisation.expectedToDate),
      realisedToDate: toApiMoney(p.figures.realisation.realisedToDate),
    })),
  };
}

export const presentPriorityConflict = conflictPresenter<Priority>((p) => ({
  Name: p.name,
  Description: p.description || '–',
}));

/** "Download this view" of the priorities page (issue 19): the table's rows, readable headings. */
export function prioritiesTable(o: PrioritiesOverview, list: Priority[]): TableSpec {
  const r = prioritiesResource(o);
  return {
    name: 'Council priorities',
    columns: [
      col('Priority'),
      col('Description'),
      col('Projects', 'integer'),
      col('Base year', 'fy'),
      col('Whole-life cost, forecast (£)', 'money'),
      col('Spent to date (£)', 'money'),
      col('Forecast NPV (£)', 'money'),
      col('Forecast BCR', 'decimal', 4),
      col(`Expected to date, to ${fyLabel(o.asAtFy)} (£)`, 'money'),
      col(`Realised to date, to ${fyLabel(o.asAtFy)} (£)`, 'money'),
      col('Benefits realised (ratio)', 'decimal', 4),
    ],
    rows: [
      r.priorities.map((p) => [
        p.name || 'No priority recorded',
        list.find((l) => l.name === p.name)?.description ?? '',
        String(p.projectCount),
        p.baseYear,
        p.wholeLifeCost,
        p.spentToDate,
        p.forecastNpv,
        p.forecastBcr,
        p.expectedToDate,
        p.realisedToDate,
        p.realisation,
      ]),
    ],
  };
}
