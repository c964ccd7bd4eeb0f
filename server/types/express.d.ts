import type { Ctx } from '../domain/types';
import type { User as RealiseUser } from '../records';

declare global {
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends RealiseUser {}
    interface Request {
      requestId: string;
      user?: User;
      /** How the request proved who it is: a session cookie or an API token. */
      authMethod?: 'session' | 'token';
      ctx(): Ctx;
    }
  }
}

export {};
