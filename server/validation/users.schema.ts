import { z } from 'zod';
import { ROLES } from '../records';
import { choice, flag, object, requiredText, type InputMode } from './fields';
import { MAX_PASSWORD_LENGTH } from '../auth/passwords';

const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z
    .string({ error: 'Enter an email address' })
    .min(1, 'Enter an email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .email('Enter an email address in the correct format, like name@council.gov.uk'),
);

// Length and strength rules live in auth/passwords.ts, which also knows the user's name and email.
const password = z
  .string({ error: 'Enter a password' })
  .min(1, 'Enter a password')
  .max(MAX_PASSWORD_LENGTH, `Enter a password of no more than ${MAX_PASSWORD_LENGTH} characters`);

const directorateCodes = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().max(10)).max(100),
);

export const signInSchema = object('form', {
  email,
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(MAX_PASSWORD_LENGTH),
});

export function setupSchema() {
  // In the order of the set-up form's fields, so its error summary lists them in that order.
  return object('form', { name: requiredText('your name', 120), email, password });
}

export function newUserSchema(mode: InputMode) {
  return object(mode, {
    email,
    name: requiredText('a name', 120),
    role: choice(ROLES, 'a role'),
    password,
    directorates: directorateCodes,
  });
}

export function editUserSchema(mode: InputMode) {
  return object(mode, {
    name: requiredText('a name', 120),
    role: choice(ROLES, 'a role'),
    isDisabled: flag(mode, 'disabled'),
    directorates: directorateCodes,
  });
}

export const changePasswordSchema = object('form', {
  currentPassword: z.string().max(MAX_PASSWORD_LENGTH).default(''),
  password,
});

export const newTokenSchema = object('form', {
  name: requiredText('a name for the token', 100),
  expiresInDays: z.enum(['30', '90', '365', 'never'], { error: 'Select when the token expires' }),
});
