/** GET /api/v1/benefits (issue 19): the benefits register with paging (limit, cursor), by project code and benefit ref. */
import { Router, type Request, type Response } from 'express';
import { getBenefitRegisterPage } from '../../domain/benefit-register';
import { BadRequestError } from '../../errors';
import { parseRegisterQuery } from '../../validation/register-query.schema';
import { asyncHandler } from '../middleware/async-handler';
import { registerResource } from '../presenters/benefit-register';
import { limitParam } from '../params';

export function benefitRegisterApiRoutes(): Router {
  const router = Router();
  router.get('/benefits', asyncHandler(index));
  return router;
}

const CODE = /^[A-Z0-9][A-Z0-9-]*$/;
const encode = (code: string, ref: string) => Buffer.from(`${code}/${ref}`, 'utf8').toString('base64url');

/** The cursor is opaque to clients: base64url of "project code/benefit ref" of the last row of the previous page. */
function cursor(req: Request): { code: string; ref: string } | undefined {
  const v = req.query.cursor;
  if (v === undefined || v === '') return undefined;
  const text = typeof v === 'string' && /^[A-Za-z0-9_-]{1,80}$/.test(v) ? Buffer.from(v, 'base64url').toString() : '';
  const [code, ref, ...rest] = text.split('/');
  if (rest.length || !CODE.test(code ?? '') || !CODE.test(ref ?? '') || encode(code, ref) !== v)
    throw new BadRequestError('cursor must be the nextCursor of an earlier page', 'cursor');
  return { code, ref };
}

/** @route GET /api/v1/benefits?type=&status=&owner=&directorate=&projectStatus=&priority=&asAt=&limit=&cursor= */
async function index(req: Request, res: Response) {
  const q = parseRegisterQuery(req.query);
  const limit = limitParam(req);
  const page = await getBenefitRegisterPage(req.ctx(), q.filter, cursor(req), limit, q.asAt);
  const last = page.rows.length === limit ? page.rows[page.rows.length - 1] : null;
  res.json({
    asAt: page.asAt,
    total: page.total,
    reforecastsAvailable: page.reforecastsAvailable,
    benefits: page.rows.map(registerResource),
    nextCursor: last ? encode(last.projectCode, last.ref) : null,
  });
}
