import { z } from 'zod';
import { classificationFields, classifyCost, costFundingProblem } from './costs.schema';
import { code, object, requiredText } from './fields';

const { category, funding } = classificationFields();

/** What the calculator needs, beyond its figures, to save them as a proposed project. */
export const saveProposalSchema = object('form', {
  code: code('a project code', 20, 'CS-001'),
  name: requiredText('a project name', 200),
  directorateCode: code('a directorate', 10, 'CS', 'Select'),
  costCategory: category,
  costFunding: funding,
})
  .superRefine((v, ctx) => {
    const problem = costFundingProblem({ category: v.costCategory, funding: v.costFunding });
    if (problem) ctx.addIssue({ code: 'custom', path: ['costFunding'], message: problem });
  })
  .transform(({ costCategory, costFunding, ...rest }) => {
    const c = classifyCost({ category: costCategory, funding: costFunding });
    return { ...rest, costCategory: c.category, costFunding: c.funding, costRecurrence: c.recurrence };
  });

export type SaveProposalInput = z.output<typeof saveProposalSchema>;
