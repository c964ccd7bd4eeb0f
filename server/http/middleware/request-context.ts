import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { RequestHandler } from 'express';
import type { Logger } from '../../logger';
import type { Ctx } from '../../domain/types';

/** A request id for logs and audit rows, and the domain context for this request. */
export function requestContext(db: Knex, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.requestId = incoming && /^[\w.-]{1,60}$/.test(incoming) ? incoming : crypto.randomUUID();
    res.setHeader("X-Request-Id", req.requestId);
    const actor = req.user ? { id: req.user.id, label: req.user.label } : { id: null, label: 'anonymous' };
    req.ctx = (): Ctx => ({ db, actor: req.user ? { id: req.user.id, label: req.user.label } : actor, logger, requestId: req.requestId });
    next();
  };
}
