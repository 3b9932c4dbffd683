/**
 * Text at every edge (issue 14, item 2): every route of the API, called by a role that may call it, with its
 * string fields, path parameters, query values and Idempotency-Key / Accept-Language headers replaced by
 * generated text mixing NUL, lone surrogates, C0 and C1 controls, bidi overrides, very long strings and CJK.
 * No answer is a 5xx; every 4xx is problem+json with a stable code and no stack trace; and afterwards every
 * list route still answers 200 for every role that may read it (no stored text poisons a filter).
 * On SQLite, and on PostgreSQL with TEST_DATABASE_URL. FUZZ_RUNS sets the runs per route.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import { createTestDatabase, pgBase, type TestDatabase } from '../support/pg-database.js';
import {
  ALL,
  openRouteWorld,
  routeTable,
  USERS,
  type Answer,
  type RouteCase,
  type RouteWorld,
  type User,
} from '../support/route-world.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 16);

/** Pieces of text an edge must survive. */
const PIECES = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  'x\uDFFF',
  '\uDFFF\uD800',
  '\u0001',
  '\u0007',
  '\u001B[31m',
  '\u007F',
  '\u0080',
  '\u0085',
  '\u009B',
  '\u009F',
  '\u202E',
  '\u202D',
  '\u2066',
  '\u2069',
  '\u200F',
  '\uFEFF',
  '\uFFFE',
  '\uFFFF',
  '华为技术有限公司',
  '中华人民共和国商务部',
  '😀',
  '\t',
  '\r\n',
  ' ',
  '',
  'Example Co.',
  '%00',
  '\\u0000',
  '../',
  "'; --",
];
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(10_000), '华'.repeat(5_000), '\u0000'.repeat(2_000)) },
);
const nasty = fc.array(piece, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));
/** Header values are byte strings without NUL, CR or LF: the controls and Latin-1 that may still arrive. */
const headerText = fc
  .array(
    fc.constantFrom(
      '\u0001',
      '\u0007',
      '\u001B',
      '\u007F',
      '\u0085',
      '\u009F',
      '\u00FF',
      'zh',
      'en',
      '*',
      ';q=',
      'x',
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => `k${parts.join('')}`.padEnd(2, 'x'))
  .chain((s) => fc.constantFrom(s, s.repeat(200)));

/**
 * Replace the string leaves of `value`. With mask bit 0 set, one leaf only (the others stay valid, so the text
 * reaches the store rather than failing on an enum); else the i-th leaf by texts[i % n] when mask bit i+1 is
 * set (at least one).
 */
function mutate(value: unknown, texts: string[], mask: number): unknown {
  let leaves = 0;
  JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'string') leaves++;
    return v;
  });
  const only = mask & 1 && leaves > 0 ? (mask >> 1) % leaves : -1;
  let i = 0;
  let replaced = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const k = i++;
      const pick = only >= 0 ? k === only : (mask >> (1 + (k % 29))) & 1 || (replaced === 0 && k === 0);
      if (pick) {
        replaced++;
        return texts[k % texts.length];
      }
      return v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(value);
  // a body with no string: add a field of text (an unknown key must be refused or ignored, never stored raw)
  if (replaced === 0 && out !== null && typeof out === 'object' && !Array.isArray(out))
    return { ...(out as object), note: texts[0] };
  return out;
}

/**
 * Percent-encode text as a client's bytes would arrive: UTF-8, and a lone surrogate as the three bytes of its
 * generalised UTF-8 (what a careless client sends; encodeURIComponent refuses it, URLSearchParams replaces it).
 */
function encode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff)
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    else out += encodeURIComponent(text[i]!);
  }
  return out;
}

/** The path with its record ids, query values (or a cursor and limit on a list) replaced by `text`. */
function mutatePath(path: string, text: string, where: number, ids: Record<string, string>): string {
  const [bare, query] = path.split('?') as [string, string | undefined];
  const segments = bare.split('/');
  const known = new Set(Object.values(ids));
  const idAt = segments.map((s, i) => (known.has(s) || /^\d+$/.test(s) ? i : -1)).filter((i) => i >= 0);
  if (where % 2 === 0 && idAt.length > 0) {
    segments[idAt[where % idAt.length]!] = encode(text);
    return segments.join('/') + (query ? `?${query}` : '');
  }
  const keys = query ? [...new URLSearchParams(query).keys()] : ['cursor', 'limit'];
  return `${bare}?${keys.map((k) => `${k}=${encode(text)}`).join('&')}`;
}

const STABLE_CODE = /^[A-Z]+(\.[A-Z_]+)+$/;

const dialects = ['sqlite', ...(pgBase ? ['postgres'] : [])] as const;

for (const dialect of dialects) {
  describe(`text at every edge (${dialect})`, () => {
    let db: TestDatabase | undefined;
    let world: RouteWorld;
    const ids: Record<string, string> = {};
    const routes: RouteCase[] = [
      ...routeTable(ids),
      // the routes of the anonymous and of one's own account
      {
        method: 'POST',
        label: 'POST /api/v1/auth/sign-in',
        path: () => '/api/v1/auth/sign-in',
        body: () => ({ email: USERS.htwg, password: 'not the password at all' }),
        allowed: 'all',
      },
      {
        method: 'POST',
        label: 'POST /api/v1/auth/password',
        path: () => '/api/v1/auth/password',
        body: () => ({ current: 'not the password at all', next: 'a new long passphrase 2026' }),
        allowed: ['dod'],
      },
    ];
    let sent = 0;
    const statuses = new Map<number, number>();

    beforeAll(async () => {
      if (dialect === 'postgres') {
        db = await createTestDatabase('htt_fuzz');
        world = await openRouteWorld(await openRecordStore({ databaseUrl: db.url }), { databaseUrl: db.url });
      } else world = await openRouteWorld(await openRecordStore({ sqlitePath: ':memory:' }));
      Object.assign(ids, world.ids);
    }, 120_000);
    afterAll(async () => {
      console.log(
        `fuzz-text (${dialect}): ${sent} requests over ${routes.length} routes, ${RUNS} runs each; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
      );
      await world?.close();
      await db?.drop();
    });

    function judge(label: string, r: Answer): string {
      sent++;
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status >= 500) return `${r.status} ${r.text.slice(0, 300)}`;
      if (/\n\s+at /.test(r.text)) return `stack trace in ${r.status}`;
      if (r.status >= 400) {
        if (!(r.headers.get('content-type') ?? '').startsWith('application/problem+json'))
          return `${r.status} not problem+json: ${r.headers.get('content-type')}`;
        let code: unknown;
        try {
          code = r.json().code;
        } catch {
          return `${r.status} body not JSON`;
        }
        if (typeof code !== 'string' || !STABLE_CODE.test(code)) return `${r.status} code ${String(code)}`;
      }
      return 'ok';
    }

    for (const route of routes) {
      it(`${route.label}`, async () => {
        const allowed = route.allowed === 'all' ? ALL : route.allowed;
        const anonymous = route.label === 'POST /api/v1/auth/sign-in';
        // first a sweep: each string field in turn holds the issue's texts, the others valid
        if (route.method === 'POST') {
          const body = route.body?.() ?? {};
          const leaves = JSON.stringify(body).match(/"(?:[^"\\]|\\.)*"(?!:)/g)?.length ?? 0;
          for (let k = 0; k < Math.max(1, leaves); k++)
            for (const text of ['x\uDFFF', 'M\u0000']) {
              const r = await world.call(
                'POST',
                route.path(),
                anonymous ? undefined : allowed[0],
                mutate(route.body?.() ?? {}, [text], (k << 1) | 1),
              );
              expect([route.label, k, text, judge(route.label, r)]).toEqual([route.label, k, text, 'ok']);
            }
        }
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...allowed),
            fc.array(nasty, { minLength: 1, maxLength: 4 }),
            fc.nat(),
            fc.constantFrom('body', 'path', 'headers'),
            headerText,
            async (user: User, texts, mask, where, header) => {
              const withBody = route.method === 'POST';
              const target = where === 'body' && !withBody ? 'path' : where;
              const path = target === 'path' ? mutatePath(route.path(), texts[0]!, mask, ids) : route.path();
              const body = withBody
                ? target === 'body'
                  ? mutate(route.body?.() ?? {}, texts, mask)
                  : (route.body?.() ?? {})
                : undefined;
              const headers: Record<string, string> =
                target === 'headers'
                  ? { 'accept-language': header, ...(withBody ? { 'idempotency-key': header } : {}) }
                  : {};
              const r = await world.call(route.method, path, anonymous ? undefined : user, body, headers);
              expect([route.label, user, target, judge(route.label, r)]).toEqual([
                route.label,
                user,
                target,
                'ok',
              ]);
            },
          ),
          { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 14) },
        );
      }, 60_000);
    }

    it('leaves every list answering 200 for every role that may read it', async () => {
      const lists = routes.filter((r) => r.method === 'GET' && !/\/:\w+/.test(r.label));
      expect(lists.length).toBeGreaterThan(15);
      const broken: string[] = [];
      for (const route of lists) {
        for (const user of route.allowed === 'all' ? ALL : route.allowed) {
          const r = await world.call('GET', route.path(), user);
          sent++;
          if (r.status !== 200) broken.push(`${route.label} ${user} ${r.status} ${r.text.slice(0, 200)}`);
        }
      }
      expect(broken).toEqual([]);
    }, 120_000);
  });
}
