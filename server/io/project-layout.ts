/**
 * Issue 19: the columns of a projects import, the project form's fields under import names: years
 * as the form takes them (C2), rates as percentages as the form shows them. A column left out of a
 * file keeps a stored project's value.
 */
import { PROJECT_STATUSES } from '../records';
import type { ColumnDoc } from './layouts';

const FY = 'A financial year: 2024/25, 2024-25 or FY2024/25';

export const PROJECT_COLUMNS: ColumnDoc[] = [
  {
    name: 'project_code',
    required: true,
    type: 'text',
    description:
      'The project’s code (letters, numbers and hyphens, up to 20 characters): a new code adds the project, a stored one updates it; at most 500 lines a file',
    example: 'CS-010',
  },
  { name: 'name', required: true, type: 'text', description: 'Up to 200 characters', example: 'Case management' },
  {
    name: 'directorate',
    required: true,
    type: 'text',
    description: 'The code of an existing directorate you may add projects to',
    example: 'CS',
  },
  {
    name: 'status',
    required: false,
    type: 'text',
    description: `${PROJECT_STATUSES.join(', ')}; blank means proposed. A new project is proposed or cancelled: it becomes approved (or later) through its approval decision, recorded on its decision form once imported`,
    example: 'proposed',
  },
  {
    name: 'start_year',
    required: true,
    type: 'fy',
    description: `${FY}: the year the project starts`,
    example: '2025/26',
  },
  {
    name: 'base_year',
    required: false,
    type: 'fy',
    description: `${FY}: year 0 for discounting; blank means the start year`,
    example: '',
  },
  {
    name: 'discount_rate',
    required: false,
    type: 'ratio',
    description:
      'A constant discount rate for this project as a percentage (3.5 or 3.5%), 0 to 100; blank means the organisation default',
    example: '',
  },
  {
    name: 'optimism_bias',
    required: false,
    type: 'ratio',
    description: 'The optimism bias as a percentage (20 or 20%), 0 to 200; blank means 0',
    example: '20',
  },
  { name: 'sponsor', required: false, type: 'text', description: 'Up to 120 characters', example: 'Director of CS' },
  { name: 'manager', required: false, type: 'text', description: 'Up to 120 characters', example: 'A. Manager' },
  {
    name: 'priority',
    required: false,
    type: 'text',
    description: 'A council priority on the managed list (any case); blank means none',
    example: '',
  },
  { name: 'description', required: false, type: 'text', description: 'Up to 5000 characters', example: '' },
];
