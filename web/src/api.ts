/**
 * The desk's only way into the system: the HTTP API under /api/v1, with the bearer token of the session.
 * Errors arrive as application/problem+json and are thrown as ApiError with the problem's fields.
 */
import type { Session } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** The release gate's refusals of a shipment (CASE.SHIPMENT_REFUSED), each with its citation. */
    readonly refusals: readonly { reason: string; citation: string; line?: number }[] = [],
    /** Every field the server found wrong (INPUT.INVALID). */
    readonly errors: readonly { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** The reader's language for the server's messages (Accept-Language): the desk's own choice. */
function language(): string {
  const lang = typeof document === 'undefined' ? 'en' : document.documentElement.lang || 'en';
  return lang.toLowerCase().startsWith('zh') ? 'zh-CN, zh;q=0.9, en;q=0.5' : 'en';
}

/** A fresh Idempotency-Key: one per record the user means to create, kept across retries of it. */
export const newIdempotencyKey = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/**
 * The session is kept in localStorage so that every tab of the desk shares it (issue 15): a new tab is
 * signed in, and signing out (or a 401) in one tab signs out all of them through the `storage` event. The
 * token is readable by script on our origin only; the CSP allows no inline or foreign script (docs/SECURITY.md).
 */
export const SESSION_KEY = 'htt.session';
let session: Session | null = null;
const listeners = new Set<(s: Session | null) => void>();

function parse(raw: string | null): Session | null {
  try {
    const s = raw ? (JSON.parse(raw) as Session) : null;
    return s && typeof s.token === 'string' && new Date(s.expiresAt).getTime() > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function loadSession(): Session | null {
  if (session && new Date(session.expiresAt).getTime() > Date.now()) return session;
  session = parse(localStorage.getItem(SESSION_KEY));
  return session;
}

export function setSession(s: Session | null): void {
  session = s;
  if (s) localStorage.setItem(SESSION_KEY, JSON.stringify(s));
  else localStorage.removeItem(SESSION_KEY);
  for (const l of listeners) l(s);
}

// another tab signed in or out
if (typeof window !== 'undefined')
  window.addEventListener('storage', (e) => {
    if (e.key !== SESSION_KEY && e.key !== null) return;
    session = parse(e.key === null ? null : e.newValue);
    for (const l of listeners) l(session);
  });

export function onSession(l: (s: Session | null) => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

async function problemOf(res: Response, path: string): Promise<ApiError> {
  let problem: {
    detail?: string;
    title?: string;
    code?: string;
    field?: string;
    refusals?: { reason: string; citation: string; line?: number }[];
    errors?: { field: string; message: string }[];
  } = {};
  try {
    problem = (await res.json()) as typeof problem;
  } catch {
    /* not JSON */
  }
  if (res.status === 401 && path !== '/auth/sign-in') setSession(null);
  return new ApiError(
    res.status,
    problem.code ?? `HTTP.${res.status}`,
    problem.detail ?? problem.title ?? res.statusText,
    problem.field,
    problem.refusals ?? [],
    problem.errors ?? [],
  );
}

/** A document (a PDF, an HTML page) as a Blob, with the file name the server gives it. */
export async function apiBlob(path: string): Promise<{ blob: Blob; fileName?: string }> {
  const s = loadSession();
  const res = await fetch(`/api/v1${path}`, {
    headers: {
      'accept-language': language(),
      ...(s ? { authorization: `Bearer ${s.token}` } : {}),
    },
  });
  if (!res.ok) throw await problemOf(res, path);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  return { blob: await res.blob(), ...(name ? { fileName: name } : {}) };
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  options: { idempotencyKey?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const s = loadSession();
  if (s) headers.authorization = `Bearer ${s.token}`;
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) throw await problemOf(res, path);
  if (type.includes('application/json')) return (await res.json()) as T;
  return (await res.text()) as unknown as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}, options: { idempotencyKey?: string } = {}) =>
  api<T>('POST', path, body, options);
