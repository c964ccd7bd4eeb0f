/**
 * The OpenAPI description of the grids (issue 19), merged into openapi.ts: a project's costs grid
 * and benefit profile grid, read and saved whole (all cells or none).
 */
import { COST_CATEGORIES, COST_FUNDINGS, COST_KINDS, COST_RECURRENCES } from '../../records';
import {
  ifMatchParam,
  jsonResponses,
  list,
  nullable,
  object,
  projectCodeParam,
  ref,
  refWith,
  text,
  type Obj,
} from './openapi-shapes';

const cells = (money: 'Money' | 'MoneyOut', description: string): Obj => ({
  type: 'object',
  additionalProperties: nullable(ref(money)),
  description,
  example: { '2024/25': '1000.00', '2025/26': null },
});
const readCells = cells('MoneyOut', 'Financial year (C2 label) → the cell, null when empty; every year of the grid');
const writeCells = cells(
  'Money',
  'Financial year (C2 label) → the new amount, null to empty the cell; years left out keep their amounts',
);
const costRowKey = {
  kind: { type: 'string', enum: COST_KINDS },
  funding: { type: 'string', enum: COST_FUNDINGS },
  category: { type: 'string', enum: COST_CATEGORIES },
  recurrence: { type: 'string', enum: COST_RECURRENCES, nullable: true },
};
const gridHead = {
  projectCode: text(),
  years: { ...list(ref('FinancialYear')), description: "The grid's columns, from the base year" },
};
const version = refWith('Version', {
  description: 'A number that changes whenever a cell does; send it back (If-Match or this field)',
});
/** A PUT body may carry back the GET answer's read-only fields: they are ignored. */
const ignored = (description: string): Obj => ({ description: `${description} (read-only: ignored)` });

export const gridSchemas: Record<string, Obj> = {
  CostGrid: object({
    ...gridHead,
    rows: list(object({ ...costRowKey, label: text('The row in words'), years: readCells })),
    version: ref('Version'),
  }),
  CostGridInput: object(
    {
      rows: list(
        object(
          { ...costRowKey, label: ignored('The row in words'), years: writeCells },
          ['kind', 'funding', 'category', 'years'],
          true,
        ),
      ),
      version,
      projectCode: ignored('The project'),
      years: ignored("The grid's columns"),
    },
    ['rows'],
    true,
  ),
  ProfileGrid: object({
    ...gridHead,
    rows: list(object({ benefitRef: text(), title: text(), years: readCells })),
    version: ref('Version'),
  }),
  ProfileGridInput: object(
    {
      rows: list(
        object({ benefitRef: text(), title: ignored('The benefit'), years: writeCells }, ['benefitRef', 'years'], true),
      ),
      version,
      projectCode: ignored('The project'),
      years: ignored("The grid's columns"),
    },
    ['rows'],
    true,
  ),
};

const codeParam = projectCodeParam;
const ROLES = 'Roles: admin, finance (within their directorates), as on the grid pages.';

function op(summary: string, description: string, schema: string, errors: number[], body?: string): Obj {
  const responses = jsonResponses(
    { status: 200, schema, description: 'The grid (its version also as the ETag header)' },
    errors,
  );
  return {
    summary,
    description: `${ROLES} ${description}`.trim(),
    tags: ['Grids'],
    parameters: body ? [codeParam, ifMatchParam] : [codeParam],
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(body) } } } } : {}),
    responses,
  };
}

const SAVE =
  'All cells or none, as one audited change, the figures refreshed. A cell sent as it stands keeps its lines; 400 names a malformed cell (rows.3.years.2025/26), 422 a cell a rule refuses (before the base year, a yearly total beyond the largest amount), 409 a grid changed since the version sent.';

export const gridPaths: Record<string, Obj> = {
  '/projects/{code}/costs/grid': {
    get: op(
      "A project's costs grid: planned and actual rows by funding and category (and recurrence where lines state one), a column per financial year, each cell its lines' total",
      '',
      'CostGrid',
      [403, 404],
    ),
    put: op(
      'Save cells of the costs grid: a changed cell becomes one line of its amount, an emptied cell loses its lines',
      `${SAVE} Amounts are £0 or more: credits and refunds go line by line (POST /projects/{code}/costs).`,
      'CostGrid',
      [400, 403, 404, 409, 422, 428],
      'CostGridInput',
    ),
  },
  '/projects/{code}/benefits/grid': {
    get: op(
      "A project's benefit profile grid: a row per money benefit, a column per financial year of its appraisal period, each cell the expected amount (C5)",
      '',
      'ProfileGrid',
      [403, 404],
    ),
    put: op(
      'Save cells of the benefit profile grid (expected amounts, £0 or more)',
      SAVE,
      'ProfileGrid',
      [400, 403, 404, 409, 422, 428],
      'ProfileGridInput',
    ),
  },
};
