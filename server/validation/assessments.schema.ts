/**
 * Assessments (issue 18, C11): frameworks, new assessments, answers, the workflow's return comment
 * and improvement actions. Forms, the API and the framework import share these schemas.
 */
import { z } from 'zod';
import { ACTION_STATUSES, ASSESSMENT_STATUSES } from '../records';
import { choice, code, isoDate, object, optionalText, requiredText, type InputMode } from './fields';

// ## Frameworks

const level = (n: number) => optionalText(`the level ${n} descriptor`, 2000);

export function statementSchema(mode: InputMode) {
  return object(mode, {
    code: code('a statement code', 40, 'GOV-2'),
    text: requiredText('the statement', 2000),
    levels: z.tuple([level(1), level(2), level(3), level(4), level(5)], {
      error: 'Give the five level descriptors, from level 1 to level 5',
    }),
  });
}

export function dimensionSchema(mode: InputMode) {
  return object(mode, {
    code: code('a dimension code', 40, 'GOV'),
    name: requiredText('the dimension name', 200),
    statements: z.array(statementSchema(mode), { error: 'List the statements' }).min(1, 'Give at least one statement'),
  });
}

/** A whole framework as written: codes unique within it (statement codes across all dimensions). */
export function frameworkSchema(mode: InputMode) {
  return object(mode, {
    code: code('a framework code', 40, 'ICT-EFFECTIVENESS'),
    name: requiredText('the framework name', 200),
    description: optionalText('the description', 5000),
    dimensions: z.array(dimensionSchema(mode), { error: 'List the dimensions' }).min(1, 'Give at least one dimension'),
  }).superRefine((f, ctx) => {
    const dims = new Set<string>();
    const statements = new Set<string>();
    f.dimensions.forEach((d, i) => {
      if (dims.has(d.code))
        ctx.addIssue({
          code: 'custom',
          path: ['dimensions', i, 'code'],
          message: `Dimension code ${d.code} is used twice`,
        });
      dims.add(d.code);
      d.statements.forEach((s, j) => {
        if (statements.has(s.code))
          ctx.addIssue({
            code: 'custom',
            path: ['dimensions', i, 'statements', j, 'code'],
            message: `Statement code ${s.code} is used twice`,
          });
        statements.add(s.code);
      });
    });
  });
}

export type FrameworkInput = z.output<ReturnType<typeof frameworkSchema>>;

// ## Assessments

/** Named assessors: a list in the API, names separated by commas or new lines in forms. */
function assessors(mode: InputMode) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      const names =
        mode === 'api'
          ? Array.isArray(v) && v.every((x) => typeof x === 'string')
            ? (v as string[])
            : null
          : typeof v === 'string'
            ? v.split(/[,\n;]/)
            : null;
      if (names === null) {
        ctx.addIssue({
          code: 'custom',
          message: mode === 'api' ? 'assessors must be a list of names, like ["A. Khan"]' : 'Enter the assessors',
        });
        return z.NEVER;
      }
      const clean = names.map((n) => n.trim()).filter(Boolean);
      if (clean.length === 0) {
        ctx.addIssue({ code: 'custom', message: 'Name at least one assessor' });
        return z.NEVER;
      }
      const joined = clean.join('; ');
      if (joined.length > 500) {
        ctx.addIssue({ code: 'custom', message: 'Assessors must be 500 characters or fewer in all' });
        return z.NEVER;
      }
      return joined;
    });
}

/** Framework id: a whole number (the API), or the form's select (empty: the latest framework). */
function frameworkId(mode: InputMode) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === null || v === '') return null;
      if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
      if (mode === 'form' && typeof v === 'string' && /^\d{1,9}$/.test(v)) return Number.parseInt(v, 10);
      ctx.addIssue({ code: 'custom', message: 'frameworkId must be the id of a framework, like 1' });
      return z.NEVER;
    });
}

export function newAssessmentSchema(mode: InputMode) {
  return object(mode, {
    directorateCode: code('a directorate', 10, 'CS', 'Select'),
    frameworkId: frameworkId(mode),
    assessedOn: isoDate('the assessment date'),
    assessors: assessors(mode),
  });
}

export type NewAssessmentInput = z.output<ReturnType<typeof newAssessmentSchema>>;

/** C11: a whole number 1–5 or null (unanswered). Forms send "" for unanswered. */
function score(mode: InputMode) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (v === null || v === undefined || (mode === 'form' && v === '')) return null;
      if (mode === 'api' && typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5) return v;
      if (mode === 'form' && typeof v === 'string' && /^[1-5]$/.test(v)) return Number.parseInt(v, 10);
      ctx.addIssue({
        code: 'custom',
        message:
          mode === 'api'
            ? 'score must be a whole number from 1 to 5, or null'
            : 'Choose a score from 1 to 5, or leave it unanswered',
      });
      return z.NEVER;
    });
}

export function answersSchema(mode: InputMode) {
  return object(mode, {
    answers: z
      .array(
        object(mode, {
          statement: code('a statement code', 40, 'GOV-2'),
          score: score(mode),
          evidence: optionalText('the evidence', 5000),
        }),
        { error: 'answers must be a list' },
      )
      .default([]),
    dimensions: z
      .array(
        object(mode, {
          code: code('a dimension code', 40, 'GOV'),
          strengths: optionalText('the strengths', 5000),
          weaknesses: optionalText('the weaknesses', 5000),
        }),
        { error: 'dimensions must be a list' },
      )
      .default([]),
  });
}

export type AnswersInput = z.output<ReturnType<typeof answersSchema>>;

export function returnSchema(mode: InputMode) {
  return object(mode, { comment: requiredText('a comment saying what needs changing', 2000) });
}

// ## Improvement actions

/** Project codes: a list in the API, codes separated by commas or spaces in forms. */
function projectCodes(mode: InputMode) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === null) return [];
      const list =
        mode === 'api'
          ? Array.isArray(v) && v.every((x) => typeof x === 'string')
            ? (v as string[])
            : null
          : typeof v === 'string'
            ? v.split(/[\s,;]+/)
            : Array.isArray(v)
              ? v.map(String)
              : null;
      if (list === null) {
        ctx.addIssue({ code: 'custom', message: 'projectCodes must be a list of project codes, like ["CS-001"]' });
        return z.NEVER;
      }
      const codes = [...new Set(list.map((c) => c.trim().toUpperCase()).filter(Boolean))];
      const bad = codes.find((c) => !/^[A-Z0-9][A-Z0-9-]{0,19}$/.test(c));
      if (bad) {
        ctx.addIssue({ code: 'custom', message: `${bad} is not a project code: use codes like CS-001` });
        return z.NEVER;
      }
      return codes;
    });
}

export function actionSchema(mode: InputMode) {
  return object(mode, {
    title: requiredText('a title', 300),
    owner: requiredText('the owner', 200),
    dueOn: isoDate('the due date'),
    dimensionCode: code('a dimension', 40, 'GOV', 'Select'),
    projectCodes: projectCodes(mode),
    status: z.preprocess((v) => (v === undefined || v === '' ? 'open' : v), choice(ACTION_STATUSES, 'a status')),
  });
}

export type ActionInput = z.output<ReturnType<typeof actionSchema>>;

// ## List filters (query strings): the API answers 400 naming a bad parameter

const optionalCode = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toUpperCase() : undefined),
  z
    .string()
    .regex(/^[A-Z0-9][A-Z0-9-]{0,9}$/, 'directorate must be a directorate code, like CS')
    .optional(),
);
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

export function assessmentQuerySchema() {
  return z.object({
    directorate: optionalCode,
    status: z.preprocess(
      blankToUndefined,
      z.enum(ASSESSMENT_STATUSES, { error: 'status must be draft, submitted or approved' }).optional(),
    ),
  });
}

export function actionQuerySchema() {
  return z.object({
    directorate: optionalCode,
    status: z.preprocess(
      blankToUndefined,
      z.enum(ACTION_STATUSES, { error: 'status must be open, in_progress, done or dropped' }).optional(),
    ),
    overdue: z.preprocess(
      blankToUndefined,
      z.enum(['true', 'false'], { error: 'overdue must be true or false' }).optional(),
    ),
  });
}
