/**
 * The column layouts of the three import kinds. Exports of costs, profiles and realisations use
 * exactly these columns in this order, so an exported file imports back unchanged (STYLE: CSV).
 */
import { BENEFIT_TYPES, COST_CATEGORIES, COST_FUNDINGS, COST_KINDS, COST_RECURRENCES } from '../records';
import { PROJECT_COLUMNS } from './project-layout';

export const IMPORT_KINDS = ['costs', 'profiles', 'realisations', 'reforecasts', 'projects'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(v: string): v is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(v);
}

export type ColumnType = 'text' | 'money' | 'fy' | 'ratio';

export interface ColumnDoc {
  name: string;
  required: boolean;
  type: ColumnType;
  description: string;
  example: string;
}

export interface Layout {
  kind: ImportKind;
  title: string;
  /** Who may import it, in words for the page. */
  who: string;
  columns: ColumnDoc[];
  /** Each column lists at least one of these (realisations: an amount or a measured value). */
  oneOf?: string[];
}

const MONEY = 'An amount in pounds: 1234.50, 1,234.50 or £1,234.50; at most 2 decimal places, no exponents';
const FY = 'A financial year: 2024/25, 2024-25 or FY2024/25';
const YES_NO = 'yes or no (also true/false, 1/0); blank means no';
/** The first column of every layout. */
const PROJECT_CODE: ColumnDoc = {
  name: 'project_code',
  required: true,
  type: 'text',
  description: 'The code of an existing project',
  example: 'CS-001',
};

export const LAYOUTS: Record<ImportKind, Layout> = {
  // Issue 19: a line adds a project or updates the stored one of its code; a line equal to it is unchanged.
  projects: {
    kind: 'projects',
    title: 'Projects',
    who: 'Finance partners (for their directorates) and administrators',
    columns: PROJECT_COLUMNS,
  },
  // C9: each line adds a re-forecast (earlier ones are kept); a line equal to the latest one is unchanged.
  reforecasts: {
    kind: 'reforecasts',
    title: 'Re-forecasts',
    who: 'Project managers (for their projects), finance partners (for their directorates) and administrators',
    columns: [
      PROJECT_CODE,
      {
        name: 'benefit_ref',
        required: true,
        type: 'text',
        description: 'The reference of an existing cashable or non-cashable benefit on that project',
        example: 'B1',
      },
      {
        name: 'year',
        required: true,
        type: 'fy',
        description: `${FY}; the current financial year or a later one, one line per benefit and year`,
        example: '2027/28',
      },
      {
        name: 'amount',
        required: true,
        type: 'money',
        description: `${MONEY}; zero or more (a dis-benefit's too)`,
        example: '40000.00',
      },
      {
        name: 'note',
        required: false,
        type: 'text',
        description: 'Why the estimate changed, up to 2000 characters',
        example: 'Go-live moved to June',
      },
    ],
  },
  costs: {
    kind: 'costs',
    title: 'Cost lines',
    who: 'Finance partners (for their directorates) and administrators',
    columns: [
      PROJECT_CODE,
      {
        name: 'year',
        required: true,
        type: 'fy',
        description: `${FY}; not before the project's base year`,
        example: '2024/25',
      },
      { name: 'kind', required: true, type: 'text', description: COST_KINDS.join(' or '), example: 'planned' },
      {
        name: 'funding',
        required: false,
        type: 'text',
        description: `${COST_FUNDINGS.join(' or ')}. Files from before this column leave it out: their lines map as stored lines did (category capital → capital; revenue_one_off, revenue_recurring and the rest → revenue)`,
        example: 'capital',
      },
      {
        name: 'category',
        required: true,
        type: 'text',
        description: `What the cost is for: one of ${COST_CATEGORIES.join(', ')}`,
        example: 'hardware',
      },
      {
        name: 'recurrence',
        required: false,
        type: 'text',
        description: `${COST_RECURRENCES.join(' or ')}; blank means not stated`,
        example: 'one_off',
      },
      {
        name: 'amount',
        required: true,
        type: 'money',
        description: `${MONEY}. Negative only on a credit or refund`,
        example: '250000.00',
      },
      { name: 'description', required: false, type: 'text', description: 'Up to 500 characters', example: 'Servers' },
      {
        name: 'reference',
        required: false,
        type: 'text',
        description: 'Up to 100 characters, such as a purchase order; identifies the line on a later import',
        example: 'PO-1234',
      },
      {
        name: 'credit',
        required: false,
        type: 'text',
        description: `Whether the line is a credit or refund (stored as a negative cost): ${YES_NO}`,
        example: 'no',
      },
    ],
  },
  profiles: {
    kind: 'profiles',
    title: 'Benefit profiles',
    who: 'Finance partners (for their directorates) and administrators',
    columns: [
      PROJECT_CODE,
      {
        name: 'benefit_ref',
        required: true,
        type: 'text',
        description: 'The benefit reference: a new one adds the benefit, an existing one updates it',
        example: 'B1',
      },
      { name: 'title', required: true, type: 'text', description: 'Up to 200 characters', example: 'Staff time saved' },
      { name: 'type', required: true, type: 'text', description: BENEFIT_TYPES.join(', '), example: 'cashable' },
      { name: 'category', required: false, type: 'text', description: 'Up to 100 characters', example: 'Efficiency' },
      {
        name: 'year',
        required: true,
        type: 'fy',
        description: `${FY}; leave blank with expected_amount to list the benefit without a profile row`,
        example: '2025/26',
      },
      {
        name: 'expected_amount',
        required: true,
        type: 'money',
        description: `${MONEY}; 0 or blank for qualitative benefits`,
        example: '40000.00',
      },
      {
        name: 'confidence',
        required: false,
        type: 'ratio',
        description: 'A fraction (0.8) or a percentage (80%); blank means 1',
        example: '0.8',
      },
      { name: 'owner', required: false, type: 'text', description: 'Up to 120 characters', example: 'Head of Service' },
      {
        name: 'disbenefit',
        required: false,
        type: 'text',
        description: `Whether this is a dis-benefit: ${YES_NO}`,
        example: 'no',
      },
    ],
  },
  realisations: {
    kind: 'realisations',
    title: 'Realisations',
    who: 'Project managers (for their projects) and administrators',
    columns: [
      PROJECT_CODE,
      {
        name: 'benefit_ref',
        required: true,
        type: 'text',
        description: 'The reference of an existing benefit on that project',
        example: 'B1',
      },
      {
        name: 'year',
        required: true,
        type: 'fy',
        description: `${FY}; one realisation per benefit and year, not later than the current financial year (what has happened)`,
        example: '2025/26',
      },
      {
        name: 'amount',
        required: false,
        type: 'money',
        description: `${MONEY}; required for money benefits, blank for qualitative ones. Negative only on a correction`,
        example: '30000.00',
      },
      {
        name: 'value',
        required: false,
        type: 'text',
        description: 'The measured value (required for qualitative benefits), up to 100 characters',
        example: '',
      },
      {
        name: 'evidence',
        required: false,
        type: 'text',
        description:
          'Where the figure comes from (a description or a link), up to 5000 characters; required with an amount. "no evidence recorded", as exports show a row without any, counts as none',
        example: 'Ledger extract',
      },
      {
        name: 'correction',
        required: false,
        type: 'text',
        description: `Whether the line corrects an earlier figure (may be negative): ${YES_NO}`,
        example: 'no',
      },
    ],
    oneOf: ['amount', 'value'],
  },
};

export function columnNames(kind: ImportKind): string[] {
  return LAYOUTS[kind].columns.map((c) => c.name);
}
