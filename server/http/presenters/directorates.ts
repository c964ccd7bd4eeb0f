import type { DirectorateOverview, DirectorateSummary } from '../../domain/directorates';
import type { Directorate } from '../../records';
import { conflictPresenter, fyLabel } from './format';
import { PROJECT_STATUS_LABELS } from './labels';
import { presentTotals } from './totals';

export function presentDirectorateRow(o: DirectorateSummary) {
  return {
    code: o.directorate.code,
    name: o.directorate.name,
    projectCount: o.projectCount,
    totals: presentTotals(o.totals),
  };
}

export function presentDirectorate(o: DirectorateOverview) {
  return {
    ...presentDirectorateRow(o),
    version: o.directorate.version,
    projects: o.projects.map((p) => ({
      code: p.project.code,
      name: p.project.name,
      status: PROJECT_STATUS_LABELS[p.project.status],
      startYear: fyLabel(p.project.startFy),
      totals: presentTotals(p.totals),
    })),
  };
}

export function directorateFormValues(d: Directorate) {
  return { code: d.code, name: d.name, version: String(d.version) };
}

export const presentDirectorateConflict = conflictPresenter<Directorate>((d) => ({ Code: d.code, Name: d.name }));
