import { z } from 'zod';
import { financialYear, money, object, optionalText, type InputMode } from './fields';

/** C9 re-forecast: a financial year (C2) and a C1 amount (≥ 0; a dis-benefit's is positive too, C5). */
export function reforecastSchema(mode: InputMode) {
  return object(mode, {
    year: financialYear(mode),
    amount: money(mode),
    note: optionalText('the note', 2000),
  });
}

export type ReforecastInput = z.output<ReturnType<typeof reforecastSchema>>;
