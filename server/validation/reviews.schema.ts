/**
 * Post-implementation reviews (issue 17): scheduling one, recording it (and completing it), and the
 * organisation's review intervals. Shared by the forms and the API.
 */
import { z } from 'zod';
import { BENEFIT_STATUSES } from '../records';
import { parseIsoDate } from '../financial-year';
import { choice, dateMessage, flag, isoDate, object, optionalText, type InputMode } from './fields';

function optionalDate(label: string) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
      if (parseIsoDate(v) === null) {
        ctx.addIssue({ code: 'custom', message: dateMessage(label) });
        return z.NEVER;
      }
      return (v as string).trim();
    });
}

/** An extra review, on top of the ones the status changes schedule. */
export function scheduleReviewSchema(mode: InputMode) {
  return object(mode, { dueOn: isoDate('the date the review is due') });
}
export type ScheduleReviewInput = z.output<ReturnType<typeof scheduleReviewSchema>>;

const benefitLine = (mode: InputMode) =>
  object(mode, {
    ref: z.string({ error: 'Name the benefit by its ref, like B1' }).trim().toUpperCase().min(1),
    status: choice(BENEFIT_STATUSES, "the benefit's status"),
    note: optionalText('the note', 2000),
  });

export function reviewSchema(mode: InputMode) {
  return object(mode, {
    dueOn: isoDate('the date the review is due'),
    heldOn: optionalDate('the date the review was held'),
    reviewers: optionalText('the reviewers', 1000),
    findings: optionalText('the findings', 10000),
    lessons: optionalText('the lessons learned', 10000),
    nextSteps: optionalText('the next steps', 10000),
    benefits: z.array(benefitLine(mode), { error: 'benefits must be a list' }).optional().default([]),
    completed: flag(mode, 'completed'),
  });
}
export type ReviewInput = z.output<ReturnType<typeof reviewSchema>>;

function months(mode: InputMode, what: string) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      const text = typeof v === 'string' ? v.trim() : mode === 'api' && Number.isInteger(v) ? String(v) : '';
      const n = /^\d{1,2}$/.test(text) ? Number.parseInt(text, 10) : null;
      if (n === null || n < 1 || n > 60) {
        ctx.addIssue({ code: 'custom', message: `Enter ${what} as a whole number of months from 1 to 60` });
        return z.NEVER;
      }
      return n;
    });
}

export function reviewIntervalsSchema(mode: InputMode = 'form') {
  return object(mode, {
    goLiveMonths: months(mode, 'the time from go-live to the first review'),
    repeatMonths: months(mode, 'the time between later reviews'),
  });
}
