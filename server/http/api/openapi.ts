/**
 * The OpenAPI 3.0 description of /api/v1, as a plain object served at GET /api/v1/openapi.json.
 * Kept beside the routers: a test compares its paths with the routes actually mounted.
 */
import {
  BENEFIT_STATUSES,
  BENEFIT_TYPES,
  COST_CATEGORIES,
  COST_FUNDINGS,
  COST_KINDS,
  COST_RECURRENCES,
  EVIDENCE_GRADES,
  LEGACY_COST_CATEGORIES,
  PROJECT_STATUSES,
  REVIEW_KINDS,
  REVIEW_STATUSES,
} from '../../records';
import { IMPORT_KINDS } from '../../io/layouts';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../params';
import { assessmentPaths, assessmentSchemas } from './openapi-assessments';
import { aggregateMetricsBaseline, decisionPaths, decisionSchemas, projectMetricsBaseline } from './openapi-decisions';
import { gridPaths, gridSchemas } from './openapi-grids';
import {
  bool,
  ERROR_RESPONSES,
  ifMatchParam,
  list,
  nullable,
  object,
  ref,
  refWith,
  text,
  type Obj,
} from './openapi-shapes';

/** A create body: strict, as the API refuses unknown fields by name. */
const input = (properties: Record<string, Obj>, required: string[]) => object(properties, required, true);
/** A PATCH body: any of the create fields (merged over the current record), plus the version. */
const patch = (properties: Record<string, Obj>) => object({ ...properties, version: ref('Version') }, [], true);

const directorateFields = { code: text('Letters, digits and hyphens; stored upper-case'), name: text() };
const projectFields = {
  code: text('Like CS-001; stored upper-case'),
  name: text(),
  directorateCode: text(),
  description: text(),
  sponsor: text(),
  manager: text(),
  status: { type: 'string', enum: PROJECT_STATUSES, default: 'proposed' },
  startYear: ref('FinancialYear'),
  baseYear: refWith('FinancialYear', { nullable: true, description: 'Defaults to the start year (C3)' }),
  discountRate: refWith('Ratio', {
    nullable: true,
    description: 'Constant rate as a fraction; null = the organisation default (C3)',
  }),
  optimismBias: refWith('Ratio', { description: 'Uplift on planned costs as a fraction, 0 to 2 (C4)' }),
  priority: text(),
};
type MoneyName = 'Money' | 'MoneyOut';
const costFields = (money: MoneyName) => ({
  year: ref('FinancialYear'),
  kind: { type: 'string', enum: COST_KINDS },
  // Issue 19: capital or revenue is its own field; the old category names are read for one version.
  funding: {
    type: 'string',
    enum: COST_FUNDINGS,
    description:
      money === 'Money'
        ? 'Capital or revenue. Left out (deprecated): the category maps as stored lines did (capital → capital, the rest → revenue), and the answer carries a Deprecation header'
        : 'Capital or revenue',
  },
  category: {
    type: 'string',
    enum: money === 'Money' ? [...COST_CATEGORIES, ...Object.keys(LEGACY_COST_CATEGORIES)] : COST_CATEGORIES,
    description:
      money === 'Money'
        ? 'What the cost is for. Deprecated, for one version: capital (→ capital, other), revenue_one_off and revenue_recurring (→ revenue, other, with the recurrence); the answer then carries a Deprecation header'
        : 'What the cost is for',
  },
  recurrence: {
    type: 'string',
    enum: COST_RECURRENCES,
    nullable: true,
    description: 'One-off or recurring; null: not stated',
  },
  amount: refWith(money, {
    description: 'Negative only with isCredit; a credit is stored negative whichever sign is sent (C1, C4)',
  }),
  isCredit: bool,
  description: text(),
  reference: text(),
});
const profileEntry = (money: string) => object({ year: ref('FinancialYear'), amount: ref(money) });
const benefitFields = {
  ref: text('Like B1; stored upper-case'),
  title: text(),
  description: text(),
  type: { type: 'string', enum: BENEFIT_TYPES },
  category: text(),
  isDisbenefit: bool,
  owner: text(),
  measure: text(),
  baseline: text(),
  target: text(),
  unit: text(),
  confidence: refWith('Ratio', { description: 'Fraction 0 to 1, default 1 (C5)' }),
  status: { type: 'string', enum: BENEFIT_STATUSES },
  serviceFeature: text(),
  enablingActivities: text(),
};
const realisationFields = (money: MoneyName) => ({
  year: refWith('FinancialYear', {
    description:
      "Not later than the financial year containing today's UK date: a realisation records what happened (C6). A later year is refused, 422 on year, when a realisation is created or changed",
  }),
  amount: refWith(money, {
    nullable: true,
    description: 'Money benefits only; negative only with isCorrection (C1, C5)',
  }),
  value: text('The measured value of a qualitative benefit'),
  isCorrection: bool,
  evidence: text(
    'Where the figure comes from: a description or a link, up to 5000 characters. Required whenever amount is given (400 on evidence if blank), on create and on any change, including a change to an older row saved without evidence; such rows read back with evidence ""',
  ),
  recordedBy: text(),
  recordedOn: { type: 'string', format: 'date' },
});
const stamps = {
  version: ref('Version'),
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
};

const appraisal = object({
  years: list(
    object({
      year: ref('FinancialYear'),
      index: { type: 'integer' },
      discountFactor: ref('Decimal6'),
      costs: ref('MoneyOut'),
      benefits: ref('MoneyOut'),
      net: ref('MoneyOut'),
      pvNet: ref('MoneyOut'),
      cumulativeNet: ref('MoneyOut'),
      cumulativePvNet: ref('MoneyOut'),
    }),
  ),
  totals: object({
    costs: ref('MoneyOut'),
    benefits: ref('MoneyOut'),
    cashableBenefits: ref('MoneyOut'),
    nonCashableBenefits: ref('MoneyOut'),
    net: ref('MoneyOut'),
  }),
  pvCosts: ref('MoneyOut'),
  pvBenefits: ref('MoneyOut'),
  npv: ref('MoneyOut'),
  bcr: nullable(ref('Decimal4')),
  roi: nullable(ref('Decimal4')),
  irr: nullable({ type: 'string', pattern: '^-?\\d+\\.\\d{6}$' }),
  irrAmbiguous: bool,
  paybackYears: nullable({ type: 'string', pattern: '^\\d+\\.\\d{2}$' }),
  discountedPaybackYears: nullable({ type: 'string', pattern: '^\\d+\\.\\d{2}$' }),
  vfmCategory: nullable({ type: 'string', enum: ['Negative', 'Poor', 'Low', 'Medium', 'High', 'Very High'] }),
  switchingValues: object({ benefits: nullable(ref('Decimal4')), costs: nullable(ref('Decimal4')) }),
});
const views = {
  businessCase: ref('Appraisal'),
  forecast: ref('Appraisal'),
  toDate: ref('Appraisal'),
  realisation: { type: 'object' },
  costVariance: { type: 'object' },
  // C10: how much of realised is verified, whatever verifiedOnly says.
  verification: object({
    realisedToDate: refWith('MoneyOut', { description: 'Money benefits realised up to the as-at year (C6)' }),
    verifiedToDate: refWith('MoneyOut', { description: 'The verified part of it (C10)' }),
  }),
  settings: { type: 'object', description: 'asAt, riskAdjusted, verifiedOnly, baseYear, discountRule, …' },
};

/** Issue 17: one benefit's status as a review found it, and a due list (its exact count and its first items). */
const reviewBenefit = object({
  ref: text(),
  title: text(),
  status: { type: 'string', enum: BENEFIT_STATUSES },
  note: text(),
});
const dueList = object({
  count: { type: 'integer' },
  items: list({ type: 'object', description: 'The item, with href: the form that clears it' }),
});

/** What an import's preview, refusal and result share: the file and its rows by action. */
const importFields = (problem?: string) => ({
  kind: { type: 'string', enum: IMPORT_KINDS },
  fileName: text(),
  checksum: text(),
  rows: { type: 'object' },
  problemCount: { type: 'integer' },
  problems: list({ type: 'object', ...(problem ? { description: problem } : {}) }),
});

const schemas: Record<string, Obj> = {
  Money: {
    type: 'string',
    pattern: '^-?\\d+(\\.\\d{1,2})?$',
    example: '1234.50',
    description:
      'C1: pounds as a JSON string (no £, no commas, at most 2 decimals). A JSON number is refused with 400.',
  },
  MoneyOut: {
    type: 'string',
    pattern: '^-?\\d+\\.\\d{2}$',
    example: '1234.50',
    description: 'C1/C7: pounds with exactly 2 decimals, rounded half-up',
  },
  FinancialYear: {
    type: 'string',
    pattern: '^\\d{4}/\\d{2}$',
    example: '2024/25',
    description: 'C2: UK financial year label, 1 April to 31 March',
  },
  Ratio: {
    type: 'string',
    pattern: '^\\d+(\\.\\d+)?$',
    example: '0.2',
    description: 'An exact decimal fraction as a string (0.2 = 20%)',
  },
  Decimal4: { type: 'string', pattern: '^-?\\d+\\.\\d{4}$', description: 'C7: ratio with 4 decimals' },
  Decimal6: { type: 'string', pattern: '^-?\\d+\\.\\d{6}$', description: 'C7: discount factor with 6 decimals' },
  Version: {
    type: 'integer',
    minimum: 0,
    description: 'The row version last read; also accepted as If-Match: "<version>"',
  },
  Error: object({
    error: object(
      {
        code: text(
          'Stable code: bad_request, validation_failed, malformed_json, unauthorized, forbidden, not_found, stale_version, version_required, conflict, duplicate, directorate_in_use, import_problems, internal',
        ),
        message: text(),
        field: text('The first field at fault, e.g. amount or profile.0.year'),
        fields: { type: 'object', additionalProperties: { type: 'string' } },
        current: { type: 'object', description: 'stale_version only: the record as it is now' },
        requestId: text('internal only: quote it to support'),
      },
      ['code', 'message'],
    ),
  }),
  Directorate: object({ ...directorateFields, ...stamps }),
  DirectorateInput: input(directorateFields, ['code', 'name']),
  DirectoratePatch: patch(directorateFields),
  DirectorateList: object({ directorates: list(ref('Directorate')) }),
  Project: object({ ...projectFields, ...stamps }),
  ProjectInput: input({ ...projectFields, decision: ref('InlineApproval') }, [
    'code',
    'name',
    'directorateCode',
    'startYear',
  ]),
  ProjectPatch: patch(projectFields),
  ProjectPage: object({
    projects: list(ref('Project')),
    nextCursor: nullable(text('Pass as cursor for the next page; null on the last page')),
  }),
  CostLine: object({
    id: { type: 'integer' },
    projectCode: text(),
    ...costFields('MoneyOut'),
    version: ref('Version'),
  }),
  CostLineInput: input(costFields('Money'), ['year', 'kind', 'category', 'amount']),
  CostLinePatch: patch(costFields('Money')),
  CostLineList: object({ costs: list(ref('CostLine')) }),
  Benefit: object({
    projectCode: text(),
    ...benefitFields,
    profile: list(profileEntry('MoneyOut')),
    version: ref('Version'),
  }),
  BenefitInput: input({ ...benefitFields, profile: list(profileEntry('Money')) }, ['ref', 'title', 'type']),
  BenefitPatch: patch({ ...benefitFields, profile: list(profileEntry('Money')) }),
  BenefitList: object({ benefits: list(ref('Benefit')) }),
  ProfileReplace: object({ profile: list(profileEntry('Money')), version: ref('Version') }, ['profile'], true),
  Realisation: object({
    id: { type: 'integer' },
    projectCode: text(),
    benefitRef: text(),
    ...realisationFields('MoneyOut'),
    verification: object(
      {
        status: { type: 'string', enum: ['unverified', 'verified'] },
        grade: { type: 'string', enum: [...EVIDENCE_GRADES], nullable: true },
        by: nullable(text('Who verified it')),
        on: { type: 'string', format: 'date-time', nullable: true },
      },
      ['status', 'grade', 'by', 'on'],
    ),
    version: ref('Version'),
  }),
  RealisationInput: input(realisationFields('Money'), ['year', 'recordedBy', 'recordedOn']),
  RealisationPatch: patch({
    ...realisationFields('Money'),
    changeReason: text(
      'C10: required (422 on changeReason) to change a verified realisation, which then returns to unverified',
    ),
  }),
  // C10 verification and evidence files.
  VerifyInput: object(
    {
      grade: { type: 'string', enum: [...EVIDENCE_GRADES] },
      version: ref('Version'),
    },
    ['grade'],
    true,
  ),
  UnverifyInput: object(
    { reason: text('Why it needs checking again (audited)'), version: ref('Version') },
    ['reason'],
    true,
  ),
  EvidenceFile: object({
    id: { type: 'integer' },
    fileName: text(),
    contentType: text("Found from the file's bytes"),
    sizeBytes: { type: 'integer' },
    sha256: text(),
    uploadedBy: text(),
    uploadedAt: { type: 'string', format: 'date-time' },
    href: text('Download it here'),
  }),
  EvidenceFileList: object({ attachments: list(ref('EvidenceFile')) }),
  RealisationList: object({ realisations: list(ref('Realisation')) }),
  // C9 re-forecasts: append-only; the forecast view takes the latest made by the as-at year.
  Reforecast: object({
    id: { type: 'integer' },
    projectCode: text(),
    benefitRef: text(),
    year: ref('FinancialYear'),
    amount: ref('MoneyOut'),
    note: text(),
    enteredBy: text('Who entered it'),
    madeAt: text('When it was made (ISO 8601): as at a financial year, the forecast counts those made by its end'),
    version: ref('Version'),
  }),
  ReforecastInput: input(
    {
      year: refWith('FinancialYear', {
        description:
          "The current financial year (today's UK date) or a later one; an earlier year is refused, 422 on year",
      }),
      amount: refWith('Money', {
        description:
          'Zero or more (a dis-benefit too: it counts negative, C5); money benefits only, 422 on amount for a qualitative one',
      }),
      note: text('Why the estimate changed, up to 2000 characters'),
    },
    ['year', 'amount'],
  ),
  ReforecastList: object({ reforecasts: list(ref('Reforecast')) }),
  // Issue 19: savings taken from budgets, the benefits register and council priorities.
  BudgetReduction: object({
    id: { type: 'integer' },
    projectCode: text(),
    benefitRef: text(),
    year: ref('FinancialYear'),
    amount: ref('MoneyOut'),
    budget: text('The budget or cost centre reduced'),
    reference: text(),
    recordedBy: text('Who recorded it (the signed-in user or token user)'),
    recordedAt: text('ISO 8601'),
    version: ref('Version'),
  }),
  BudgetReductionInput: input(
    {
      year: refWith('FinancialYear', { description: "Not before the project's base year (C3), 422 on year" }),
      amount: refWith('Money', { description: 'More than 0 (C1)' }),
      budget: text('The budget or cost centre, up to 120 characters'),
      reference: text('Up to 120 characters'),
    },
    ['year', 'amount', 'budget'],
  ),
  BudgetReductionList: object({ budgetReductions: list(ref('BudgetReduction')) }),
  CashableFigures: object({
    expected: refWith('MoneyOut', { description: 'Cashable as profiled, not risk-adjusted, net of dis-benefits' }),
    realised: ref('MoneyOut'),
    takenFromBudgets: ref('MoneyOut'),
    realisedNotTaken: refWith('MoneyOut', { description: 'realised − takenFromBudgets' }),
    expectedNotTaken: refWith('MoneyOut', { description: 'expected − takenFromBudgets' }),
  }),
  CashableSavings: object({
    directorate: nullable(text()),
    status: nullable(text()),
    asAt: text('YYYY-MM-DD'),
    asAtYear: ref('FinancialYear'),
    basis: text(),
    years: list({
      allOf: [ref('CashableFigures'), object({ year: ref('FinancialYear'), notYetDue: bool })],
    }),
    toDate: ref('CashableFigures'),
    allYears: ref('CashableFigures'),
    byDirectorate: list(object({ directorate: text(), toDate: ref('CashableFigures') })),
  }),
  RegisterBenefit: object({
    projectCode: text(),
    projectName: text(),
    projectStatus: { type: 'string', enum: PROJECT_STATUSES },
    directorateCode: text(),
    priority: text(),
    ...benefitFields,
    confidence: text(),
    expectedToDate: nullable(ref('MoneyOut')),
    realisedToDate: nullable(ref('MoneyOut')),
    realisation: nullable(ref('Decimal4')),
    latestReforecast: nullable(ref('MoneyOut')),
    reforecastYears: { type: 'integer' },
  }),
  BenefitRegisterPage: object({
    asAt: text('YYYY-MM-DD'),
    total: { type: 'integer' },
    reforecastsAvailable: bool,
    benefits: list(ref('RegisterBenefit')),
    nextCursor: nullable(text()),
  }),
  PriorityFigures: object({
    asAt: text('YYYY-MM-DD'),
    priorities: list(
      object({
        name: text('"" for projects with no priority'),
        projectCount: { type: 'integer' },
        baseYear: ref('FinancialYear'),
        wholeLifeCost: ref('MoneyOut'),
        spentToDate: ref('MoneyOut'),
        forecastNpv: ref('MoneyOut'),
        forecastBcr: nullable(ref('Decimal4')),
        realisation: nullable(ref('Decimal4')),
        expectedToDate: ref('MoneyOut'),
        realisedToDate: ref('MoneyOut'),
      }),
    ),
  }),
  // Issue 17: post-implementation reviews and what is due.
  Review: object({
    id: { type: 'integer' },
    projectCode: text(),
    kind: { type: 'string', enum: REVIEW_KINDS },
    dueOn: text('YYYY-MM-DD'),
    status: { type: 'string', enum: REVIEW_STATUSES },
    overdue: { ...bool, description: 'Scheduled and due before today (UK date)' },
    heldOn: nullable(text('YYYY-MM-DD')),
    reviewers: text(),
    findings: text(),
    lessons: text(),
    nextSteps: text(),
    benefits: list(reviewBenefit),
    completedAt: nullable(text('ISO 8601')),
    completedBy: nullable(text()),
    version: ref('Version'),
    createdAt: text(),
    updatedAt: text(),
  }),
  ReviewList: object({ reviews: list(ref('Review')) }),
  ReviewSchedule: input({ dueOn: text('YYYY-MM-DD') }, ['dueOn']),
  ReviewPatch: patch({
    dueOn: text('YYYY-MM-DD'),
    heldOn: nullable(text('YYYY-MM-DD; needed to complete, not in the future')),
    reviewers: text('Needed to complete'),
    findings: text('Needed to complete'),
    lessons: text(),
    nextSteps: text(),
    benefits: list(
      object({ ref: text(), status: { type: 'string', enum: BENEFIT_STATUSES }, note: text() }, ['ref', 'status']),
    ),
    completed: { ...bool, description: 'true completes the review: it is then read-only (409 on any change)' },
  }),
  Due: object(
    {
      role: text(),
      today: text('YYYY-MM-DD'),
      digest: nullable(text('The day\'s digest line, like "3 realisations due, 1 review overdue"')),
      projects: list(object({ code: text(), name: text(), status: text() })),
      realisationsDue: dueList,
      reforecastsDue: dueList,
      reviewsDue: dueList,
      directorates: list(object({ code: text(), name: text() })),
      awaitingVerification: dueList,
      staleCosts: dueList,
      overBudget: dueList,
      exceptions: {
        type: 'object',
        additionalProperties: { type: 'integer' },
        description: 'Scrutiny and admin: counts across the portfolio',
      },
    },
    ['role', 'today', 'digest'],
  ),
  VersionOnly: object({ version: ref('Version') }, [], true),
  AppraisalRequest: input(
    {
      baseYear: nullable(ref('FinancialYear')),
      discountRate: nullable(ref('Ratio')),
      optimismBias: ref('Ratio'),
      riskAdjusted: bool,
      costs: list(profileEntry('Money')),
      benefits: list(
        object(
          {
            year: ref('FinancialYear'),
            amount: ref('Money'),
            type: { type: 'string', enum: ['cashable', 'non_cashable'] },
            confidence: ref('Ratio'),
            disbenefit: bool,
          },
          ['year', 'amount'],
        ),
      ),
    },
    [],
  ),
  Appraisal: appraisal,
  AppraisalResult: {
    ...appraisal,
    properties: {
      ...(appraisal.properties as Obj),
      settings: { type: 'object', description: 'baseYear, discountRule, optimismBias, riskAdjusted' },
    },
  },
  ProjectMetrics: object({ code: text(), name: text(), ...views, ...projectMetricsBaseline }),
  AggregateMetrics: object({
    ...views,
    ...aggregateMetricsBaseline,
    projectCount: { type: 'integer', description: 'Every project the filters select, whatever the page' },
    projects: list(ref('AggregateProjectRow')),
    nextCursor: {
      type: 'string',
      nullable: true,
      description: 'Pass as cursor for the next page of projects (by code); null on the last page',
    },
  }),
  AggregateProjectRow: object({
    code: text(),
    name: text(),
    directorateCode: text(),
    status: text(),
    businessCase: {
      type: 'object',
      description: "npv, bcr, vfmCategory, roi, irr, paybackYears on the project's own basis",
    },
    forecast: { type: 'object', description: "npv, bcr, vfmCategory, roi, pvCosts on the project's own basis" },
    realisation: { type: 'object' },
    costVariance: { type: 'object' },
    baseline: {
      type: 'object',
      nullable: true,
      description: 'C9: npv, bcr, vfmCategory of the latest baseline on its frozen basis; null before approval',
    },
    contribution: {
      type: 'object',
      description:
        "C6 Contributions: {businessCase, forecast, toDate}, each {pvCosts, pvBenefits, npv} on the aggregate's basis (its base year, the organisation's rule, this as-at date and risk setting), so every row adds up to the aggregate's figures",
    },
  }),
  ImportPreview: object(importFields('line, field, message')),
  ImportProblems: object({
    error: object({ code: text('import_problems'), message: text(), line: { type: 'integer' }, field: text() }),
    ...importFields('line, field, message'),
  }),
  ImportResult: object({ ...importFields(), batch: { type: 'object' } }),
  // Board report editions (issue 15): frozen figures as C7 strings, and the changes since the last edition.
  ReportGroup: object({
    directorate: nullable(text('Directorate code; null for the whole report')),
    name: text(),
    projectCount: { type: 'integer' },
    npv: ref('Money'),
    bcr: nullable(text()),
    vfmCategory: nullable(text()),
    realisation: nullable(text()),
    rag: nullable(text()),
    costVariance: ref('Money'),
    costVarianceRatio: nullable(text()),
  }),
  ReportChanges: object({
    since: object({ id: { type: 'integer' }, title: text(), asAt: text(), publishedAt: text() }),
    projectsAdded: list(object({ code: text(), name: text() })),
    projectsClosed: list(object({ code: text(), name: text() })),
    projectsCancelled: list(object({ code: text(), name: text() })),
    headlines: list(
      object({
        directorate: nullable(text()),
        name: text(),
        then: nullable(ref('ReportGroup')),
        now: nullable(ref('ReportGroup')),
      }),
    ),
    vfmChanged: list(object({ code: text(), name: text(), then: nullable(text()), now: nullable(text()) })),
    ragChanged: list(object({ code: text(), name: text(), then: nullable(text()), now: nullable(text()) })),
    newExceptions: list(object({ code: text(), name: text(), exceptions: list(text()) })),
    resolvedExceptions: list(object({ code: text(), name: text(), exceptions: list(text()) })),
  }),
  ReportEditionSummary: object({
    id: { type: 'integer' },
    title: text(),
    asAt: { type: 'string', format: 'date' },
    meetingDate: nullable({ type: 'string', format: 'date' }),
    filters: { type: 'object' },
    paper: { type: 'object' },
    publishedAt: { type: 'string', format: 'date-time' },
    publishedBy: text(),
    pdf: nullable(object({ href: text(), sha256: text() })),
  }),
  ReportEditionList: object({ editions: list(ref('ReportEditionSummary')) }),
  ReportEdition: {
    allOf: [
      ref('ReportEditionSummary'),
      object({
        figures: object({
          asAt: text(),
          portfolio: ref('ReportGroup'),
          directorates: list(ref('ReportGroup')),
          projects: list({ type: 'object' }),
        }),
        changesSinceLastEdition: nullable(ref('ReportChanges')),
      }),
    ],
  },
  ScrutinyReportNow: object({
    asAt: text(),
    filters: { type: 'object' },
    portfolio: ref('ReportGroup'),
    directorates: list(ref('ReportGroup')),
    exceptionCount: { type: 'integer' },
    changesSinceLastEdition: nullable(ref('ReportChanges')),
  }),
  AuditPage: object({
    entries: list(
      object({
        id: { type: 'integer' },
        occurredAt: { type: 'string', format: 'date-time' },
        actor: text(),
        action: text(),
        entityType: text(),
        entityId: text(),
        projectId: nullable({ type: 'integer' }),
        summary: text(),
        before: nullable({ type: 'object' }),
        after: nullable({ type: 'object' }),
        requestId: nullable(text()),
      }),
    ),
    nextCursor: nullable(text()),
  }),
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});
const responses = {
  BadRequest: errorResponse(
    'The request is malformed or fails the schema (bad money, FY label, unknown field…): code bad_request or validation_failed, with field/fields',
  ),
  Unauthorized: errorResponse('No token or session, or a bad one'),
  Forbidden: errorResponse('Your role or scope does not allow this'),
  NotFound: errorResponse('No such record'),
  Conflict: errorResponse(
    'stale_version (error.current holds the record now), a duplicate saved at the same moment, or a directorate still in use',
  ),
  Unprocessable: errorResponse(
    'A business rule refused it: duplicate code, unknown directorate, a year before the base year (C3)…',
  ),
  VersionRequired: errorResponse('version_required: send If-Match: "<version>" or a version field'),
};

const param = (
  name: string,
  where: 'path' | 'query' | 'header',
  schema: Obj,
  description?: string,
  required = where === 'path',
) => ({ name, in: where, required, schema, ...(description ? { description } : {}) });
const p = {
  code: param('code', 'path', text(), 'A project or directorate code (any case)'),
  ref: param('ref', 'path', text(), 'A benefit reference, like B1'),
  id: param('id', 'path', { type: 'integer' }),
  ifMatch: ifMatchParam,
};

interface Op {
  summary: string;
  tag: string;
  params?: Obj[];
  body?: string;
  ok?: { status: number; schema?: string; description?: string };
  errors: number[];
  write?: boolean;
  roles?: string;
}
const ERR = ERROR_RESPONSES;

function op(o: Op): Obj {
  const ok = o.ok ?? { status: 200 };
  const body = ok.schema ? { content: { 'application/json': { schema: ref(ok.schema) } } } : {};
  const headers =
    ok.status === 201 ? { headers: { Location: { schema: { type: 'string' }, description: 'The new resource' } } } : {};
  const res: Obj = {
    [ok.status]: { description: ok.description ?? (ok.status === 204 ? 'Deleted' : 'OK'), ...headers, ...body },
    401: { $ref: '#/components/responses/Unauthorized' },
  };
  for (const e of o.errors) res[e] = { $ref: `#/components/responses/${ERR[e]}` };
  return {
    summary: o.summary,
    ...(o.roles ? { description: `Roles: ${o.roles}.` } : {}),
    tags: [o.tag],
    ...(o.params?.length || o.write ? { parameters: [...(o.params ?? []), ...(o.write ? [p.ifMatch] : [])] } : {}),
    ...(o.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(o.body) } } } } : {}),
    responses: res,
  };
}

const READ = 'any signed-in user';
/** The view a metrics read is for: as at a date, risk-adjusted or not, all or only verified realisations. */
const viewParams = [
  param('asAt', 'query', { type: 'string', format: 'date' }),
  param('riskAdjusted', 'query', bool),
  param('verifiedOnly', 'query', bool, 'C10: count verified realisations only'),
];
const FIN = 'admin, finance (within their directorates)';
const PM = 'admin, or a project manager named on the project';
const REVIEWERS = 'admin, finance (within their directorates), or a project manager named on the project';
const RF = 'admin, finance (within their directorates), or a project manager named on the project';
const create = (tag: string, body: string, schema: string, roles: string, params: Obj[] = []) =>
  op({
    summary: `Create a ${tag.toLowerCase().replace(/s$/, '')}`,
    tag,
    params,
    body,
    ok: { status: 201, schema },
    errors: [400, 403, 404, 409, 422],
    roles,
  });
const update = (tag: string, body: string, schema: string, roles: string, params: Obj[]) =>
  op({
    summary: 'Change some fields (merged over the current record, then validated whole)',
    tag,
    params,
    body,
    ok: { status: 200, schema },
    errors: [400, 403, 404, 409, 422, 428],
    write: true,
    roles,
  });
const remove = (tag: string, roles: string, params: Obj[]) => ({
  ...op({ summary: 'Delete', tag, params, ok: { status: 204 }, errors: [400, 403, 404, 409, 428], write: true, roles }),
  requestBody: { required: false, content: { 'application/json': { schema: ref('VersionOnly') } } },
});
const read = (tag: string, summary: string, schema: string, params: Obj[] = [], errors = [404]) =>
  op({ summary, tag, params, ok: { status: 200, schema }, errors, roles: READ });
/** C10: a step that changes a realisation's verification and answers with the realisation. */
const verification = (summary: string, body: string) =>
  op({
    summary,
    tag: 'Verification',
    params: [p.id],
    body,
    ok: { status: 200, schema: 'Realisation' },
    errors: [400, 403, 404, 409, 422],
    write: true,
    roles: FIN,
  });

const paths: Record<string, Obj> = {
  '/reviews': {
    get: op({
      summary: 'List post-implementation reviews, soonest due first',
      tag: 'Reviews',
      params: [
        param('due', 'query', bool, 'true: scheduled and due within 30 days (or overdue)'),
        param('overdue', 'query', bool, 'true: scheduled and due before today'),
        param('project', 'query', text(), 'A project code'),
      ],
      ok: { status: 200, schema: 'ReviewList' },
      errors: [400, 404],
      roles: READ,
    }),
  },
  '/reviews/{id}': {
    get: read('Reviews', 'Get a review', 'Review', [p.id]),
    patch: update('Reviews', 'ReviewPatch', 'Review', REVIEWERS, [p.id]),
  },
  '/projects/{code}/reviews': {
    post: {
      ...create('Reviews', 'ReviewSchedule', 'Review', REVIEWERS, [p.code]),
      summary: 'Schedule an additional review',
    },
  },
  '/me/due': {
    get: op({
      summary: 'What is due for the signed-in user, as on their home page, each item with the form that clears it',
      tag: 'Reviews',
      ok: { status: 200, schema: 'Due' },
      errors: [],
      roles: READ,
    }),
  },
  '/directorates': {
    get: read('Directorates', 'List directorates', 'DirectorateList', [], []),
    post: create('Directorates', 'DirectorateInput', 'Directorate', 'admin'),
  },
  '/directorates/{code}': {
    get: read('Directorates', 'Get a directorate', 'Directorate', [p.code]),
    patch: update('Directorates', 'DirectoratePatch', 'Directorate', 'admin', [p.code]),
    delete: remove('Directorates', 'admin (only when it has no projects)', [p.code]),
  },
  '/projects': {
    get: op({
      summary: 'List projects in code order, a page at a time',
      tag: 'Projects',
      params: [
        param('directorate', 'query', text(), 'A directorate code'),
        param('status', 'query', { type: 'string', enum: PROJECT_STATUSES }),
        param('limit', 'query', { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }),
        param('cursor', 'query', text(), 'The nextCursor of the previous page (opaque)'),
      ],
      ok: { status: 200, schema: 'ProjectPage' },
      errors: [400],
      roles: READ,
    }),
    post: create('Projects', 'ProjectInput', 'Project', FIN),
  },
  '/projects/{code}': {
    get: read('Projects', 'Get a project', 'Project', [p.code]),
    patch: update('Projects', 'ProjectPatch', 'Project', FIN, [p.code]),
    delete: remove('Projects', `${FIN}; removes its costs, benefits and realisations`, [p.code]),
  },
  '/projects/{code}/costs': {
    get: read('Costs', 'List cost lines of a project', 'CostLineList', [p.code]),
    post: create('Costs', 'CostLineInput', 'CostLine', FIN, [p.code]),
  },
  '/costs/{id}': {
    get: read('Costs', 'Get a cost line', 'CostLine', [p.id]),
    patch: update('Costs', 'CostLinePatch', 'CostLine', FIN, [p.id]),
    delete: remove('Costs', FIN, [p.id]),
  },
  '/projects/{code}/benefits': {
    get: read('Benefits', 'List benefits with their profiles', 'BenefitList', [p.code]),
    post: create('Benefits', 'BenefitInput', 'Benefit', FIN, [p.code]),
  },
  '/projects/{code}/benefits/{ref}': {
    get: read('Benefits', 'Get a benefit', 'Benefit', [p.code, p.ref]),
    patch: update('Benefits', 'BenefitPatch', 'Benefit', FIN, [p.code, p.ref]),
    delete: remove('Benefits', FIN, [p.code, p.ref]),
  },
  '/projects/{code}/benefits/{ref}/profile': {
    put: {
      ...update('Benefits', 'ProfileReplace', 'Benefit', FIN, [p.code, p.ref]),
      summary: 'Replace the expected profile',
    },
  },
  '/projects/{code}/benefits/{ref}/realisations': {
    get: read('Realisations', 'List realisations of a benefit', 'RealisationList', [p.code, p.ref]),
    post: create('Realisations', 'RealisationInput', 'Realisation', PM, [p.code, p.ref]),
  },
  '/projects/{code}/benefits/{ref}/reforecasts': {
    get: read('Re-forecasts', 'List re-forecasts of a benefit, newest first', 'ReforecastList', [p.code, p.ref]),
    post: {
      ...create('Re-forecasts', 'ReforecastInput', 'Reforecast', RF, [p.code, p.ref]),
      summary: "Enter a re-forecast of a benefit's amount for a financial year (C9)",
    },
  },
  '/projects/{code}/benefits/{ref}/budget-reductions': {
    get: read('Benefits', 'List the budget reductions of a cashable benefit', 'BudgetReductionList', [p.code, p.ref]),
    post: {
      ...create('Benefits', 'BudgetReductionInput', 'BudgetReduction', FIN, [p.code, p.ref]),
      summary: 'Record a saving taken from a budget (cashable benefits only; 409 not_cashable otherwise)',
    },
  },
  '/portfolio/cashable-savings': {
    get: read(
      'Metrics',
      'Cashable benefits expected, realised and taken from budgets by year, with the gaps',
      'CashableSavings',
      ['directorate', 'status', 'asAt'].map((n) => param(n, 'query', text())),
      [400, 404],
    ),
  },
  '/benefits': {
    get: read(
      'Benefits',
      'The benefits register: every benefit, by project code and ref, with figures to date',
      'BenefitRegisterPage',
      ['type', 'status', 'owner', 'directorate', 'projectStatus', 'priority', 'asAt', 'limit', 'cursor'].map((n) =>
        param(n, 'query', text()),
      ),
      [400],
    ),
  },
  '/priorities': {
    get: read(
      'Metrics',
      'Council priorities with whole-life cost, spend to date, NPV and realisation (C6)',
      'PriorityFigures',
      [param('asAt', 'query', text())],
      [400],
    ),
  },
  '/realisations/{id}': {
    get: read('Realisations', 'Get a realisation', 'Realisation', [p.id]),
    patch: update('Realisations', 'RealisationPatch', 'Realisation', PM, [p.id]),
    delete: remove('Realisations', PM, [p.id]),
  },
  '/realisations/{id}/verify': {
    post: verification(
      'Verify a realisation with an evidence grade (C10): never one you recorded or last changed',
      'VerifyInput',
    ),
  },
  '/realisations/{id}/unverify': {
    post: verification('Return a verified realisation to unverified, with a reason (C10)', 'UnverifyInput'),
  },
  '/realisations/{id}/attachments': {
    get: read('Verification', "A realisation's evidence files", 'EvidenceFileList', [p.id]),
    post: {
      summary:
        'Attach an evidence file: PDF, PNG, JPEG, docx, xlsx, pptx, odt, ods or csv, up to 10 MB, its type checked from its bytes',
      description: `Roles: ${PM}, or finance (within their directorates). 413 over 10 MB; 422 on file when its contents are not an accepted type or not the type its name says.`,
      tags: ['Verification'],
      parameters: [p.id],
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': { schema: object({ file: { type: 'string', format: 'binary' } }, ['file']) },
        },
      },
      responses: {
        201: {
          description: 'Attached',
          headers: { Location: { schema: { type: 'string' }, description: 'The file' } },
          content: { 'application/json': { schema: ref('EvidenceFile') } },
        },
        400: { $ref: '#/components/responses/BadRequest' },
        401: { $ref: '#/components/responses/Unauthorized' },
        403: { $ref: '#/components/responses/Forbidden' },
        404: { $ref: '#/components/responses/NotFound' },
        413: { description: 'Larger than 10 MB' },
        422: { $ref: '#/components/responses/Unprocessable' },
      },
    },
  },
  '/realisations/{id}/attachments/{attachmentId}': {
    get: {
      summary: 'Download an evidence file (Content-Disposition: attachment; X-Content-Type-Options: nosniff)',
      description: `Roles: ${READ}.`,
      tags: ['Verification'],
      parameters: [p.id, param('attachmentId', 'path', { type: 'integer' })],
      responses: {
        200: {
          description: 'The file, as stored',
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        },
        401: { $ref: '#/components/responses/Unauthorized' },
        404: { $ref: '#/components/responses/NotFound' },
      },
    },
    delete: {
      ...remove('Verification', `${PM}, or finance (within their directorates)`, [
        p.id,
        param('attachmentId', 'path', { type: 'integer' }),
      ]),
      summary:
        "Remove an evidence file, at the realisation's version (If-Match or version); refused (422) while the realisation is verified",
    },
  },
  '/appraise': {
    post: op({
      summary: 'Appraise a proposal without saving it (C3–C7)',
      tag: 'Metrics',
      body: 'AppraisalRequest',
      ok: { status: 200, schema: 'AppraisalResult' },
      errors: [400],
      roles: READ,
    }),
  },
  '/projects/{code}/metrics': {
    get: read(
      'Metrics',
      'Business case, forecast and to-date views of a project',
      'ProjectMetrics',
      [p.code, ...viewParams],
      [400, 404],
    ),
  },
  '/directorates/{code}/metrics': {
    get: read(
      'Metrics',
      'Aggregate metrics of a directorate (C6)',
      'AggregateMetrics',
      [
        p.code,
        ...viewParams,
        param('baseYear', 'query', ref('FinancialYear')),
        param('limit', 'query', { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }),
        param('cursor', 'query', text('nextCursor of the previous page')),
      ],
      [400, 404],
    ),
  },
  '/portfolio/metrics': {
    get: read(
      'Metrics',
      'Aggregate metrics of the portfolio (C6)',
      'AggregateMetrics',
      [
        'directorate',
        'status',
        'from',
        'to',
        'baseYear',
        'asAt',
        'riskAdjusted',
        'verifiedOnly',
        'limit',
        'cursor',
      ].map((n) => param(n, 'query', text())),
      [400],
    ),
  },
  '/report-editions': {
    get: read('Reports', 'Published board report editions, newest first', 'ReportEditionList', [], []),
    post: op({
      summary:
        "Publish the board report with these filters as an edition: its figures, filters, paper and PDF are frozen (body: the report's filters, all optional: directorate, status, from, to, asAt, riskAdjusted)",
      tag: 'Reports',
      roles: 'admin, finance',
      ok: { status: 201, schema: 'ReportEdition' },
      errors: [403, 409, 422],
    }),
  },
  '/report-editions/{id}': {
    get: read(
      'Reports',
      'One edition: its frozen figures and the changes since the edition before it',
      'ReportEdition',
      [p.id],
    ),
  },
  '/report-editions/{id}/pdf': {
    get: {
      summary: 'The PDF of an edition, byte for byte as published',
      description: `Roles: ${READ}.`,
      tags: ['Reports'],
      parameters: [p.id],
      responses: {
        200: {
          description: 'The PDF',
          content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
        },
        401: { $ref: '#/components/responses/Unauthorized' },
        404: { $ref: '#/components/responses/NotFound' },
      },
    },
  },
  '/reports/scrutiny': {
    get: read(
      'Reports',
      "The board report's headline figures now, and changesSinceLastEdition: against the latest edition with the same filters (null when none)",
      'ScrutinyReportNow',
      ['directorate', 'status', 'from', 'to', 'asAt', 'riskAdjusted'].map((n) => param(n, 'query', text())),
      [400],
    ),
  },
  '/audit': {
    get: op({
      summary: 'The audit trail, newest first',
      tag: 'Audit',
      roles: 'admin, scrutiny',
      params: ['project', 'user', 'entity', 'from', 'to', 'limit', 'cursor'].map((n) => param(n, 'query', text())),
      ok: { status: 200, schema: 'AuditPage' },
      errors: [400, 403],
    }),
  },
  '/imports/{kind}': {
    post: {
      summary:
        'Import a CSV or .xlsx file of costs, profiles, realisations, re-forecasts or projects: all rows or none',
      description:
        'Roles: admin, finance (costs, profiles, re-forecasts, projects), project_manager (realisations, re-forecasts). With dryRun=true, only checks the file. Projects: a new code adds a project (proposed or cancelled: approved and later need a decision); a line naming a stored project updates it through the edit form rules, or is unchanged when equal.',
      tags: ['Imports'],
      parameters: [
        param('kind', 'path', { type: 'string', enum: IMPORT_KINDS }),
        param('dryRun', 'query', bool),
        param('fileName', 'query', text(), 'The file name to record, for a raw body'),
      ],
      requestBody: {
        required: true,
        content: {
          'text/csv': { schema: { type: 'string' } },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
            schema: { type: 'string', format: 'binary' },
          },
          'multipart/form-data': { schema: object({ file: { type: 'string', format: 'binary' } }) },
        },
      },
      responses: {
        200: {
          description: 'dryRun: the file would import cleanly',
          content: { 'application/json': { schema: ref('ImportPreview') } },
        },
        201: { description: 'Imported', content: { 'application/json': { schema: ref('ImportResult') } } },
        400: { $ref: '#/components/responses/BadRequest' },
        401: { $ref: '#/components/responses/Unauthorized' },
        403: { $ref: '#/components/responses/Forbidden' },
        404: { $ref: '#/components/responses/NotFound' },
        422: {
          description:
            'The file has problems, nothing was imported: the preview with every problem by line, and error {code: import_problems, message (the first problem), line, field}',
          content: { 'application/json': { schema: ref('ImportProblems') } },
        },
      },
    },
  },
  // Issue 18: assessments (openapi-assessments.ts).
  ...assessmentPaths,
  ...decisionPaths,
  // Issue 19: the costs and benefit profile grids (openapi-grids.ts).
  ...gridPaths,
  '/openapi.json': {
    get: {
      summary: 'This document (no sign-in needed: it holds no data)',
      tags: ['Meta'],
      security: [],
      responses: { 200: { description: 'OpenAPI 3.0 document' } },
    },
  },
};

export function openApiDocument(): Obj {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Realise API',
      version: '1.0.0',
      description:
        'ICT investment benefits and ROI. Money is a JSON string (C1), financial years are labels like "2024/25" (C2), changes carry the version last read (If-Match or a version field). See docs/api.md.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerAuth: [] }, { session: [] }],
    tags: [
      'Directorates',
      'Projects',
      'Costs',
      'Benefits',
      'Realisations',
      'Re-forecasts',
      'Metrics',
      'Audit',
      'Imports',
      'Reviews',
      'Assessments',
      'Grids',
      'Meta',
    ].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token from the account page or `npm run user -- token`',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'realise.sid',
          description: 'A browser session; writes also need the x-csrf-token header',
        },
      },
      schemas: { ...schemas, ...assessmentSchemas, ...decisionSchemas, ...gridSchemas },
      responses,
    },
  };
}
