/**
 * Typed errors carry their HTTP status and a stable code; the error handler maps them to a page
 * or to `{ error: { code, message, field?, fields?, line? } }`.
 */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Invalid input: one message per field. Forms re-render with 422; the API answers 400/422. */
export class ValidationError extends AppError {
  constructor(
    readonly fields: FieldErrors,
    message = 'There is a problem with the information you entered',
    status = 422,
  ) {
    super(status, 'validation_failed', message);
  }
  get field(): string | undefined {
    return Object.keys(this.fields)[0];
  }
}

export class BadRequestError extends AppError {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(400, 'bad_request', message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Page not found') {
    super(404, 'not_found', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do that') {
    super(403, 'forbidden', message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in to continue') {
    super(401, 'unauthorized', message);
  }
}

/** A write conflicted with another: a stale version, a duplicate code, or a row still in use. */
export class ConflictError extends AppError {
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
    code = 'conflict',
  ) {
    super(409, code, message);
  }
}

/** Someone else saved the row first; carries the current row so the form can show both. */
export class StaleVersionError extends ConflictError {
  constructor(readonly current: unknown) {
    super(
      'Someone else changed this record after you opened it. Check their changes and save again.',
      {},
      'stale_version',
    );
  }
}
