/**
 * The HTTP API under /api/v1 (Hono with @hono/zod-openapi): sign-in and the session, then every operation of
 * the operation table (src/app/operations), one router per concept (operation-routes.ts). Roles and
 * organisation isolation are enforced by the table's role gate and the use cases; who acts comes from the
 * bearer token, never from the request body. The OpenAPI document is generated from the same zod schemas that
 * validate the requests.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import type { Operation } from '../../app/operation.js';
import { operations as allOperations } from '../../app/operations/index.js';
import { authenticate, signIn, signOut } from '../../app/records/accounts.js';
import { acceptInvitation } from '../../app/records/invitations.js';
import { rememberDecisions } from '../../app/records/screening-decisions.js';
import type { Actor, CaseServices } from '../../app/records/context.js';
import { Remembered } from '../../app/remembered.js';
import { HttError } from '../../core/errors.js';
import { newRouter, ok, operationRouters, problems, type HttEnv } from './operation-routes.js';
import { anyJson } from '../../app/operations/common.js';
import { checkText, hasUnsafeText, UNSAFE_TEXT_MESSAGE } from '../../app/validate.js';
import { fromHttError, fromZodError, problemResponse } from './problem.js';
import { REFERENCE_STYLE, referencePage } from './reference-page.js';
import { DOCUMENT_STYLE } from '../../app/page-styles.js';
import { KyselyRecordStore } from '../db/kysely-record-store.js';
import { KyselyThrottleStore } from '../db/kysely-throttle-store.js';
import { Throttle, type ThrottleRule } from './rate-limit.js';

type Env = HttEnv;

export interface HttpDeps {
  cases: CaseServices;
  logger: Logger;
  /** The built web desk (web/dist) to serve at /, if present. */
  webRoot?: string;
  /** Sign-in attempts per e-mail and address before 429 (default 5 per 15 minutes). */
  signInLimit?: { attempts: number; windowMs: number };
  /** Failed sign-ins per client address, whatever the e-mail, before 429 (default 20 per 15 minutes). */
  signInSourceLimit?: { attempts: number; windowMs: number };
  /** Failed invitation acceptances per client address before 429 (default 10 per 15 minutes). */
  invitationLimit?: { attempts: number; windowMs: number };
  /**
   * Behind a reverse proxy the operator trusts (HTT_TRUST_PROXY=1): the client address is the last entry of
   * X-Forwarded-For, which that proxy appends. Otherwise the socket's address; the header is ignored.
   */
  trustProxy?: boolean;
  /** The operations to mount (default: the whole table). */
  operations?: readonly Operation[];
  /**
   * Runs each API request (the server: with the list snapshot current at its start, live-snapshots.ts), so
   * that one request screens against one snapshot from start to end.
   */
  aroundRequest?: (fn: () => Promise<void>) => Promise<void>;
  /**
   * How long (ms) a checked session is remembered by this process (default HTT_SESSION_CACHE_MS or 1000;
   * 0: look it up on every request). A write through this process forgets every remembered session, so a
   * sign-out, revocation or deactivation here takes effect at once; one in another process within this time.
   * Each organisation's screening decisions, as /screen and /checks apply them, are remembered alike.
   */
  sessionCacheMs?: number;
}

/** The most of a refused body read to keep the connection (more is answered with Connection: close). */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/** Read a request body to its end, dropping it; false if it is longer than DRAIN_LIMIT or fails. */
async function drained(body: ReadableStream<Uint8Array> | null): Promise<boolean> {
  if (!body) return true;
  let bytes = 0;
  try {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      bytes += value.byteLength;
      if (bytes > DRAIN_LIMIT) {
        await reader.cancel().catch(() => undefined);
        return false;
      }
    }
  } catch {
    return false;
  }
}

const styleHash = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

const jsonBody = <S extends z.ZodTypeAny>(schema: S) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export function createApp(deps: HttpDeps): OpenAPIHono<Env> {
  const { cases: s, logger } = deps;
  // sign-in and invitation throttling, counted in the database so that every server process shares it
  if (!(s.store instanceof KyselyRecordStore))
    throw new Error(
      'the HTTP API needs the Kysely record store (throttling and idempotency keys live in it)',
    );
  const throttle = new Throttle(new KyselyThrottleStore(s.store.kysely));
  const window = (w: { attempts: number; windowMs: number } | undefined, attempts: number) => ({
    attempts: w?.attempts ?? attempts,
    windowMs: w?.windowMs ?? 15 * 60_000,
  });
  const signInLimit = window(deps.signInLimit, 5);
  const signInSourceLimit = window(deps.signInSourceLimit, 20);
  const invitationLimit = window(deps.invitationLimit, 10);
  /**
   * Check credentials under the throttle (sign-in, accept-invitation): the attempt is counted under `rules`
   * before `check` runs, so parallel guesses cannot all be evaluated; a refusal is a 429 with Retry-After.
   * Only a wrong credential (AUTH.FAILED) stays counted; any other outcome is taken back, and a success also
   * forgets the keys `resetOnSuccess`.
   */
  const throttled = async <T>(
    c: Context<Env>,
    rules: ThrottleRule[],
    check: () => Promise<T>,
    resetOnSuccess: string[] = [],
  ): Promise<T | Response> => {
    const attempt = await throttle.attempt(rules);
    if ('waitMs' in attempt) {
      const seconds = Math.ceil(attempt.waitMs / 1000);
      return problemResponse(
        c,
        'AUTH.RATE_LIMITED',
        `too many failed attempts; try again in ${seconds} s`,
        {},
        { 'retry-after': String(seconds) },
      );
    }
    let value: T;
    try {
      value = await check();
    } catch (e) {
      if (!(e instanceof HttError && e.code === 'AUTH.FAILED')) await attempt.admitted.forgive();
      throw e;
    }
    await attempt.admitted.forgive();
    for (const key of resetOnSuccess) await attempt.admitted.reset(key);
    return value;
  };
  const clientAddress = (c: Context<Env>): string => {
    if (deps.trustProxy) {
      const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((x) => x.trim());
      const last = forwarded[forwarded.length - 1];
      if (last) return last;
    }
    try {
      return getConnInfo(c).remote.address ?? 'local';
    } catch {
      return 'local'; // no socket (app.request in tests)
    }
  };
  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => (result.success ? undefined : fromZodError(c, result.error, 'request')),
  });

  // security headers on every response (issue 14): a CSP without inline script, no framing, no sniffing,
  // no referrer; the inline stylesheets of the server-rendered pages (the reference, a case file) are allowed
  // by their hashes. API answers are never cached; the desk's hashed assets are cached for good.
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/api/')) c.res.headers.set('cache-control', 'no-store');
    else if (c.res.ok && c.req.path.startsWith('/assets/'))
      c.res.headers.set('cache-control', 'public, max-age=31536000, immutable');
    else if (c.res.ok) c.res.headers.set('cache-control', 'no-cache');
    if (new URL(c.req.url).protocol === 'https:')
      c.res.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", ...[DOCUMENT_STYLE, REFERENCE_STYLE].map(styleHash)],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      strictTransportSecurity: false,
    }),
  );

  let counter = 0;
  app.use('*', async (c, next) => {
    const start = performance.now();
    c.set('requestId', `${process.pid}-${++counter}`);
    await next();
    const actor = c.get('actor');
    logger.info(
      {
        req: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - start) * 10) / 10,
        user: actor?.userId,
      },
      'request',
    );
  });
  // API answers over 1 KiB are gzipped when the client accepts it (the desk's assets come precompressed).
  // A client that accepts neither gzip nor deflate skips the middleware: it would only add Vary through
  // c.header, which turns the answer into a streamed Response (a fifth of a /screen call, issue 14 item 7);
  // Vary is set here on the answer's own headers instead.
  const gzipped = compress({ threshold: 1024 });
  app.use('/api/v1/*', async (c, next) => {
    if (/gzip|deflate|\*/i.test(c.req.header('accept-encoding') ?? '')) return gzipped(c, next);
    await next();
    const vary = c.res.headers.get('vary');
    if (vary !== '*' && !/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary ?? ''))
      c.res.headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
  });
  const limit = (maxSize: number) => {
    const streamed = bodyLimit({
      maxSize,
      onError: async (c) => {
        const res = problemResponse(
          c,
          'INPUT.TOO_LARGE',
          `the request body is over ${Math.round(maxSize / 1024)} KiB`,
        );
        // The client is still sending the body. Read and drop the rest (up to DRAIN_LIMIT) so that the
        // connection is clean for its next request (issue 14: after a 413 the next request on a keep-alive
        // connection was reset); beyond that, or if the body does not end, the connection is closed, and said so.
        if (!(await drained(c.req.raw.body))) res.headers.set('connection', 'close');
        return res;
      },
    });
    // A body with its Content-Length is judged by the header, as hono's bodyLimit does, but without
    // touching c.req.raw.body: that would build a web ReadableStream over the socket for every request,
    // where the JSON is otherwise read straight from it (@hono/node-server). Without the header (chunked),
    // hono's bodyLimit counts the bytes as they come (so too a body with neither header: HTTP/2, or a Request
    // built in a test).
    return (async (c, next) => {
      const length = c.req.header('content-length');
      if (length === undefined || c.req.header('transfer-encoding') !== undefined)
        return c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : streamed(c, next);
      return Number.parseInt(length, 10) > maxSize ? streamed(c, next) : next();
    }) as MiddlewareHandler<Env>;
  };
  app.use('/api/v1/screen/batch', limit(10 * 1024 * 1024));
  // a batch-screen job takes up to 1,000,000 names
  app.use('/api/v1/jobs/screen-batch', limit(64 * 1024 * 1024));
  // an attachment's bytes come base64 in JSON: 5 MiB of file is about 6.7 MiB of body
  app.use('/api/v1/attachments', limit(7 * 1024 * 1024));
  const ownLimit = new Set(['/api/v1/screen/batch', '/api/v1/jobs/screen-batch', '/api/v1/attachments']);
  app.use('/api/v1/*', async (c, next) => (ownLimit.has(c.req.path) ? next() : limit(1024 * 1024)(c, next)));

  const around = deps.aroundRequest;
  if (around) app.use('/api/v1/*', (_c, next) => around(next));

  // no NUL, control character or lone surrogate gets past the edge (issue 14): path, query and JSON body
  app.use('/api/v1/*', async (c, next) => {
    const url = new URL(c.req.url);
    let path = url.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // not valid percent-encoding: the routes answer it
    }
    if (hasUnsafeText(path)) return problemResponse(c, 'INPUT.INVALID', `path: ${UNSAFE_TEXT_MESSAGE}`);
    for (const [k, v] of url.searchParams) checkText({ [k]: v }, 'query');
    if (c.req.method !== 'GET' && /json/i.test(c.req.header('content-type') ?? ''))
      checkText(await c.req.json(), 'request');
    return next();
  });

  const open = new Set([
    '/api/v1/auth/sign-in',
    '/api/v1/auth/accept-invitation',
    '/api/v1/health',
    '/api/v1/openapi.json',
    '/api/v1/docs',
  ]);
  // Sessions checked in the last second are remembered (issue 14, item 7: three record reads per request
  // were most of a /screen call). Any write through this process forgets them all, so a sign-out, a
  // revocation or a deactivation made here holds at once; made in another process, within sessionCacheMs.
  const cacheMs = deps.sessionCacheMs ?? Number(process.env.HTT_SESSION_CACHE_MS ?? 1000);
  const sessions = new Remembered<{ actor: Actor; sessionId: string }>(cacheMs);
  // each organisation's screening decisions, for /screen and /checks, are remembered alike
  const forgetDecisions = rememberDecisions(s, cacheMs);
  const readOnlyPosts = new Set(
    (deps.operations ?? allOperations)
      .filter((op) => op.http.method === 'post' && op.audit === null && !op.http.path.includes('{'))
      .map((op) => `/api/v1${op.http.path}`),
  );
  const authenticated: MiddlewareHandler<Env> = async (c, next) => {
    if (open.has(c.req.path) || !c.req.path.startsWith('/api/v1/')) return next();
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
    const known = await sessions.get(token || undefined, () => authenticate(s, token));
    c.set('actor', known.actor);
    c.set('sessionId', known.sessionId);
    await next();
    if (c.req.method !== 'GET' && !readOnlyPosts.has(c.req.path)) {
      sessions.forget();
      forgetDecisions();
    }
  };
  app.use('/api/v1/*', authenticated);

  app.onError((e, c) => {
    // the database's address, user or driver message is for the log, never for the client
    if (e instanceof HttError && e.code === 'DB.UNAVAILABLE') {
      logger.error({ req: c.get('requestId'), err: { message: e.message } }, 'database unavailable');
      return problemResponse(c, 'DB.UNAVAILABLE', 'the database cannot be reached; try again later');
    }
    if (e instanceof HttError) return fromHttError(c, e);
    if (e instanceof HTTPException && e.status < 500) {
      return problemResponse(
        c,
        e.status === 413 ? 'INPUT.TOO_LARGE' : 'INPUT.INVALID_JSON',
        e.message || 'the request body is not valid JSON',
      );
    }
    if (e instanceof SyntaxError)
      return problemResponse(c, 'INPUT.INVALID_JSON', `the request body is not valid JSON: ${e.message}`);
    logger.error(
      { req: c.get('requestId'), err: { message: (e as Error).message, stack: (e as Error).stack } },
      'unhandled error',
    );
    return problemResponse(c, 'INTERNAL', 'an internal error occurred; it has been logged');
  });
  app.notFound((c) => problemResponse(c, 'HTTP.NOT_FOUND', `no route ${c.req.method} ${c.req.path}`));

  // -------------------------------------------------------------------------------- the session
  const auth = newRouter();
  auth.openapi(
    createRoute({
      method: 'post',
      path: '/auth/sign-in',
      tags: ['auth'],
      summary: 'Sign in with e-mail and password; returns a bearer token',
      request: jsonBody(
        z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(200) }).strict(),
      ),
      responses: {
        200: ok(z.object({ token: z.string(), expiresAt: z.string(), user: anyJson })),
        ...problems,
      },
    }),
    async (c) => {
      const b = c.req.valid('json');
      // throttled per (e-mail, client address) and per client address: another address is not slowed, so a
      // known e-mail cannot be locked out by someone else; a success forgets the (e-mail, address) count
      const source = clientAddress(c);
      const account = `sign-in|${b.email.toLowerCase()}|${source}`;
      const r = await throttled(
        c,
        [
          { key: account, ...signInLimit },
          { key: `sign-in|${source}`, ...signInSourceLimit },
        ],
        () => signIn(s, b.email, b.password),
        [account],
      );
      if (r instanceof Response) return r as never;
      return c.json({ token: r.token, expiresAt: r.expiresAt, user: r.actor }, 200);
    },
  );
  auth.openapi(
    createRoute({
      method: 'post',
      path: '/auth/accept-invitation',
      tags: ['auth'],
      summary: 'Set your password with the one-time token of an invitation; signs you in',
      request: jsonBody(
        z.object({ token: z.string().min(1).max(200), password: z.string().min(1).max(200) }).strict(),
      ),
      responses: {
        200: ok(z.object({ token: z.string(), expiresAt: z.string(), user: anyJson })),
        ...problems,
      },
    }),
    async (c) => {
      const b = c.req.valid('json');
      // throttled per client address; only a token that is not good counts (a weak password with a good
      // token does not)
      const source = clientAddress(c);
      const r = await throttled(c, [{ key: `invitation|${source}`, ...invitationLimit }], () =>
        acceptInvitation(s, b.token, b.password),
      );
      if (r instanceof Response) return r as never;
      return c.json({ token: r.token, expiresAt: r.expiresAt, user: r.actor }, 200);
    },
  );
  auth.openapi(
    createRoute({
      method: 'post',
      path: '/auth/sign-out',
      tags: ['auth'],
      summary: 'End this session',
      responses: { 200: ok(z.object({ signedOut: z.boolean() })), ...problems },
    }),
    async (c) => {
      await signOut(s, c.get('actor'), c.get('sessionId'));
      return c.json({ signedOut: true }, 200);
    },
  );
  app.route('/api/v1', auth);

  // ------------------------------------------------------------------------- the operation table
  for (const router of operationRouters(deps.operations ?? allOperations, s).values())
    app.route('/api/v1', router);

  // ------------------------------------------------------------------------------ health, reference
  app.get('/api/v1/health', async (c) => {
    const sc = s.checks.screener();
    try {
      await s.store.get('organisation', 'health-probe');
    } catch (e) {
      logger.error({ err: { message: (e as Error).message } }, 'health: database unavailable');
      return c.json({ status: 'unavailable', database: s.store.dialect }, 503);
    }
    return c.json({
      status: 'ok',
      database: s.store.dialect,
      rules: s.checks.rules().hash,
      lists: sc?.snapshot ?? null,
    });
  });
  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'htt API',
      version: '1.0.0',
      description:
        'U.S.–China high-technology trade: EAR determinations, screening and the case records. Errors are application/problem+json.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  if (deps.webRoot && existsSync(join(deps.webRoot, 'index.html'))) {
    const root = relative(process.cwd(), deps.webRoot) || '.';
    const index = readFileSync(join(deps.webRoot, 'index.html'));
    const indexIn: Record<string, Buffer> = { br: brotliCompressSync(index), gzip: gzipSync(index) };
    // the build writes .br and .gz twins of every asset (web/vite.config.ts): sent as they are
    const assets = serveStatic({ root, precompressed: true });
    app.use('/*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : assets(c, next)));
    // the web desk routes in the browser (/exporter/cases/TX-…): any other non-API path gets its page
    app.get('*', (c, next) => {
      if (c.req.path.startsWith('/api/')) return next();
      const accepted = (c.req.header('accept-encoding') ?? '').split(',').map((x) => x.trim().split(';')[0]);
      const encoding = ['br', 'gzip'].find((e) => accepted.includes(e));
      c.header('vary', 'Accept-Encoding');
      if (encoding) c.header('content-encoding', encoding);
      return c.body(new Uint8Array(encoding ? indexIn[encoding]! : index), 200, {
        'content-type': 'text/html; charset=UTF-8',
      });
    });
  }
  app.get('/api/v1/docs', (c) =>
    c.html(
      referencePage(
        app.getOpenAPI31Document({
          openapi: '3.1.0',
          info: { title: 'htt API', version: '1.0.0' },
        }) as unknown as Parameters<typeof referencePage>[0],
      ),
    ),
  );
  return app;
}
