/** createApp builds the Express app without listening, so tests drive it with Supertest. */
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import compression from 'compression';
import pinoHttp from 'pino-http';
import type { Knex } from 'knex';
import type { Config } from './config';
import type { Logger } from './logger';
import { requestContext } from './http/middleware/request-context';
import { layout } from './http/middleware/layout';
import { locals } from './http/middleware/locals';
import { errorHandler, notFound } from './http/middleware/error-handler';
import session from 'express-session';
import { KnexSessionStore } from './http/session-store';
import { authenticate, IDLE_TIMEOUT_MS, requireSignIn } from './http/middleware/authenticate';
import { csrfProtection } from './http/middleware/csrf';
import { firstRunSetup } from './http/middleware/first-run';
import { webRouter } from './http/web';
import { apiRouter } from './http/api';

export interface AppDeps {
  config: Config;
  knex: Knex;
  logger: Logger;
}

// Compiled code runs from dist/server, source from server/: either way the project root holds views/ and public/.
const ROOT = path.resolve(__dirname, '..', path.basename(path.dirname(__dirname)) === 'dist' ? '..' : '');

function staticFiles(app: Express): void {
  const long = { maxAge: '7d', index: false } as const;
  app.use('/public', express.static(path.join(ROOT, 'public'), { maxAge: '1h', index: false }));
  // Chart.js and GOV.UK assets come from node_modules: no CDN, so the app works on a closed network.
  app.use('/vendor/chart.js', express.static(path.join(ROOT, 'node_modules/chart.js/dist'), long));
  app.use('/assets', express.static(path.join(ROOT, 'node_modules/govuk-frontend/dist/govuk/assets'), long));
  // GOV.UK Frontend's components (error summary focus, double-click prevention), as an ES module.
  app.use('/vendor/govuk-frontend', express.static(path.join(ROOT, 'node_modules/govuk-frontend/dist/govuk'), long));
}

export function createApp({ config, knex, logger }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('view engine', 'ejs');
  app.set('views', path.join(ROOT, 'views'));
  if (config.env === 'production') app.set('view cache', true);

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          // Councils often serve internal tools over plain HTTP on a closed network: upgrading
          // every request to HTTPS would break the stylesheet and scripts there.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(compression());
  app.use(requestContext(knex, logger));
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req as express.Request).requestId,
      customProps: (req) => ({ userId: (req as express.Request).user?.id ?? null }),
      // Method, path and status only: headers carry cookies and tokens, bodies carry figures.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: {
        ignore: (req) =>
          (req.url ?? '').startsWith('/public/') ||
          (req.url ?? '').startsWith('/vendor/') ||
          (req.url ?? '').startsWith('/assets/'),
      },
    }),
  );
  staticFiles(app);
  // Everything past the static files is a user's figures or carries their session's CSRF token:
  // no browser or proxy cache may keep it (pages, API JSON, CSV/XLSX exports, the audit CSV).
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 2000 }));
  app.use(express.json({ limit: '2mb' }));
  // A body of a type neither parser takes (text/plain, say) leaves req.body undefined: make it an
  // empty object, so every handler answers such a request with its usual 4xx instead of failing.
  app.use((req, _res, next) => {
    req.body ??= {};
    next();
  });
  app.use(
    session({
      name: 'realise.sid',
      secret: config.sessionSecret,
      store: new KnexSessionStore(knex),
      resave: false,
      saveUninitialized: false,
      // Rolling: each request restarts the idle timeout; the absolute one is checked in authenticate().
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: IDLE_TIMEOUT_MS },
    }),
  );
  app.use(layout());

  // Liveness: the process answers. Readiness: it can reach its database (load balancers use this).
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    knex
      .raw('SELECT 1')
      .then(() => res.json({ status: 'ready' }))
      .catch((err) => {
        logger.warn({ err }, 'readiness check failed');
        res.status(503).json({
          status: 'unavailable',
          error: { code: 'database_unreachable', message: 'The database cannot be reached' },
        });
      });
  });
  app.use(authenticate(knex));
  app.use(locals());
  app.use(firstRunSetup(knex));
  app.use(csrfProtection());
  app.use(requireSignIn());
  app.use('/api/v1', apiRouter({ chromiumPath: config.chromiumPath }));
  app.use(webRouter({ chromiumPath: config.chromiumPath }));

  app.use(notFound());
  app.use(errorHandler(logger));
  return app;
}
