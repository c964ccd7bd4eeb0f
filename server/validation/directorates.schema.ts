import { z } from 'zod';
import { code, object, requiredText, type InputMode } from './fields';

export function directorateSchema(mode: InputMode) {
  return object(mode, {
    code: code('a directorate code', 10, 'CS'),
    name: requiredText('a directorate name', 120),
  });
}

export type DirectorateInput = z.output<ReturnType<typeof directorateSchema>>;
