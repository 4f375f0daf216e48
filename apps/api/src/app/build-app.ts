import { randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { pickLanguage } from '../common/language';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_TEXTS, databaseErrorCode, isDatabaseUnavailable } from '../db/database-unavailable';
import type { RequestContext } from '../common/request-context';
import { formatErrorWith, localizeErrorsPlugin } from '../graphql/error-formatting';
import { introspectionForSignedInPlugin } from '../graphql/introspection-access';
import { depthLimitRule, queryCostPlugin, signedOutIntrospectionPlugin } from '../graphql/query-limits';
import { buildGraphqlSchema } from '../graphql/schema';
import { attachmentRoutes } from '../modules/attachments/attachment-routes';
import { refreshCookieOf } from '../modules/auth/refresh-cookie';
import { securityHeaders } from './security-headers';
import type { Services } from './services';
import { requestLogger } from '../common/request-logger';

export interface BuiltApp {
  app: express.Express;
  apollo: ApolloServer<RequestContext>;
}

const JSON_BODY_LIMIT = '1mb';

/** `Authorization: Bearer <token>`, compared in constant time. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The built web add-in, served from the API's own port when it exists. Found from this file, not from
 * the working directory: `npm start` runs the API in apps/api, the e2e tests from the repository root.
 */
export function webDistDir(): string | null {
  const candidates = [
    path.resolve(__dirname, '../../../web/dist'), // running the sources: apps/api/src/app
    path.resolve(__dirname, '../../../../../../web/dist'), // running the build: apps/api/dist/apps/api/src/app
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}

function requestIds(services: Services): RequestHandler {
  // The request line holds only the fields below, none of them secret, so it skips pino's redaction:
  // with its wildcard paths that walks every value of a line and took ~50 us of a request's CPU.
  const requestLog = services.log.child({}, { redact: { paths: [] } });
  return (req, res, next) => {
    const incoming = req.header('x-request-id');
    const id = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.locals.log = requestLogger(services.log, { requestId: id });
    res.setHeader('x-request-id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      requestLog.info({ requestId: id, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

/**
 * Origins of other Maestro front-ends may call the API (MAESTRO_CORS_ORIGINS); any other browser
 * origin is refused outright. Calls without an Origin (servers, ERP modules) are not browsers' and pass.
 */
function corsFor(allowed: readonly string[]): RequestHandler {
  const allow = cors({ origin: [...allowed], credentials: false, maxAge: 600, allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-request-id', 'accept-language'] });
  return (req, res, next) => {
    const origin = req.header('origin');
    const sameOrigin = origin && req.header('host') && hostOfOrigin(origin) === req.header('host');
    if (origin && !sameOrigin && !allowed.includes(origin)) {
      res.status(403).json({ errors: [{ message: `Origin ${origin} is not allowed: add it to MAESTRO_CORS_ORIGINS.`, extensions: { code: 'FORBIDDEN_ORIGIN' } }] });
      return;
    }
    allow(req, res, next);
  };
}

/** The host[:port] of an Origin header, or null for `null`, garbage and anything that is not http(s). */
function hostOfOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : null;
  } catch {
    return null;
  }
}

/** Malformed or oversized bodies get a 400/413 with a reason, never a crash or a stack trace. */
const bodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
  const status = (err as { status?: number; type?: string }).status;
  const type = (err as { type?: string }).type;
  if (type === 'entity.parse.failed') {
    res.status(400).json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  } else if (type === 'entity.too.large') {
    res.status(413).json({ errors: [{ message: `The request body is larger than ${JSON_BODY_LIMIT}: upload files through POST /attachments, and split a long list of messages over several sendMessages requests.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  } else if (status && status >= 400 && status < 500) {
    res.status(status).json({ errors: [{ message: String((err as Error).message), extensions: { code: 'BAD_REQUEST' } }] });
  } else {
    next(err);
  }
};

/**
 * The caller, looked up before the operation runs. When the database cannot answer, the whole request
 * is refused as retryable (503, Retry-After): Apollo answers errors from here without its plugins, so
 * the text is in the caller's language already.
 */
async function callerOrRefusal(services: Services, req: express.Request): Promise<RequestContext['caller']> {
  try {
    return await services.auth.callerFor(req.header('authorization'));
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    const text = DATABASE_TEXTS.unavailable()[pickLanguage(req.header('accept-language'))];
    throw new GraphQLError(text, {
      extensions: {
        code: 'DATABASE_UNAVAILABLE',
        retryable: true,
        retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
        http: { status: 503, headers: new Map([['retry-after', String(DATABASE_RETRY_AFTER_SECONDS)]]) },
      },
    });
  }
}

/** REST routes: a request the database could not store is refused as retryable, never left hanging. */
export function refuseDatabaseUnavailable(req: express.Request, res: express.Response): void {
  res.setHeader('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
  res.status(503).json({ error: { code: 'DATABASE_UNAVAILABLE', message: DATABASE_TEXTS.unavailable()[pickLanguage(req.header('accept-language'))], retryable: true } });
}

export interface BuildOptions {
  /** Extra routes mounted before the web app (the dev mailbox's window), built with the services. */
  extraRoutes?: Array<(services: Services) => express.Router>;
}

export async function buildApp(services: Services, options: BuildOptions = {}): Promise<BuiltApp> {
  const schema = buildGraphqlSchema();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    csrfPrevention: true,
    // Never a stack trace to a client, whatever NODE_ENV says.
    includeStacktraceInErrorResponses: false,
    // main.ts shuts down in order (HTTP, then the dispatcher's messages in flight, then Apollo); Apollo's
    // own signal handler would stop the process before the messages in flight are recorded.
    stopOnTerminationSignals: false,
    introspection: true,
    validationRules: [depthLimitRule],
    formatError: formatErrorWith(services.log),
    plugins: [ApolloServerPluginLandingPageDisabled(), signedOutIntrospectionPlugin(), introspectionForSignedInPlugin(), queryCostPlugin(schema), localizeErrorsPlugin()],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from the proxies the operator names: anyone else could write
  // any address there and get a fresh login throttle with each one.
  app.set('trust proxy', services.config.trustedProxies.length ? services.config.trustedProxies : false);
  app.use(requestIds(services));
  app.use(securityHeaders(services.config.frameAncestors));

  // Liveness touches no database: a lock elsewhere must not get a live process restarted.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready means a write commits now (a heartbeat UPDATE, at most once per MAESTRO_READY_PROBE_MS):
  // while the disk refuses writes or another process holds the lock, this instance takes no traffic.
  app.get('/readyz', async (_req, res) => {
    const probe = await services.writeProbe.check();
    if (probe.writable) {
      res.json({ status: 'ready' });
      return;
    }
    res.setHeader('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    res.status(503).json({ status: 'database unavailable', code: 'DATABASE_UNAVAILABLE' });
  });

  app.get('/metrics', async (req, res, next) => {
    const token = services.config.metricsToken;
    // Off unless a token is set: the counts say how much each kind of mail a company sends.
    if (!token) return next();
    if (!bearerMatches(req.header('authorization'), token)) {
      res.status(401).type('text/plain').send('Send Authorization: Bearer <MAESTRO_METRICS_TOKEN>.');
      return;
    }
    res.type(services.metrics.registry.contentType).send(await services.metrics.registry.metrics());
  });

  const web = webDistDir();
  // A browser asking for /graphql gets the bundled GraphiQL playground (works offline).
  app.get('/graphql', (req, res, next) => {
    if (!req.accepts('html') || req.query.query) return next();
    if (web && existsSync(path.join(web, 'playground.html'))) return res.sendFile(path.join(web, 'playground.html'));
    res.status(404).type('text/plain').send('The GraphiQL playground is part of the web build: run `npm run build`, then open /graphql again.');
  });

  app.use(
    '/graphql',
    corsFor(services.config.corsOrigins),
    express.json({ limit: JSON_BODY_LIMIT }),
    bodyErrors,
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<RequestContext> => ({
        caller: await callerOrRefusal(services, req),
        language: pickLanguage(req.header('accept-language')),
        requestId: res.locals.requestId as string,
        ip: req.ip ?? 'unknown',
        log: res.locals.log,
        refreshCookie: refreshCookieOf(req, res),
        services,
        messagesInRequest: { count: 0 },
        ranOnce: new Set(),
      }),
    }),
  );

  app.use(['/attachments', '/messages'], corsFor(services.config.corsOrigins));
  app.use(attachmentRoutes(services));
  for (const routes of options.extraRoutes ?? []) app.use(routes(services));

  if (web) {
    app.use(express.static(web, { index: false, maxAge: '1h' }));
    // The add-in is a single-page app: its routes all load index.html.
    app.get(/^\/(?!graphql|attachments|healthz|readyz|metrics|dev-mailbox).*/, (req, res, next) => (req.accepts('html') ? res.sendFile(path.join(web, 'index.html')) : next()));
  }

  const unexpected: ErrorRequestHandler = (err, req, res, _next) => {
    if (isDatabaseUnavailable(err)) {
      (res.locals.log ?? services.log).warn({ code: databaseErrorCode(err), path: req.path }, 'a request was refused: the database is unavailable');
      if (res.headersSent) res.destroy();
      else refuseDatabaseUnavailable(req, res);
      return;
    }
    const errorId = randomUUID();
    (res.locals.log ?? services.log).error({ errorId, err }, 'unexpected error');
    res.status(500).json({ errors: [{ message: `Unexpected error (id ${errorId}).`, extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } }] });
  };
  app.use(unexpected);
  return { app, apollo };
}
