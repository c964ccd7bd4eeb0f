/**
 * The board paper's details (issue 15): who it is for, when and by whom, its protective marking,
 * and its purpose, recommendations and summary. Shared by the report form and any other entry point.
 */
import { z } from 'zod';
import { parseIsoDate } from '../financial-year';
import { choice, dateMessage, object, optionalText, requiredText, type InputMode } from './fields';

export const PAPER_MARKINGS = ['OFFICIAL', 'OFFICIAL-SENSITIVE'] as const;

/** An optional date: '' when left empty. */
function optionalDate(label: string) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      const t = typeof v === 'string' ? v.trim() : '';
      if (t === '') return '';
      if (parseIsoDate(t) === null) {
        ctx.addIssue({ code: 'custom', message: dateMessage(label, '2026-03-19') });
        return z.NEVER;
      }
      return t;
    });
}

export function reportPaperSchema(mode: InputMode) {
  return object(mode, {
    organisation: requiredText('the organisation', 200),
    committee: requiredText('the committee', 200),
    meetingDate: optionalDate('the meeting date'),
    title: requiredText('the title', 200),
    author: optionalText('the author', 200),
    marking: choice(PAPER_MARKINGS, 'a protective marking'),
    purpose: requiredText('the purpose', 4000),
    recommendations: requiredText('the recommendations', 4000),
    summary: optionalText('the summary', 4000),
  });
}

export type ReportPaperInput = z.output<ReturnType<typeof reportPaperSchema>>;
