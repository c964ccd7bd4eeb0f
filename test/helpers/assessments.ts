/** Assessment test data through the domain layer (issue 18): a small framework and assessments on it. */
import type { Ctx } from '../../server/domain/types';
import { saveFramework } from '../../server/domain/assessment-frameworks';
import { createAssessment, saveAnswers, submitAssessment, approveAssessment } from '../../server/domain/assessments';
import { parseOrThrow } from '../../server/validation/fields';
import { answersSchema, frameworkSchema, newAssessmentSchema } from '../../server/validation/assessments.schema';

const levels = (what: string) => [1, 2, 3, 4, 5].map((n) => `${what} at level ${n}`);

/** Dimensions A, B (B-1, B-2) and C (C-1). */
export const SMALL_FRAMEWORK = {
  code: 'TEST-FW',
  name: 'Test framework',
  description: 'For tests',
  dimensions: [
    {
      code: 'A',
      name: 'Alignment',
      statements: ['A-1', 'A-2', 'A-3'].map((code) => ({ code, text: `Statement ${code}`, levels: levels(code) })),
    },
    {
      code: 'B',
      name: 'Benefits',
      statements: ['B-1', 'B-2'].map((code) => ({ code, text: `Statement ${code}`, levels: levels(code) })),
    },
    {
      code: 'C',
      name: 'Costs',
      statements: [{ code: 'C-1', text: 'Statement C-1', levels: levels('C-1') }],
    },
  ],
};

export async function aFramework(ctx: Ctx, over: Record<string, unknown> = {}) {
  return (await saveFramework(ctx, parseOrThrow(frameworkSchema('api'), { ...SMALL_FRAMEWORK, ...over }))).framework;
}

/** An assessment of `directorateCode` with these scores (statement code → score), optionally approved. */
export async function anAssessment(
  ctx: Ctx,
  directorateCode: string,
  scores: Record<string, number | null>,
  opts: { assessedOn?: string; approve?: boolean; submit?: boolean } = {},
) {
  const a = await createAssessment(
    ctx,
    parseOrThrow(newAssessmentSchema('api'), {
      directorateCode,
      assessedOn: opts.assessedOn ?? '2026-01-10',
      assessors: ['A. Assessor'],
    }),
  );
  const answers = Object.entries(scores).map(([statement, score]) => ({ statement, score, evidence: 'seen' }));
  const d = await saveAnswers(ctx, a.id, a.version, parseOrThrow(answersSchema('api'), { answers }));
  if (opts.submit || opts.approve) {
    const s = await submitAssessment(ctx, a.id, d.assessment.version);
    if (opts.approve) await approveAssessment(ctx, a.id, s.version);
  }
  return a.id;
}
