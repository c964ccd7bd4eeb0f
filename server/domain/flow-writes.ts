/**
 * What every write to a project's flows ends with, inside its transaction: C1's limit on the
 * project's yearly totals (a 422 on `field` when one is out of range), then its C8 summaries.
 * Cost, benefit and realisation use cases call it; imports check the same limit on their plan
 * before writing and refresh the summaries of every project their file names.
 */
import type { Db } from '../knex';
import type { Project } from '../records';
import { refreshSummaries } from './summaries';
import { assertYearlyTotals, type YearlyTotal } from './year-totals';

export async function afterFlowsChanged(
  trx: Db,
  project: Pick<Project, 'id' | 'code'>,
  field: string | ((t: YearlyTotal) => string),
): Promise<void> {
  // One read of the project's flows serves both: the limit is checked on the fresh series.
  await refreshSummaries(trx, [project.id], (series) => assertYearlyTotals(project, series, field));
}
