import { z } from 'zod';
import { object, optionalText, requiredText, type InputMode } from './fields';

/** A council priority on the managed list (issue 19). */
export function prioritySchema(mode: InputMode) {
  return object(mode, {
    name: requiredText('the priority', 200).transform((s) => s.replace(/\s+/g, ' ')),
    description: optionalText('the description', 2000),
  });
}

export type PriorityInput = z.output<ReturnType<typeof prioritySchema>>;
