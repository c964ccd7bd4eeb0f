import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Passes a rejected promise to the error handler (Express 5 does this too; kept explicit for clarity). */
export function asyncHandler(
  fn: (req: Request, res: Response, next: NextFunction) => Promise<unknown>,
): RequestHandler {
  return (req, res, next) => {
    fn(req, res, next).catch(next);
  };
}
