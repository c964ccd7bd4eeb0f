import type { RequestHandler } from 'express';
import { ForbiddenError, UnauthorizedError } from '../../errors';
import type { Role } from '../../records';

/** The minimum role for a route; the domain checks scope (directorate, managed project) as well. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) return next(new UnauthorizedError());
    if (!roles.includes(req.user.role)) return next(new ForbiddenError());
    next();
  };
}
