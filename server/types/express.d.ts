import type { Ctx } from '../domain/types';

declare global {
  namespace Express {
    interface User {
      id: number;
      label: string;
    }
    interface Request {
      requestId: string;
      user?: User;
      ctx(): Ctx;
    }
  }
}

export {};
