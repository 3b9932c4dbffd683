/**
 * The HTTP API under /api/v1 (Hono with @hono/zod-openapi): every use case of the engine, screening and the
 * case records, behind sign-in, with roles and organisation isolation enforced by the use cases. The
 * OpenAPI document is generated from the same zod schemas that validate the requests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { checkInput, checkResult, overlay, type CheckInput, type Overlay } from '../../contracts/check.js';
import {
  counterpartyInput,
  eusRequestInput,
  licenseApplicationInput,
  organisationInput,
  outreachEventInput,
  userInput,
  veuApplicationInput,
} from '../../contracts/records.js';
import { checkValidated } from '../../app/check.js';
import { describeEccn } from '../../app/eccn.js';
import { authenticate, changePassword, signIn, signOut } from '../../app/records/accounts.js';
import {
  actOnEusRequest,
  actOnLicense,
  actOnVeu,
  certifyVeu,
  createEusRequest,
  createLicenseApplication,
  createVeuApplication,
  veuAnnualReport,
  voteToRevokeVeu,
} from '../../app/records/applications.js';
import { verifyAudit } from '../../app/records/audit.js';
import { buildCaseFile, caseFileHtml } from '../../app/records/case-file.js';
import {
  getVisible,
  listVisible,
  requireRole,
  type Actor,
  type CaseServices,
} from '../../app/records/context.js';
import { addUser, createOrganisation, type UserData } from '../../app/records/organisations.js';
import {
  addMaterial,
  answerQuestion,
  askQuestion,
  createEvent,
  htwgMetrics,
  markEventHeld,
  registerForEvent,
} from '../../app/records/outreach-and-metrics.js';
import {
  addCounterparty,
  attachAuthorizations,
  cancelTransaction,
  clearHit,
  createTransaction,
  placeHold,
  recheckTransaction,
  recordReexport,
  releaseHoldCase,
  rescreenAll,
  shipTransaction,
} from '../../app/records/transactions.js';
import type { RecordKind, StoredRecord } from '../../app/ports/record-store.js';
import { HttError } from '../../core/errors.js';
import { rulesInForce } from '../../core/rules/rule-set.js';
import { isoDate } from '../../core/rules/schema.js';
import { eusActions } from '../../core/workflows/end-user-statement.js';
import {
  licenseActions,
  licenseClock,
  type LicenseApplicationData,
} from '../../core/workflows/license-application.js';
import { veuAppActions } from '../../core/workflows/veu.js';
import { fromHttError, fromZodError, problemResponse, problemSchema } from './problem.js';
import { referencePage } from './reference-page.js';
import { RateLimiter } from './rate-limit.js';

type Env = { Variables: { actor: Actor; sessionId: string; requestId: string } };

export interface HttpDeps {
  cases: CaseServices;
  logger: Logger;
  /** The built web desk (web/dist) to serve at /, if present. */
  webRoot?: string;
  /** Sign-in attempts per e-mail and address before 429 (default 5 per 15 minutes). */
  signInLimit?: { attempts: number; windowMs: number };
}

const storedRecord = z
  .object({
    kind: z.string(),
    id: z.string(),
    orgIds: z.array(z.string()),
    state: z.string(),
    data: z.unknown(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    retainUntil: z.string().nullable(),
  })
  .openapi('Record');

const anyJson = z.record(z.unknown()).openapi('Json');
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const text = (field = 'text') => z.object({ [field]: z.string().min(1).max(5000) }).strict();
const jsonBody = <S extends z.ZodTypeAny>(schema: S) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const ok = (schema: z.ZodTypeAny = anyJson, description = 'OK') => ({
  content: { 'application/json': { schema } },
  description,
});
const problems = {
  400: ok(problemSchema, 'Bad request'),
  401: ok(problemSchema, 'Not signed in'),
  403: ok(problemSchema, 'Not allowed for this role'),
  404: ok(problemSchema, 'Not found, or not visible to this organisation'),
  409: ok(problemSchema, 'Conflict with the record state'),
  413: ok(problemSchema, 'Too large'),
  422: ok(problemSchema, 'Invalid input'),
  429: ok(problemSchema, 'Too many requests'),
};

/** Hide what a user record must never show. */
const publicRecord = (r: StoredRecord): StoredRecord =>
  r.kind === 'user'
    ? { ...r, data: { ...(r.data as UserData), passwordHash: undefined } }
    : r.kind === 'session'
      ? { ...r, data: { ...(r.data as object), secretHash: undefined } }
      : r;

export function createApp(deps: HttpDeps): OpenAPIHono<Env> {
  const { cases: s, logger } = deps;
  const limiter = new RateLimiter(deps.signInLimit?.attempts ?? 5, deps.signInLimit?.windowMs ?? 15 * 60_000);
  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => (result.success ? undefined : fromZodError(c, result.error, 'request')),
  });

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
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) =>
        problemResponse(c, 'INPUT.TOO_LARGE', `the request body is over ${Math.round(maxSize / 1024)} KiB`),
    });
  app.use('/api/v1/screen/batch', limit(10 * 1024 * 1024));
  app.use('/api/v1/*', async (c, next) =>
    c.req.path === '/api/v1/screen/batch' ? next() : limit(1024 * 1024)(c, next),
  );

  const open = new Set(['/api/v1/auth/sign-in', '/api/v1/health', '/api/v1/openapi.json', '/api/v1/docs']);
  const auth: MiddlewareHandler<Env> = async (c, next) => {
    if (open.has(c.req.path) || !c.req.path.startsWith('/api/v1/')) return next();
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
    const { actor, sessionId } = await authenticate(s, token);
    c.set('actor', actor);
    c.set('sessionId', sessionId);
    return next();
  };
  app.use('/api/v1/*', auth);

  app.onError((e, c) => {
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

  // ---------------------------------------------------------------------------------------- helpers
  const actor = (c: Context<Env>) => c.get('actor');
  const body = <T>(c: Context<Env>) => (c.req as unknown as { valid(t: 'json'): T }).valid('json');
  const query = <T>(c: Context<Env>) => (c.req as unknown as { valid(t: 'query'): T }).valid('query');
  const param = (c: Context<Env>) =>
    (c.req as unknown as { valid(t: 'param'): { id: string } }).valid('param').id;
  const json = (c: Context<Env>, data: unknown, status: 200 | 201 = 200): never =>
    c.json(
      (data && typeof data === 'object' && 'kind' in data
        ? publicRecord(data as StoredRecord)
        : data) as never,
      status,
    ) as never;
  const listOf = (kind: RecordKind, tag: string, summary: string) =>
    app.openapi(
      createRoute({
        method: 'get',
        path: `/api/v1/${tag}`,
        tags: [tag],
        summary,
        request: {
          query: z.object({
            state: z.string().max(50).optional(),
            limit: z.coerce.number().int().min(1).max(1000).optional(),
          }),
        },
        responses: { 200: ok(z.array(storedRecord)), ...problems },
      }),
      async (c) => {
        const q = query<{ state?: string; limit?: number }>(c);
        const rows = await listVisible(s, actor(c), kind, {
          ...(q.state ? { state: q.state } : {}),
          ...(q.limit ? { limit: q.limit } : {}),
          orderBy: 'updatedAt',
        });
        return c.json(rows.map(publicRecord) as never, 200);
      },
    );
  const getOne = (kind: RecordKind, tag: string, summary: string) =>
    app.openapi(
      createRoute({
        method: 'get',
        path: `/api/v1/${tag}/{id}`,
        tags: [tag],
        summary,
        request: { params: idParam },
        responses: { 200: ok(storedRecord), ...problems },
      }),
      async (c) => json(c, await getVisible(s, actor(c), kind, param(c))),
    );
  const post = <S extends z.ZodTypeAny>(
    path: string,
    tag: string,
    summary: string,
    schema: S,
    handler: (c: Context<Env>, b: z.infer<S>) => Promise<unknown>,
    status: 200 | 201 = 200,
  ) =>
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/v1/${path}`,
        tags: [tag],
        summary,
        request: { ...(path.includes('{id}') ? { params: idParam } : {}), ...jsonBody(schema) },
        responses: { [status]: ok(anyJson), ...problems },
      }),
      async (c) =>
        json(
          c,
          await handler(c as unknown as Context<Env>, body<z.infer<S>>(c as unknown as Context<Env>)),
          status,
        ),
    );

  // ------------------------------------------------------------------------------------- accounts
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/sign-in',
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
      const b = body<{ email: string; password: string }>(c as unknown as Context<Env>);
      const key = `${b.email.toLowerCase()}|${c.req.header('x-forwarded-for') ?? 'local'}`;
      const wait = limiter.blockedFor(key);
      if (wait > 0)
        return problemResponse(
          c,
          'AUTH.RATE_LIMITED',
          `too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} s`,
          {},
          { 'retry-after': String(Math.ceil(wait / 1000)) },
        ) as never;
      try {
        const r = await signIn(s, b.email, b.password);
        limiter.reset(key);
        return c.json({ token: r.token, expiresAt: r.expiresAt, user: r.actor }, 200);
      } catch (e) {
        if (e instanceof HttError && e.code === 'AUTH.FAILED') limiter.fail(key);
        throw e;
      }
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/sign-out',
      tags: ['auth'],
      summary: 'End this session',
      responses: { 200: ok(), ...problems },
    }),
    async (c) => {
      await signOut(s, actor(c as unknown as Context<Env>), c.get('sessionId'));
      return c.json({ signedOut: true }, 200);
    },
  );
  post(
    'auth/password',
    'auth',
    'Change your password',
    z.object({ current: z.string().max(200), next: z.string().max(200) }).strict(),
    async (c, b) => {
      await changePassword(s, actor(c), b.current, b.next);
      return { changed: true };
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/auth/me',
      tags: ['auth'],
      summary: 'Who is signed in',
      responses: { 200: ok(), ...problems },
    }),
    (c) => c.json(actor(c as unknown as Context<Env>) as never, 200),
  );

  // --------------------------------------------------------------------------- engine and screening
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/checks',
      tags: ['checks'],
      summary: 'Determine license requirement, authorization and documents for one export',
      request: jsonBody(checkInput),
      responses: { 200: ok(checkResult), ...problems },
    }),
    (c) =>
      c.json(
        checkValidated(
          { rules: s.checks.rules(), screener: s.checks.screener(), today: s.checks.today },
          body<CheckInput>(c as unknown as Context<Env>),
        ) as never,
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/checks/what-if',
      tags: ['checks'],
      summary: 'A check with a what-if overlay (extra VEU or list entries)',
      request: jsonBody(z.object({ input: checkInput, overlay }).strict()),
      responses: { 200: ok(checkResult), ...problems },
    }),
    (c) => {
      const b = body<{ input: CheckInput; overlay: Overlay }>(c as unknown as Context<Env>);
      return c.json(
        checkValidated(
          { rules: s.checks.rules(), screener: s.checks.screener(), today: s.checks.today },
          b.input,
          b.overlay,
        ) as never,
        200,
      );
    },
  );
  const screenQuery = z
    .object({
      name: z.string().min(1).max(500),
      country: z.string().length(2).optional(),
      threshold: z.number().min(0).max(1).optional(),
      cleared: z.array(z.string()).max(500).optional(),
    })
    .strict();
  const screener = () => {
    const sc = s.checks.screener();
    if (!sc) throw new HttError({ code: 'LISTS.NOT_LOADED', message: 'no list snapshot is loaded' });
    return sc;
  };
  post('screen', 'screening', 'Screen one name against the loaded lists', screenQuery, async (_c, b) => ({
    query: b.name,
    hits: screener().screen(
      { name: b.name, ...(b.country ? { country: b.country } : {}) },
      {
        ...(b.threshold !== undefined ? { threshold: b.threshold } : {}),
        ...(b.cleared ? { cleared: b.cleared } : {}),
      },
    ),
  }));
  post(
    'screen/batch',
    'screening',
    'Screen up to 10,000 names, answers in input order',
    z
      .object({
        names: z.array(z.string().max(10_000)).min(1).max(10_000),
        country: z.string().length(2).optional(),
      })
      .strict(),
    async (_c, b) => {
      const sc = screener();
      return {
        lists: sc.snapshot,
        results: b.names.map((name) => {
          try {
            return { query: name, hits: sc.screen({ name, ...(b.country ? { country: b.country } : {}) }) };
          } catch (e) {
            if (e instanceof HttError)
              return { query: name, hits: [], error: e.problem.code, message: e.message };
            throw e;
          }
        }),
      };
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/lists',
      tags: ['screening'],
      summary: 'The loaded list snapshot',
      responses: { 200: ok(), ...problems },
    }),
    (c) => {
      const sc = s.checks.screener();
      return c.json(
        (sc
          ? { loaded: true, snapshot: sc.snapshot, snapshotDate: sc.snapshotDate }
          : { loaded: false }) as never,
        200,
      );
    },
  );
  post(
    'lists/rescreen',
    'screening',
    'Re-screen every counterparty against the loaded lists (new hits open holds)',
    z.object({}).strict(),
    async (c) => {
      const a = actor(c);
      if (!(a.role === 'bis_officer' || (a.role === 'admin' && a.orgType === 'bis'))) {
        throw new HttError({
          code: 'CASE.FORBIDDEN',
          message: 'only BIS officers and the operator re-screen every counterparty',
        });
      }
      return rescreenAll(s, screener());
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/eccns/{id}',
      tags: ['checks'],
      summary: "What the CCL says about an ECCN and China's columns",
      request: { params: idParam, query: z.object({ asOf: isoDate.optional() }) },
      responses: { 200: ok(), ...problems },
    }),
    (c) =>
      c.json(
        describeEccn(
          s.checks.rules(),
          param(c as unknown as Context<Env>),
          query<{ asOf?: string }>(c as unknown as Context<Env>).asOf ?? s.checks.today(),
        ) as never,
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/eccns',
      tags: ['checks'],
      summary: 'All ECCNs with headings (for autocomplete)',
      responses: { 200: ok(z.array(z.object({ eccn: z.string(), heading: z.string() }))), ...problems },
    }),
    (c) =>
      c.json(
        [...s.checks.rules().ccl.values()].map((e) => ({ eccn: e.eccn, heading: e.heading })) as never,
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/rules',
      tags: ['checks'],
      summary: 'Rule versions in force on a date',
      request: { query: z.object({ asOf: isoDate.optional() }) },
      responses: { 200: ok(), ...problems },
    }),
    (c) => {
      const asOf = query<{ asOf?: string }>(c as unknown as Context<Env>).asOf ?? s.checks.today();
      const rules = s.checks.rules();
      return c.json(
        { asOf, ruleSet: `ear-${asOf}@${rules.hash}`, families: rulesInForce(rules, asOf) } as never,
        200,
      );
    },
  );

  // ------------------------------------------------------------------------- organisations, users
  listOf('organisation', 'organisations', 'Organisations you can see');
  post(
    'organisations',
    'organisations',
    'Create an organisation (operators: BIS administrators)',
    organisationInput,
    async (c, b) => {
      const a = actor(c);
      if (!(a.role === 'admin' && a.orgType === 'bis'))
        throw new HttError({
          code: 'CASE.FORBIDDEN',
          message: 'only the operator (a BIS administrator) creates organisations',
        });
      return createOrganisation(s, a, b);
    },
    201,
  );
  listOf('user', 'users', 'Users of your organisation');
  post(
    'users',
    'users',
    'Add a user to your organisation (administrators)',
    userInput,
    async (c, b) => addUser(s, actor(c), b),
    201,
  );

  // --------------------------------------------------------------------------------- counterparties
  listOf('counterparty', 'counterparties', 'Your customer master with screening status');
  getOne('counterparty', 'counterparties', 'One counterparty');
  post(
    'counterparties',
    'counterparties',
    'Add a counterparty (screened at once)',
    counterpartyInput,
    async (c, b) => addCounterparty(s, actor(c), b),
    201,
  );
  post(
    'counterparties/{id}/clear',
    'counterparties',
    "Clear a screening hit (an analyst's 'not this party')",
    z.object({ entryId: z.string().min(1).max(100), reason: z.string().min(1).max(2000) }).strict(),
    async (c, b) => clearHit(s, actor(c), param(c), b.entryId, b.reason),
  );

  // ------------------------------------------------------------------------------ transactions, holds
  listOf('transaction', 'transactions', 'Your transactions');
  getOne('transaction', 'transactions', 'One transaction with its frozen determination');
  post(
    'transactions',
    'transactions',
    'Create a transaction: run the check and freeze the answer',
    z
      .object({
        reference: z.string().min(1).max(100),
        check: checkInput,
        counterpartyIds: z.array(z.string()).max(50).optional(),
      })
      .strict(),
    async (c, b) => createTransaction(s, actor(c), b),
    201,
  );
  post(
    'transactions/{id}/recheck',
    'transactions',
    'Run the check again and freeze the new answer',
    z.object({ check: checkInput.optional() }).strict(),
    async (c, b) => recheckTransaction(s, actor(c), param(c), b.check),
  );
  post(
    'transactions/{id}/holds',
    'transactions',
    'Place a hold',
    text('reason'),
    async (c, b) => placeHold(s, actor(c), param(c), String(b.reason)),
    201,
  );
  listOf('hold', 'holds', 'Holds on your transactions');
  post('holds/{id}/release', 'transactions', 'Release a hold, with a reason', text('reason'), async (c, b) =>
    releaseHoldCase(s, actor(c), param(c), String(b.reason)),
  );
  post(
    'transactions/{id}/attach',
    'transactions',
    'Attach a license, an End-User Statement or a VEU entry',
    z
      .object({
        licenseId: z.string().optional(),
        eusRequestId: z.string().optional(),
        veuEntryId: z.string().optional(),
      })
      .strict(),
    async (c, b) => attachAuthorizations(s, actor(c), param(c), b),
  );
  post(
    'transactions/{id}/ship',
    'transactions',
    'Mark shipped (blocked by open holds)',
    z.object({ on: isoDate.optional() }).strict(),
    async (c, b) => shipTransaction(s, actor(c), param(c), b.on),
  );
  post(
    'transactions/{id}/reexport',
    'transactions',
    'Record a known reexport or transfer',
    z.object({ on: isoDate, note: z.string().min(1).max(2000) }).strict(),
    async (c, b) => recordReexport(s, actor(c), param(c), b.on, b.note),
  );
  post('transactions/{id}/cancel', 'transactions', 'Cancel', text('reason'), async (c, b) =>
    cancelTransaction(s, actor(c), param(c), String(b.reason)),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/transactions/{id}/case-file',
      tags: ['audit'],
      summary: "An auditor's case file (JSON, or HTML with ?format=html)",
      request: { params: idParam, query: z.object({ format: z.enum(['json', 'html']).optional() }) },
      responses: { 200: ok(), ...problems },
    }),
    async (c) => {
      const ctx = c as unknown as Context<Env>;
      const file = await buildCaseFile(s, actor(ctx), param(ctx));
      return query<{ format?: string }>(ctx).format === 'html'
        ? (c.html(caseFileHtml(file)) as never)
        : c.json(file as never, 200);
    },
  );

  // ---------------------------------------------------------------------- End-User Statement requests
  const actionBody = z
    .object({ text: z.string().max(5000).optional(), on: isoDate.optional() })
    .passthrough();
  listOf('eus_request', 'eus-requests', 'End-User Statement requests you can see');
  getOne('eus_request', 'eus-requests', 'One End-User Statement request');
  post(
    'eus-requests',
    'eus-requests',
    'Prepare a request (importer)',
    eusRequestInput,
    async (c, b) => createEusRequest(s, actor(c), b),
    201,
  );
  for (const action of eusActions) {
    post(
      `eus-requests/{id}/${action}`,
      'eus-requests',
      `Act on a request: ${action}`,
      actionBody.extend({
        statementNumber: z.string().max(100).optional(),
        sealReference: z.string().max(200).optional(),
      }),
      async (c, b) => actOnEusRequest(s, actor(c), param(c), action, b as never),
    );
  }

  // ---------------------------------------------------------------------------- license applications
  listOf('license_application', 'license-applications', 'License applications you can see');
  getOne('license_application', 'license-applications', 'One license application');
  post(
    'license-applications',
    'license-applications',
    'Prepare an application (BIS-748P content)',
    licenseApplicationInput,
    async (c, b) => createLicenseApplication(s, actor(c), b),
    201,
  );
  for (const action of licenseActions) {
    post(
      `license-applications/{id}/${action}`,
      'license-applications',
      `Act on an application: ${action}`,
      actionBody.extend({
        agencies: z.array(z.string()).optional(),
        agency: z.string().optional(),
        recommendation: z.enum(['approve', 'deny']).optional(),
        licenseNumber: z.string().optional(),
        conditions: z.array(z.string()).optional(),
      }),
      async (c, b) => actOnLicense(s, actor(c), param(c), action, b as never),
    );
  }
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/license-applications/{id}/clock',
      tags: ['license-applications'],
      summary: 'The 750.4 clock and its deadlines',
      request: { params: idParam, query: z.object({ asOf: isoDate.optional() }) },
      responses: { 200: ok(), ...problems },
    }),
    async (c) => {
      const ctx = c as unknown as Context<Env>;
      const appRecord = await getVisible<LicenseApplicationData>(
        s,
        actor(ctx),
        'license_application',
        param(ctx),
      );
      return c.json(
        licenseClock(appRecord.data, query<{ asOf?: string }>(ctx).asOf ?? s.checks.today()) as never,
        200,
      );
    },
  );
  listOf('license', 'licenses', 'Issued licenses you can see');
  getOne('license', 'licenses', 'One license with its shipments');

  // ------------------------------------------------------------------------------------------- VEU
  listOf('veu_application', 'veu-applications', 'VEU applications you can see');
  getOne('veu_application', 'veu-applications', 'One VEU application');
  post(
    'veu-applications',
    'veu-applications',
    'Apply for VEU (Supp. No. 8 content)',
    veuApplicationInput,
    async (c, b) => createVeuApplication(s, actor(c), b),
    201,
  );
  for (const action of veuAppActions) {
    post(
      `veu-applications/{id}/${action}`,
      'veu-applications',
      `Act on a VEU application: ${action}`,
      actionBody.extend({ agency: z.string().optional(), vote: z.enum(['approve', 'deny']).optional() }),
      async (c, b) => actOnVeu(s, actor(c), param(c), action, b as never),
    );
  }
  listOf('veu_entry', 'veu-entries', 'VEU entries granted in this system');
  getOne('veu_entry', 'veu-entries', 'One VEU entry');
  post(
    'veu-entries/{id}/revocation-votes',
    'veu-entries',
    'Vote on revoking an entry (majority revokes)',
    z
      .object({
        agency: z.string().min(1),
        vote: z.enum(['approve', 'deny']),
        text: z.string().optional(),
        on: isoDate.optional(),
      })
      .strict(),
    async (c, b) => voteToRevokeVeu(s, actor(c), param(c), b),
  );
  post(
    'veu-entries/{id}/certifications',
    'veu-entries',
    "Record the VEU's certification before the first export",
    z.object({ text: z.string().min(1).max(5000), on: isoDate.optional() }).strict(),
    async (c, b) => certifyVeu(s, actor(c), param(c), b.text, b.on),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/veu-reports/{id}',
      tags: ['veu-entries'],
      summary: 'The annual VEU report for a year (due February 15)',
      request: { params: idParam },
      responses: { 200: ok(), ...problems },
    }),
    async (c) => {
      const ctx = c as unknown as Context<Env>;
      const year = Number(param(ctx));
      if (!Number.isInteger(year) || year < 2007 || year > 2100)
        throw new HttError({
          code: 'INPUT.INVALID',
          message: 'the year is a number such as 2024',
          field: 'id',
        });
      return c.json((await veuAnnualReport(s, actor(ctx), year)) as never, 200);
    },
  );

  // -------------------------------------------------------------------------------------- outreach
  listOf('outreach_event', 'outreach-events', 'HTWG events');
  getOne('outreach_event', 'outreach-events', 'One event');
  post(
    'outreach-events',
    'outreach-events',
    'Plan an event',
    outreachEventInput,
    async (c, b) => createEvent(s, actor(c), b),
    201,
  );
  post(
    'outreach-events/{id}/registrations',
    'outreach-events',
    'Register for an event',
    z.object({}).strict(),
    async (c) => registerForEvent(s, actor(c), param(c)),
    201,
  );
  post(
    'outreach-events/{id}/materials',
    'outreach-events',
    'Add a material',
    z.object({ title: z.string().min(1).max(500), reference: z.string().min(1).max(2000) }).strict(),
    async (c, b) => addMaterial(s, actor(c), param(c), b.title, b.reference),
  );
  post(
    'outreach-events/{id}/held',
    'outreach-events',
    'Mark an event held',
    z.object({}).strict(),
    async (c) => markEventHeld(s, actor(c), param(c)),
  );
  listOf('outreach_question', 'outreach-questions', 'Questions from industry');
  post(
    'outreach-questions',
    'outreach-events',
    'Ask the HTWG a question',
    z.object({ text: z.string().min(1).max(5000), eventId: z.string().optional() }).strict(),
    async (c, b) => askQuestion(s, actor(c), b.text, b.eventId),
    201,
  );
  post('outreach-questions/{id}/answer', 'outreach-events', 'Answer a question', text('text'), async (c, b) =>
    answerQuestion(s, actor(c), param(c), String(b.text)),
  );

  // --------------------------------------------------------------------------------- metrics, audit
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/metrics',
      tags: ['metrics'],
      summary: 'The figures the HTWG follows',
      request: { query: z.object({ asOf: isoDate.optional() }) },
      responses: { 200: ok(), ...problems },
    }),
    async (c) => {
      const ctx = c as unknown as Context<Env>;
      return c.json((await htwgMetrics(s, actor(ctx), query<{ asOf?: string }>(ctx).asOf)) as never, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/audit/verify',
      tags: ['audit'],
      summary: 'Verify the hash chain of the audit log',
      responses: { 200: ok(), ...problems },
    }),
    async (c) => {
      requireRole(
        actor(c as unknown as Context<Env>),
        ['auditor', 'admin', 'bis_officer'],
        'verify the audit log',
      );
      return c.json((await verifyAudit(s.store)) as never, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/audit/log',
      tags: ['audit'],
      summary: 'Audit entries (auditors)',
      request: {
        query: z.object({
          from: z.coerce.number().int().min(1).optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
      },
      responses: { 200: ok(), ...problems },
    }),
    async (c) => {
      const ctx = c as unknown as Context<Env>;
      requireRole(actor(ctx), ['auditor'], 'read the audit log');
      const q = query<{ from?: number; limit?: number }>(ctx);
      return c.json((await s.store.auditLog(q.from ?? 1, q.limit ?? 100)) as never, 200);
    },
  );

  // ------------------------------------------------------------------------------ health, reference
  app.get('/api/v1/health', (c) => {
    const sc = s.checks.screener();
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
    const index = readFileSync(join(deps.webRoot, 'index.html'), 'utf8');
    app.use('/*', async (c, next) =>
      c.req.path.startsWith('/api/') ? next() : serveStatic({ root })(c, next),
    );
    // the web desk routes in the browser: any other non-API path gets its page
    app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : c.html(index)));
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
