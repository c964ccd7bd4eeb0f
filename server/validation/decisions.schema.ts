/** C9 decisions: an approval or a re-baseline, from the decision form, the API or a project's creation. */
import { z } from 'zod';
import { reasonCodeProblem } from '../domain/rules';
import { DECISION_KINDS, REASON_CODES } from '../records';
import { choice, isoDate, object, optional, optionalText, requiredText, type InputMode } from './fields';

function decisionShape() {
  return {
    decidedOn: isoDate('the decision date'),
    decidedBy: requiredText('the deciding body or person', 200),
    reference: requiredText('the reference (minute or report number)', 200),
    fundingSource: requiredText('the funding source', 200),
    reasonCode: optional(choice(REASON_CODES, 'the reason for the re-baseline')).transform((r) => r ?? null),
    note: optionalText('the note', 5000),
  };
}

export function decisionSchema(mode: InputMode) {
  return object(mode, {
    kind: choice(DECISION_KINDS, 'the kind of decision'),
    ...decisionShape(),
  }).superRefine((v, ctx) => {
    const problem = reasonCodeProblem(v.kind, v.reasonCode);
    if (problem) ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: problem });
  });
}

export type DecisionInput = z.output<ReturnType<typeof decisionSchema>>;

/** The approval a project created at `approved` or later brings with it (the API's `decision`). */
export function inlineApprovalSchema(mode: InputMode) {
  return object(mode, decisionShape()).transform((v, ctx) => {
    const problem = reasonCodeProblem('approval', v.reasonCode);
    if (problem) {
      ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: problem });
      return z.NEVER;
    }
    return { ...v, kind: 'approval' as const };
  });
}
