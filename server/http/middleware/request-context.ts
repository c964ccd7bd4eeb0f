import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { RequestHandler } from 'express';
import type { Logger } from '../../logger';
import { actorFor } from '../../domain/users';
import type { Ctx } from '../../domain/types';

const ANONYMOUS = { id: null, label: 'anonymous', role: 'scrutiny', directorateIds: [] } as const;

/** A request id for logs and audit rows, and the domain context for this request. */
export function requestContext(db: Knex, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.requestId = incoming && /^[\w.-]{1,60}$/.test(incoming) ? incoming : crypto.randomUUID();
    res.setHeader('X-Request-Id', req.requestId);
    // Built on demand, so it sees the user that authentication attached later in the chain.
    req.ctx = (): Ctx => ({
      db,
      actor: req.user ? actorFor(req.user) : { ...ANONYMOUS, directorateIds: [] },
      logger,
      requestId: req.requestId,
    });
    next();
  };
}
