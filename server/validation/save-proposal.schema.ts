import { z } from 'zod';
import { COST_CATEGORIES } from '../records';
import { choice, code, object, requiredText } from './fields';

/** What the calculator needs, beyond its figures, to save them as a proposed project. */
export const saveProposalSchema = object('form', {
  code: code('a project code', 20, 'CS-001'),
  name: requiredText('a project name', 200),
  directorateCode: code('a directorate', 10, 'CS', 'Select'),
  costCategory: choice(COST_CATEGORIES, 'a cost category'),
});

export type SaveProposalInput = z.output<typeof saveProposalSchema>;
