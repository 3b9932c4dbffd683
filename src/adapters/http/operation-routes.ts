/**
 * Mounts the operation table (src/app/operations) on Hono OpenAPI routers, one router per concept: each
 * operation's input schema is split into path parameters and the query (GET) or the JSON body (POST), so the
 * OpenAPI document and the request validation come from the same schema the CLI uses.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context, Env } from 'hono';
import { invoke, type Operation } from '../../app/operation.js';
import type { Actor, CaseServices } from '../../app/records/context.js';
import { Page, publicOutput } from '../../app/records/public-record.js';
import { checkResult, type CheckResult } from '../../contracts/check.js';
import { localized } from '../../core/messages/check-messages.js';
import { langOf } from '../../core/messages/messages.js';
import { KyselyIdempotencyStore } from '../db/kysely-idempotency-store.js';
import { KyselyRecordStore } from '../db/kysely-record-store.js';
import { IDEMPOTENCY_HEADER, Idempotency } from './idempotency.js';
import { fromZodError, problemSchema } from './problem.js';

export type HttEnv = { Variables: { actor: Actor; sessionId: string; requestId: string } };

export const ok = (schema: z.ZodTypeAny, description = 'OK') => ({
  content: { 'application/json': { schema } },
  description,
});
export const problems = {
  400: ok(problemSchema, 'Bad request'),
  401: ok(problemSchema, 'Not signed in'),
  403: ok(problemSchema, 'Not allowed for this role'),
  404: ok(problemSchema, 'Not found, or not visible to this organisation'),
  409: ok(problemSchema, 'Conflict with the record state'),
  413: ok(problemSchema, 'Too large'),
  422: ok(problemSchema, 'Invalid input'),
  429: ok(problemSchema, 'Too many requests'),
};

export const newRouter = () =>
  new OpenAPIHono<HttEnv>({
    defaultHook: (result, c) => (result.success ? undefined : fromZodError(c, result.error, 'request')),
  });

function route(op: Operation) {
  const pathFields = [...op.http.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const omit = Object.fromEntries(pathFields.map((f) => [f, true as const]));
  let rest = op.input.omit(omit);
  const formats = ['json', ...(op.formats?.html ? ['html'] : []), ...(op.formats?.pdf ? ['pdf'] : [])];
  if (formats.length > 1) rest = rest.extend({ format: z.enum(formats as [string, ...string[]]).optional() });
  const params = pathFields.length ? op.input.pick(omit) : undefined;
  const anyRequired = Object.values(rest.shape as Record<string, z.ZodTypeAny>).some((f) => !f.isOptional());
  const status = op.http.status ?? 200;
  const roles = op.roles === 'signed-in' ? 'any signed-in user' : op.roles.join(', ');
  return createRoute({
    method: op.http.method,
    path: op.http.path,
    operationId: op.id,
    tags: [op.concept],
    summary: op.summary,
    description: `Roles: ${roles}.${op.audit ? ` Writes the audit action \`${op.audit}\`.` : ''}`,
    request: {
      ...(params ? { params } : {}),
      ...(op.http.method === 'get'
        ? { query: rest }
        : { body: { content: { 'application/json': { schema: rest } }, required: anyRequired } }),
    },
    responses: { [status]: ok(op.output), ...problems },
  });
}

/** One router per concept, every operation mounted; the caller mounts them under /api/v1. */
export function operationRouters(
  operations: readonly Operation[],
  cases: CaseServices,
): Map<string, OpenAPIHono<HttEnv>> {
  const routers = new Map<string, OpenAPIHono<HttEnv>>();
  // Idempotency-Key answers are kept in the store's database, so every server process honours them
  const idempotency =
    cases.store instanceof KyselyRecordStore
      ? new Idempotency(new KyselyIdempotencyStore(cases.store.kysely))
      : undefined;
  for (const op of operations) {
    const router = routers.get(op.concept) ?? newRouter();
    routers.set(op.concept, router);
    const get = op.http.method === 'get';
    // a POST that creates a record honours Idempotency-Key (double clicks and retries create one record)
    const creates = op.http.method === 'post' && op.http.status === 201;
    router.openapi(route(op), (async (c: Context<HttEnv & Env>) => {
      const req = c.req as unknown as { valid(t: string): Record<string, unknown> | undefined };
      const params = op.http.path.includes('{') ? req.valid('param') : {};
      const { format, ...rest } = (get ? req.valid('query') : req.valid('json')) ?? {};
      const actor = c.get('actor');
      const input: Record<string, unknown> = { ...rest, ...params };
      // what the records say, in the reader's language: the `lang` parameter, else Accept-Language
      const speaks = 'lang' in (op.input.shape as object);
      if (speaks) {
        input.lang ??= langOf(c.req.header('Accept-Language'));
        c.header('Content-Language', String(input.lang));
        c.header('Vary', 'Accept-Language');
      }
      const run = () => invoke(op, { services: cases.checks, cases, actor }, input, { validated: true });
      const key = creates ? c.req.header(IDEMPOTENCY_HEADER) : undefined;
      if (key !== undefined && idempotency) {
        // the answer of a creating POST is its record as JSON: stored with its status, replayed as it was
        const status = op.http.status ?? 200;
        const answer = await idempotency.run(
          { orgId: actor?.orgId ?? '', userId: actor?.userId ?? '', operation: op.id },
          key,
          input,
          async () => ({ status, body: publicOutput(await run()) }),
        );
        if (answer.replayed) c.header('Idempotent-Replayed', 'true');
        return c.json(answer.body as never, answer.status as 201);
      }
      const output = await run();
      if (format === 'html' && op.formats?.html) return c.html(op.formats.html(output as never));
      if (format === 'pdf' && op.formats?.pdf) {
        const pdf = await op.formats.pdf(output as never);
        return c.body(new Uint8Array(pdf.body), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${pdf.fileName.replace(/[^\w.-]/g, '_')}"`,
        });
      }
      if (output instanceof Page && output.next) {
        const next = new URL(c.req.url);
        next.searchParams.set('cursor', output.next);
        c.header('X-Next-Cursor', output.next);
        c.header('Link', `<${next.pathname}${next.search}>; rel="next"`);
      }
      if (op.output === checkResult) {
        // a determination: its messages rendered in the reader's language (docs/CHECK.md, "Messages")
        const lang = langOf(c.req.header('Accept-Language'));
        c.header('Content-Language', lang);
        c.header('Vary', 'Accept-Language');
        return c.json(localized(publicOutput(output) as CheckResult, lang) as never, op.http.status ?? 200);
      }
      return c.json(publicOutput(output) as never, op.http.status ?? 200);
    }) as never);
  }
  return routers;
}
