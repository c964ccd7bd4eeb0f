/**
 * The OpenAPI description of C9 decisions and baselines (issue 16), merged into openapi.ts: a
 * project's decisions, the baselines they froze, and the baseline view in the metrics.
 */
import { DECISION_KINDS, REASON_CODES } from '../../records';
import { jsonResponses, projectCodeParam, list, nullable, object, ref, text, type Obj } from './openapi-shapes';

const money = ref('MoneyOut');
const ratio4 = nullable({ type: 'string', pattern: '^-?\\d+\\.\\d{4}$', description: 'C7: 4 decimals' });
const discountRule = object(
  {
    source: { type: 'string', enum: ['project', 'organisation'], description: 'Whose rule it was when frozen' },
    kind: { type: 'string', enum: ['green_book', 'constant'] },
    rate: text('A constant rate as a fraction (constant rules only)'),
    description: text(),
  },
  ['source', 'kind'],
);
const decisionFields = {
  decidedOn: { type: 'string', format: 'date', description: 'Not after today' },
  decidedBy: text('The deciding body or person, like CLT'),
  reference: text('The minute or report number'),
  fundingSource: text(),
  reasonCode: nullable({ type: 'string', enum: REASON_CODES, description: 'Re-baselines only, and required there' }),
  note: text(),
};
const headline = object({
  pvCosts: money,
  pvBenefits: money,
  npv: money,
  bcr: ratio4,
  vfmCategory: nullable(text()),
});
const baselineSummary = {
  number: { type: 'integer' },
  frozenAt: { type: 'string', format: 'date-time' },
  baseYear: ref('FinancialYear'),
  optimismBias: text('The optimism bias frozen with it (C4), as a fraction'),
  discountRule,
  headline: { ...headline, description: 'The baseline view (C9), not risk-adjusted' },
  headlineRiskAdjusted: { ...headline, description: 'The baseline view, risk-adjusted (C5)' },
  href: text(),
};

export const decisionSchemas: Record<string, Obj> = {
  DecisionInput: object(
    { kind: { type: 'string', enum: DECISION_KINDS }, ...decisionFields },
    ['kind', 'decidedOn', 'decidedBy', 'reference', 'fundingSource'],
    true,
  ),
  InlineApproval: {
    ...object(decisionFields, ['decidedOn', 'decidedBy', 'reference', 'fundingSource'], true),
    description:
      'C9: the approval decision of a project created at approved or later (required then, refused otherwise); it freezes baseline 1',
  },
  Decision: object({
    projectCode: text(),
    kind: { type: 'string', enum: DECISION_KINDS },
    ...decisionFields,
    baselineNumber: { type: 'integer', description: 'The baseline this decision froze' },
    recordedBy: text(),
    recordedAt: { type: 'string', format: 'date-time' },
    baseline: text('The baseline it froze'),
  }),
  DecisionList: object({ decisions: list(ref('Decision')) }),
  BaselineSummary: object(baselineSummary),
  BaselineList: object({ baselines: list(ref('BaselineSummary')) }),
  Baseline: object({
    ...baselineSummary,
    decision: ref('Decision'),
    plannedCosts: list(
      object({
        year: ref('FinancialYear'),
        category: text(),
        amount: money,
        isCredit: { type: 'boolean' },
        description: text(),
      }),
    ),
    benefits: list(
      object({
        ref: text(),
        title: text(),
        type: text(),
        isDisbenefit: { type: 'boolean' },
        confidence: text(),
        profile: list(object({ year: ref('FinancialYear'), amount: money })),
      }),
    ),
    indicators: { ...ref('Appraisal'), description: 'The baseline view in full, not risk-adjusted' },
    indicatorsRiskAdjusted: ref('Appraisal'),
  }),
  BaselineSettings: object({
    baseYear: ref('FinancialYear'),
    discountRule: { type: 'object', description: 'The discount rule frozen with the baseline' },
    optimismBias: text(),
  }),
};

const codeParam = projectCodeParam;
const nParam = { name: 'n', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

function op(summary: string, roles: string, ok: { status: number; schema: string }, errors: number[], o: Obj = {}) {
  const responses = jsonResponses({ ...ok, location: 'The baseline it froze' }, errors);
  return { summary, description: `Roles: ${roles}.`, tags: ['Decisions'], responses, ...o };
}

const READ = 'any signed-in user';

export const decisionPaths: Record<string, Obj> = {
  '/projects/{code}/decisions': {
    get: op('List the decisions on a project, oldest first', READ, { status: 200, schema: 'DecisionList' }, [404], {
      parameters: [codeParam],
    }),
    post: op(
      'Record an approval or a re-baseline: freezes the next baseline (C9); an approval moves a proposed project to approved',
      'admin, finance (within their directorates)',
      { status: 201, schema: 'Decision' },
      [400, 403, 404, 422],
      {
        parameters: [codeParam],
        requestBody: { required: true, content: { 'application/json': { schema: ref('DecisionInput') } } },
      },
    ),
  },
  '/projects/{code}/baselines': {
    get: op(
      "List a project's baselines with their headline figures",
      READ,
      { status: 200, schema: 'BaselineList' },
      [404],
      { parameters: [codeParam] },
    ),
  },
  '/projects/{code}/baselines/{n}': {
    get: op(
      'One baseline: its decision, frozen inputs and indicators (the baseline view, C9)',
      READ,
      { status: 200, schema: 'Baseline' },
      [404],
      { parameters: [codeParam, nParam] },
    ),
  },
};

/** What the metrics gain (C9), merged into ProjectMetrics and AggregateMetrics. */
export const projectMetricsBaseline: Record<string, Obj> = {
  baseline: {
    ...nullable(ref('Appraisal')),
    description:
      'C9: the business-case view of the latest baseline, with its frozen base year, optimism bias and discount rule; null before approval',
  },
  baselineNumber: nullable({ type: 'integer' }),
  baselineSettings: nullable(ref('BaselineSettings')),
};
export const aggregateMetricsBaseline: Record<string, Obj> = {
  baseline: {
    ...nullable(ref('Appraisal')),
    description:
      "C9: the baseline view over the projects that have one, their latest baselines summed and appraised once on the aggregate's basis (C6); null when none has one",
  },
  projectsWithoutBaseline: { type: 'integer', description: 'Projects the filters select that have no baseline yet' },
};
