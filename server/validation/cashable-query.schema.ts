/** The cashable savings report's filters (issue 19), for the page (messages) and the API (400s). */
import { z } from 'zod';
import { PROJECT_STATUSES, type ProjectStatus } from '../records';
import type { FieldErrors } from '../errors';
import { parseQuery, queryAsAt, queryChoice, queryCode, readQuery, type QueryMode } from './query.schema';

export interface CashableQuery {
  directorateCode?: string;
  status?: ProjectStatus;
  asAt?: string;
}

function schema(mode: QueryMode) {
  return z.object({
    directorate: queryCode(mode, 'directorate', { label: 'a directorate code', example: 'CS', max: 20 }),
    status: queryChoice(mode, 'status', {
      label: 'status',
      values: PROJECT_STATUSES,
      message: 'Choose a status from the list',
    }),
    asAt: queryAsAt(mode),
  });
}

/** Pages: a bad filter gets a message and is ignored; an unknown directorate too. */
export function readCashableQuery(
  raw: Record<string, unknown>,
  directorateCodes: readonly string[],
): { query: CashableQuery; errors: FieldErrors } {
  const { data, errors } = readQuery(schema('page'), raw);
  let directorateCode = data.directorate;
  if (directorateCode && !directorateCodes.includes(directorateCode)) {
    errors.directorate = `There is no directorate with code ${directorateCode}`;
    directorateCode = undefined;
  }
  return { query: { directorateCode, status: data.status, asAt: data.asAt }, errors };
}

/** The API: a 400 naming the first bad parameter (an unknown directorate is the domain's 404). */
export function parseCashableQuery(raw: Record<string, unknown>): CashableQuery {
  const data = parseQuery(schema('api'), raw);
  return { directorateCode: data.directorate, status: data.status, asAt: data.asAt };
}
