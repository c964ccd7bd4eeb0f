/** The `:kind` of an import route, for the pages and the API alike. */
import type { NextFunction, Request, Response } from 'express';
import { mayImport } from '../../domain/imports';
import { actorFor } from '../../domain/users';
import { ForbiddenError, NotFoundError } from '../../errors';
import { IMPORT_KINDS, isImportKind, LAYOUTS, type ImportKind } from '../../io/layouts';
import { param } from '../params';

export function importKindOf(req: Request): ImportKind {
  const kind = param(req, 'kind');
  if (!isImportKind(kind))
    throw new NotFoundError(`There is no such kind of import: imports are of ${IMPORT_KINDS.join(', ')}`);
  return kind;
}

/** Costs and profiles: finance and admin; realisations: project managers and admin. */
export function importKindAllowed(req: Request, _res: Response, next: NextFunction): void {
  try {
    const kind = importKindOf(req);
    if (!mayImport(actorFor(req.user!), kind))
      throw new ForbiddenError(`Your role cannot import ${LAYOUTS[kind].title.toLowerCase()}`);
    next();
  } catch (err) {
    next(err);
  }
}
