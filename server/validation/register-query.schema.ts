/** The benefits register's filters, sort and page (issue 19), for the page (messages) and the API (400s). */
import { z } from 'zod';
import type { FieldErrors } from '../errors';
import { BENEFIT_STATUSES, BENEFIT_TYPES, PROJECT_STATUSES, type BenefitStatus, type BenefitType } from '../records';
import type { ProjectStatus } from '../records';
import {
  queryAsAt,
  queryChoice,
  queryCode,
  queryParam,
  queryValues,
  queryWholeNumber,
  readQuery,
  throwFirstProblem,
  type QueryMode,
} from './query.schema';

export const REGISTER_SORT_KEYS = ['project', 'benefit', 'type', 'status', 'owner', 'expected', 'realised'] as const;
export type RegisterSortKey = (typeof REGISTER_SORT_KEYS)[number];

export interface RegisterFilterInput {
  type?: BenefitType;
  status?: BenefitStatus;
  owner?: string;
  directorateCode?: string;
  projectStatus?: ProjectStatus;
  priority?: string;
}

const text = (mode: QueryMode, name: string, label: string) =>
  queryParam(mode, { name, label, absent: () => undefined }, (t) =>
    t.length <= 200 ? { ok: true, value: t } : { ok: false, error: `${name} must be 200 characters or fewer` },
  );

function schema(mode: QueryMode) {
  return z.object({
    type: queryChoice(mode, 'type', { label: 'type', values: BENEFIT_TYPES, message: 'Choose a type from the list' }),
    status: queryChoice(mode, 'status', {
      label: 'status',
      values: BENEFIT_STATUSES,
      message: 'Choose a benefit status from the list',
    }),
    owner: text(mode, 'owner', 'owner'),
    directorate: queryCode(mode, 'directorate', { label: 'a directorate code', example: 'CS', max: 20 }),
    projectStatus: queryChoice(mode, 'projectStatus', {
      label: 'project status',
      values: PROJECT_STATUSES,
      message: 'Choose a project status from the list',
    }),
    priority: text(mode, 'priority', 'priority'),
    sort: queryChoice(mode, 'sort', { label: 'sort', values: REGISTER_SORT_KEYS, message: 'Choose a sort column' }),
    dir: queryChoice(mode, 'dir', {
      label: 'direction',
      values: ['asc', 'desc'] as const,
      message: 'Choose a direction',
    }),
    page: queryWholeNumber(mode, 'page', { label: 'page', min: 1, max: 1_000_000, api: 'page must be a whole number' }),
    asAt: queryAsAt(mode),
  });
}

export interface RegisterQueryInput {
  filter: RegisterFilterInput;
  sort: { key: RegisterSortKey; dir: 'asc' | 'desc' };
  page: number;
  asAt: string;
  /** As typed, to show in the filter form and keep in links. */
  values: Record<'type' | 'status' | 'owner' | 'directorate' | 'projectStatus' | 'priority', string>;
  errors: FieldErrors;
}

function toInput(data: z.output<ReturnType<typeof schema>>, raw: Record<string, unknown>, errors: FieldErrors) {
  const key = data.sort ?? 'project';
  const values = queryValues(raw, ['type', 'status', 'owner', 'directorate', 'projectStatus', 'priority'] as const);
  return {
    filter: {
      type: data.type,
      status: data.status,
      owner: data.owner,
      directorateCode: data.directorate,
      projectStatus: data.projectStatus,
      priority: data.priority,
    },
    // Figures sort largest first by default; words A to Z.
    sort: { key, dir: data.dir ?? (key === 'expected' || key === 'realised' ? 'desc' : 'asc') },
    page: data.page ?? 1,
    asAt: data.asAt,
    values: { ...values, directorate: values.directorate.toUpperCase() },
    errors,
  } satisfies RegisterQueryInput;
}

/** Pages: a bad parameter gets a message and is ignored. */
export function readRegisterQuery(raw: Record<string, unknown>): RegisterQueryInput {
  const { data, errors } = readQuery(schema('page'), raw);
  return toInput(data, raw, errors);
}

/** The API: a 400 naming the first bad parameter (limit and cursor are read by the route). */
export function parseRegisterQuery(raw: Record<string, unknown>): RegisterQueryInput {
  const { limit: _limit, cursor: _cursor, ...rest } = raw;
  const { data, errors } = readQuery(schema('api'), rest);
  throwFirstProblem(errors);
  return toInput(data, rest, errors);
}
