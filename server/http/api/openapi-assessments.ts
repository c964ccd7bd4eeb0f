/**
 * The OpenAPI description of the assessment endpoints (issue 18, C11), merged into openapi.ts:
 * frameworks, assessments with their workflow, improvement actions and the heat map. Scores are
 * strings with 2 decimals (half-up), null where a dimension has no answers.
 */
import { ACTION_STATUSES, ASSESSMENT_STATUSES } from '../../records';
import { ifMatchParam, int, jsonResponses, list, nullable, object, ref, text, type Obj } from './openapi-shapes';

const score = nullable({ type: 'string', pattern: '^\\d\\.\\d{2}$', description: 'C11: 2 decimals, half-up' });

const statementFields = {
  code: text('Stable code, like GOV-2; stored upper-case'),
  text: text(),
  levels: { ...list(text()), minItems: 5, maxItems: 5, description: 'Descriptors of levels 1 to 5' },
};
const dimensionFields = (statement: string) => ({
  code: text('Like GOV; stored upper-case'),
  name: text(),
  statements: list(ref(statement)),
});

const frameworkFields = {
  id: int,
  code: text(),
  versionNo: int,
  name: text(),
  description: text(),
  version: int,
  createdAt: text(),
};

export const assessmentSchemas: Record<string, Obj> = {
  FrameworkStatement: object(statementFields),
  FrameworkDimension: object(dimensionFields('FrameworkStatement')),
  FrameworkStatementInput: object(statementFields, ['code', 'text', 'levels'], true),
  FrameworkDimensionInput: object(dimensionFields('FrameworkStatementInput'), ['code', 'name', 'statements'], true),
  FrameworkInput: object(
    { code: text(), name: text(), description: text(), dimensions: list(ref('FrameworkDimensionInput')) },
    ['code', 'name', 'dimensions'],
    true,
  ),
  Framework: object({ ...frameworkFields, dimensions: list(ref('FrameworkDimension')) }),
  FrameworkSummary: object({ ...frameworkFields, dimensionCount: int }),
  FrameworkList: object({ frameworks: list(ref('FrameworkSummary')) }),
  AssessmentInput: object(
    {
      directorateCode: text(),
      frameworkId: nullable({ ...int, description: 'Default: the framework version made last' }),
      assessedOn: { type: 'string', format: 'date' },
      assessors: list(text()),
    },
    ['directorateCode', 'assessedOn', 'assessors'],
    true,
  ),
  AssessmentDimension: object({
    code: text(),
    name: text(),
    score,
    answered: int,
    unanswered: int,
    strengths: text(),
    weaknesses: text(),
  }),
  AssessmentAnswer: object({
    statement: text(),
    dimension: text(),
    text: text(),
    score: nullable({ type: 'integer', minimum: 1, maximum: 5 }),
    evidence: text(),
  }),
  Assessment: object({
    id: int,
    directorateCode: text(),
    frameworkId: int,
    frameworkCode: text(),
    frameworkVersionNo: int,
    assessedOn: { type: 'string', format: 'date' },
    assessors: list(text()),
    status: { type: 'string', enum: ASSESSMENT_STATUSES },
    returnComment: nullable(text()),
    submittedBy: nullable(text()),
    submittedAt: nullable(text()),
    approvedBy: nullable(text()),
    approvedAt: nullable(text()),
    overall: { ...score, description: 'Mean of the dimension scores that exist (C11)' },
    answered: int,
    unanswered: int,
    dimensions: list(ref('AssessmentDimension')),
    answers: list(ref('AssessmentAnswer')),
    version: int,
    createdAt: text(),
    updatedAt: text(),
  }),
  AssessmentList: object({ assessments: list(ref('Assessment')) }),
  AnswersInput: object(
    {
      version: ref('Version'),
      answers: list(
        object(
          { statement: text(), score: nullable({ type: 'integer', minimum: 1, maximum: 5 }), evidence: text() },
          ['statement'],
          true,
        ),
      ),
      dimensions: list(object({ code: text(), strengths: text(), weaknesses: text() }, ['code'], true)),
    },
    [],
    true,
  ),
  WorkflowInput: object({ version: ref('Version') }, [], true),
  ReturnInput: object({ version: ref('Version'), comment: text('What needs changing') }, ['comment'], true),
  ActionInput: object(
    {
      title: text(),
      owner: text(),
      dueOn: { type: 'string', format: 'date' },
      dimensionCode: text(),
      projectCodes: list(text()),
      status: { type: 'string', enum: ACTION_STATUSES, default: 'open' },
    },
    ['title', 'owner', 'dueOn', 'dimensionCode'],
    true,
  ),
  ActionPatch: object(
    {
      version: ref('Version'),
      title: text(),
      owner: text(),
      dueOn: { type: 'string', format: 'date' },
      dimensionCode: text(),
      projectCodes: list(text()),
      status: { type: 'string', enum: ACTION_STATUSES },
    },
    [],
    true,
  ),
  ImprovementAction: object({
    id: int,
    assessmentId: int,
    directorateCode: text(),
    dimensionCode: text(),
    title: text(),
    owner: text(),
    dueOn: { type: 'string', format: 'date' },
    status: { type: 'string', enum: ACTION_STATUSES },
    overdue: { type: 'boolean', description: 'Open or in progress and due before today' },
    projectCodes: list(text()),
    version: int,
    createdAt: text(),
    updatedAt: text(),
  }),
  ImprovementActionList: object({ improvementActions: list(ref('ImprovementAction')) }),
  Heatmap: object({
    dimensions: list(object({ code: text(), name: text() })),
    directorates: list(
      object({
        code: text(),
        name: text(),
        assessed: { type: 'boolean', description: 'false: never assessed (no approved assessment)' },
        assessmentId: nullable(int),
        assessedOn: nullable({ type: 'string', format: 'date' }),
        overall: score,
        scores: { type: 'object', additionalProperties: score, description: 'Dimension code → score' },
      }),
    ),
  }),
};

const EDITORS = 'admin, finance (within their directorates)';
const idParam = { name: 'id', in: 'path', required: true, schema: int };
const ifMatch = ifMatchParam;
const query = (name: string, schema: Obj, description: string) => ({
  name,
  in: 'query',
  required: false,
  schema,
  description,
});

interface Op {
  summary: string;
  params?: Obj[];
  body?: string;
  ok: { status: number; schema: string; description?: string };
  errors: number[];
  roles: string;
  write?: boolean;
}

function op(o: Op): Obj {
  const responses = jsonResponses(o.ok, o.errors);
  const params = [...(o.params ?? []), ...(o.write ? [ifMatch] : [])];
  return {
    summary: o.summary,
    description: `Roles: ${o.roles}.`,
    tags: ['Assessments'],
    ...(params.length ? { parameters: params } : {}),
    ...(o.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(o.body) } } } } : {}),
    responses,
  };
}

const READ = 'any signed-in user';
const workflow = (summary: string, body: string, roles: string) =>
  op({
    summary,
    params: [idParam],
    body,
    ok: { status: 200, schema: 'Assessment' },
    errors: [400, 403, 404, 409, 422, 428],
    roles,
    write: true,
  });

export const assessmentPaths: Record<string, Obj> = {
  '/assessment-frameworks': {
    get: op({
      summary: 'List assessment framework versions',
      ok: { status: 200, schema: 'FrameworkList' },
      errors: [],
      roles: READ,
    }),
    post: {
      ...op({
        summary:
          'Save a framework under its code: changes its latest version while no assessment uses it (200), else makes a new version (201)',
        body: 'FrameworkInput',
        ok: { status: 201, schema: 'Framework' },
        errors: [400, 403, 422],
        roles: 'admin',
      }),
    },
  },
  '/assessment-frameworks/{id}': {
    get: op({
      summary: 'A framework version with its dimensions and statement codes',
      params: [idParam],
      ok: { status: 200, schema: 'Framework' },
      errors: [404],
      roles: READ,
    }),
  },
  '/assessments': {
    get: op({
      summary: 'List assessments, newest first',
      params: [
        query('directorate', { type: 'string' }, 'A directorate code'),
        query('status', { type: 'string', enum: ASSESSMENT_STATUSES }, 'draft, submitted or approved'),
      ],
      ok: { status: 200, schema: 'AssessmentList' },
      errors: [400],
      roles: READ,
    }),
    post: op({
      summary: 'Start an assessment (a draft, every statement unanswered) on the given or the latest framework',
      body: 'AssessmentInput',
      ok: { status: 201, schema: 'Assessment' },
      errors: [400, 403, 422],
      roles: EDITORS,
    }),
  },
  '/assessments/heatmap': {
    get: op({
      summary:
        "The blueprint: each directorate's latest approved dimension scores and date; never assessed shown as such",
      ok: { status: 200, schema: 'Heatmap' },
      errors: [],
      roles: READ,
    }),
  },
  '/assessments/{id}': {
    get: op({
      summary: 'An assessment with its C11 scores and answers',
      params: [idParam],
      ok: { status: 200, schema: 'Assessment' },
      errors: [404],
      roles: READ,
    }),
  },
  '/assessments/{id}/answers': {
    put: workflow(
      'Score statements (1–5 or null) with evidence, and record dimension strengths and weaknesses (a draft only)',
      'AnswersInput',
      EDITORS,
    ),
  },
  '/assessments/{id}/submit': {
    post: workflow('Submit a draft for approval (needs one answer at least)', 'WorkflowInput', EDITORS),
  },
  '/assessments/{id}/approve': {
    post: workflow('Approve a submitted assessment: not by the person who submitted it', 'WorkflowInput', EDITORS),
  },
  '/assessments/{id}/return': {
    post: workflow(
      'Return a submitted assessment to draft with a comment: not by the person who submitted it',
      'ReturnInput',
      EDITORS,
    ),
  },
  '/assessments/{id}/actions': {
    post: op({
      summary: 'Raise an improvement action against a dimension (a draft or approved assessment)',
      params: [idParam],
      body: 'ActionInput',
      ok: { status: 201, schema: 'ImprovementAction' },
      errors: [400, 403, 404, 409, 422],
      roles: EDITORS,
    }),
  },
  '/improvement-actions': {
    get: op({
      summary: 'List improvement actions by due date',
      params: [
        query('directorate', { type: 'string' }, 'A directorate code'),
        query('status', { type: 'string', enum: ACTION_STATUSES }, 'open, in_progress, done or dropped'),
        query('overdue', { type: 'string', enum: ['true', 'false'] }, 'true: open or in progress and due before today'),
      ],
      ok: { status: 200, schema: 'ImprovementActionList' },
      errors: [400],
      roles: READ,
    }),
  },
  '/improvement-actions/{id}': {
    get: op({
      summary: 'An improvement action',
      params: [idParam],
      ok: { status: 200, schema: 'ImprovementAction' },
      errors: [404],
      roles: READ,
    }),
    patch: op({
      summary: 'Change some fields (merged over the current action, then validated whole)',
      params: [idParam],
      body: 'ActionPatch',
      ok: { status: 200, schema: 'ImprovementAction' },
      errors: [400, 403, 404, 409, 422, 428],
      roles: EDITORS,
      write: true,
    }),
  },
};
