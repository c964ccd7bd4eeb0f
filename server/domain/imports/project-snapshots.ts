/**
 * Issue 19: what a projects import keeps of a project it updated (import_batch_rows.before_json),
 * so its undo can give updateProject the values back: updateProject's input, rates as exact
 * decimal strings (C1: never a float).
 */
import { Decimal } from '../../money';
import { PROJECT_STATUSES, type ProjectStatus } from '../../records';
import type { ProjectInput } from '../../validation/projects.schema';

export function projectInputToJson(i: ProjectInput): Record<string, unknown> {
  return {
    code: i.code,
    name: i.name,
    directorateCode: i.directorateCode,
    description: i.description,
    sponsor: i.sponsor,
    manager: i.manager,
    status: i.status,
    startYear: i.startYear,
    baseYear: i.baseYear,
    discountRate: i.discountRate === null ? null : i.discountRate.toString(),
    optimismBias: i.optimismBias.toString(),
    priority: i.priority,
  };
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const year = (v: unknown) => (typeof v === 'number' ? v : null);

export function projectInputFromJson(j: Record<string, unknown>): ProjectInput {
  const status = PROJECT_STATUSES.find((s) => s === j.status) ?? ('proposed' as ProjectStatus);
  return {
    code: text(j.code),
    name: text(j.name),
    directorateCode: text(j.directorateCode),
    description: text(j.description),
    sponsor: text(j.sponsor),
    manager: text(j.manager),
    status,
    startYear: year(j.startYear) ?? 0,
    baseYear: year(j.baseYear),
    discountRate: typeof j.discountRate === 'string' ? new Decimal(j.discountRate) : null,
    optimismBias: new Decimal(text(j.optimismBias) || '0'),
    priority: text(j.priority),
  };
}
