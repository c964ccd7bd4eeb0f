import 'express-session';

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    /** When the user signed in, for the absolute session timeout. */
    signedInAt?: number;
    csrfToken?: string;
  }
}
