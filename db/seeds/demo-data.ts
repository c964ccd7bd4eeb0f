/**
 * The demo portfolio as plain data: a UK city council's ICT projects across six directorates,
 * with costs, benefits and realisations up to the current financial year (2026/27). Each
 * directorate's projects live in their own `demo-data-*.ts` file to keep files short; this one
 * lists the directorates and puts the projects together in seeding order.
 */
import type { DemoDirectorate, DemoProject } from './demo-data-types';
import { CS_PROJECTS } from './demo-data-cs';
import { CS_PROJECTS_2 } from './demo-data-cs-2';
import { AH_PROJECTS } from './demo-data-ah';
import { CD_PROJECTS } from './demo-data-cd';
import { CE_PROJECTS } from './demo-data-ce';
import { RES_PROJECTS } from './demo-data-res';
import { RES_PROJECTS_2 } from './demo-data-res-2';
import { HOU_PROJECTS } from './demo-data-hou';

export type { DemoBenefit, DemoCost, DemoDirectorate, DemoProject, DemoRealisation } from './demo-data-types';

export const DEMO_DIRECTORATES: DemoDirectorate[] = [
  { code: 'CS', name: "Children's Services" },
  { code: 'AH', name: 'Adults and Health' },
  { code: 'CD', name: 'City Development' },
  { code: 'CE', name: 'Communities and Environment' },
  { code: 'RES', name: 'Resources' },
  { code: 'HOU', name: 'Housing' },
];

export const DEMO_PROJECTS: DemoProject[] = [
  ...CS_PROJECTS,
  ...CS_PROJECTS_2,
  ...AH_PROJECTS,
  ...CD_PROJECTS,
  ...CE_PROJECTS,
  ...RES_PROJECTS,
  ...RES_PROJECTS_2,
  ...HOU_PROJECTS,
];
