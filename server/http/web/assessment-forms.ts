/**
 * The assessment pages' forms arrive flat (express.urlencoded without nesting): fields named
 * `answers.3.score`, `dimensions.0.statements.1.code` and so on. These turn them into the shapes
 * the shared schemas take, and back, so a message keyed by the schema's path lands on its field.
 */
import type { AnswersInput, FrameworkInput } from '../../validation/assessments.schema';
import type { AssessmentDetail } from '../../domain/assessments';
import type { ImprovementAction } from '../../records';
import { ValidationError } from '../../errors';

type Flat = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Indices i for which `${prefix}.${i}.…` keys exist, in order. */
function indices(flat: Flat, prefix: string): number[] {
  const found = new Set<number>();
  const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d{1,3})\\.`);
  for (const key of Object.keys(flat)) {
    const m = re.exec(key);
    if (m) found.add(Number.parseInt(m[1], 10));
  }
  return [...found].sort((a, b) => a - b);
}

// ## Answers

export function answersFormValues(d: AssessmentDetail): Flat {
  const out: Flat = { version: String(d.assessment.version) };
  const answers = new Map(d.answers.map((a) => [a.statementId, a]));
  const notes = new Map(d.notes.map((n) => [n.dimensionId, n]));
  let i = 0;
  d.framework.dimensions.forEach((dim, k) => {
    out[`dimensions.${k}.code`] = dim.code;
    out[`dimensions.${k}.strengths`] = notes.get(dim.id)?.strengths ?? '';
    out[`dimensions.${k}.weaknesses`] = notes.get(dim.id)?.weaknesses ?? '';
    for (const s of dim.statements) {
      const a = answers.get(s.id);
      out[`answers.${i}.statement`] = s.code;
      out[`answers.${i}.score`] = a?.score === null || a?.score === undefined ? '' : String(a.score);
      out[`answers.${i}.evidence`] = a?.evidence ?? '';
      i += 1;
    }
  });
  return out;
}

/** The form's fields as the answers schema's input (form mode parses the strings). */
export function readAnswersForm(flat: Flat): unknown {
  return {
    answers: indices(flat, 'answers').map((i) => ({
      statement: str(flat[`answers.${i}.statement`]),
      score: str(flat[`answers.${i}.score`]),
      evidence: str(flat[`answers.${i}.evidence`]),
    })),
    dimensions: indices(flat, 'dimensions').map((k) => ({
      code: str(flat[`dimensions.${k}.code`]),
      strengths: str(flat[`dimensions.${k}.strengths`]),
      weaknesses: str(flat[`dimensions.${k}.weaknesses`]),
    })),
  } satisfies Record<keyof AnswersInput, unknown>;
}

// ## Frameworks: each dimension gets a blank statement row, and a blank dimension follows, for adding

export function frameworkFormValues(f: FrameworkInput): Flat {
  const out: Flat = { code: f.code, name: f.name, description: f.description };
  const dims = [...f.dimensions, { code: '', name: '', statements: [] }];
  dims.forEach((d, i) => {
    out[`dimensions.${i}.code`] = d.code;
    out[`dimensions.${i}.name`] = d.name;
    [...d.statements, { code: '', text: '', levels: ['', '', '', '', ''] }].forEach((s, j) => {
      const p = `dimensions.${i}.statements.${j}`;
      out[`${p}.code`] = s.code;
      out[`${p}.text`] = s.text;
      s.levels.forEach((l, n) => (out[`${p}.level${n + 1}`] = l));
    });
  });
  return out;
}

/** The form's layout: how many dimensions, and statements in each, to draw. */
export function frameworkFormShape(flat: Flat): { i: number; statements: number[] }[] {
  return indices(flat, 'dimensions').map((i) => ({ i, statements: indices(flat, `dimensions.${i}.statements`) }));
}

const blank = (...v: string[]) => v.every((x) => x.trim() === '');

/**
 * The framework input with blank rows left out (a cleared statement is removed), and the map back
 * from its positions to the form's, so `remapErrors` can put each message beside its field.
 */
export function readFrameworkForm(flat: Flat): {
  input: unknown;
  remapErrors: (e: ValidationError) => ValidationError;
} {
  const dimPos: number[] = [];
  const stPos: number[][] = [];
  const dimensions: unknown[] = [];
  for (const { i, statements } of frameworkFormShape(flat)) {
    const code = str(flat[`dimensions.${i}.code`]);
    const name = str(flat[`dimensions.${i}.name`]);
    const kept: unknown[] = [];
    const keptPos: number[] = [];
    for (const j of statements) {
      const p = `dimensions.${i}.statements.${j}`;
      const levels = [1, 2, 3, 4, 5].map((n) => str(flat[`${p}.level${n}`]));
      const s = { code: str(flat[`${p}.code`]), text: str(flat[`${p}.text`]), levels };
      if (blank(s.code, s.text, ...levels)) continue;
      kept.push(s);
      keptPos.push(j);
    }
    if (blank(code, name) && kept.length === 0) continue;
    dimensions.push({ code, name, statements: kept });
    dimPos.push(i);
    stPos.push(keptPos);
  }
  const input = {
    code: str(flat.code),
    name: str(flat.name),
    description: str(flat.description),
    dimensions,
  };
  const remapErrors = (e: ValidationError) => {
    const fields: Record<string, string> = {};
    for (const [key, message] of Object.entries(e.fields)) {
      const m = /^dimensions\.(\d+)(?:\.statements\.(\d+))?(.*)$/.exec(key);
      if (!m) {
        fields[key] = message;
        continue;
      }
      const a = Number.parseInt(m[1], 10);
      const rest = m[3].replace(/^\.levels\.(\d)$/, (_x, n: string) => `.level${Number.parseInt(n, 10) + 1}`);
      fields[
        m[2] === undefined
          ? `dimensions.${dimPos[a]}${rest}`
          : `dimensions.${dimPos[a]}.statements.${stPos[a][Number.parseInt(m[2], 10)]}${rest}`
      ] = message;
    }
    return new ValidationError(fields, e.message, e.status);
  };
  return { input, remapErrors };
}

// ## Actions

export function actionFormValues(a: ImprovementAction): Flat {
  return {
    title: a.title,
    owner: a.owner,
    dueOn: a.dueOn,
    dimensionCode: a.dimensionCode,
    projectCodes: a.projectCodes.join(', '),
    status: a.status,
    version: String(a.version),
  };
}
