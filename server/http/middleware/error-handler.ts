import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { AppError, ConflictError, ValidationError } from '../../errors';
import type { Logger } from '../../logger';

export function isApiRequest(req: Request): boolean {
  return req.originalUrl.startsWith('/api/');
}

/** Body-parser and similar errors carry a status and `type`: client mistakes, not server faults. */
function clientError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const e = err as { status?: number; type?: string; expose?: boolean };
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500) return null;
  if ((e as { code?: string }).code === 'EBADCSRFTOKEN') {
    return new AppError(
      403,
      'csrf_failed',
      'This form has expired or did not come from Realise. Go back, reload the page and try again.',
    );
  }
  if (e.type === 'entity.parse.failed')
    return new AppError(400, 'malformed_json', 'The request body is not valid JSON');
  if (e.type === 'entity.too.large') return new AppError(413, 'payload_too_large', 'The request is too large');
  if (e.type === 'parameters.too.many') return new AppError(413, 'payload_too_large', 'The form has too many fields');
  return new AppError(e.status, 'bad_request', 'The request could not be understood');
}

export function notFound(): RequestHandler {
  return (req, res) => {
    if (isApiRequest(req)) {
      res.status(404).json({ error: { code: 'not_found', message: 'No such endpoint' } });
      return;
    }
    res.status(404).render('errors/404', { title: 'Page not found', message: null });
  };
}

/** Maps typed errors to their status; anything else is logged with the request id and shown as a plain 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = clientError(err);
    if (!known) logger.error({ err, requestId: req.requestId, url: req.originalUrl }, 'unhandled error');
    const status = known?.status ?? 500;
    if (res.headersSent) return;
    if (isApiRequest(req)) {
      const body: Record<string, unknown> = {
        code: known?.code ?? 'internal',
        message: known?.message ?? 'Something went wrong. The error has been logged.',
      };
      const field = (known as { field?: string } | null)?.field;
      if (field) body.field = field;
      // The API's message names the first problem, so a client log line is useful on its own.
      if (known instanceof ValidationError && field) body.message = `${field}: ${known.fields[field]}`;
      if (known instanceof ValidationError || known instanceof ConflictError) {
        if (Object.keys(known.fields).length) {
          body.field = Object.keys(known.fields)[0];
          body.fields = known.fields;
        }
      }
      if (!known) body.requestId = req.requestId;
      res.status(status).json({ error: body });
      return;
    }
    const view =
      status === 404 ? 'errors/404' : status === 403 ? 'errors/403' : status >= 500 ? 'errors/500' : 'errors/4xx';
    res.status(status).render(view, {
      title: known?.message ?? 'Sorry, there is a problem with the service',
      message: known?.message ?? null,
      requestId: req.requestId,
    });
  };
}
