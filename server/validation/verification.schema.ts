/** C10: verifying a realisation (an evidence grade) and returning it to unverified (a reason). */
import { z } from 'zod';
import { EVIDENCE_GRADES } from '../records';
import { choice, object, requiredText, type InputMode } from './fields';

export function verifySchema(mode: InputMode) {
  return object(mode, { grade: choice(EVIDENCE_GRADES, 'the evidence grade') });
}

export function unverifySchema(mode: InputMode) {
  return object(mode, { reason: requiredText('the reason for returning it to unverified', 500) });
}

export type VerifyInput = z.output<ReturnType<typeof verifySchema>>;
export type UnverifyInput = z.output<ReturnType<typeof unverifySchema>>;
