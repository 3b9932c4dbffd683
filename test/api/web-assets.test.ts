/**
 * How the server sends the web desk (issue 15, item 7): precompressed brotli or gzip twins of the hashed
 * assets when the browser accepts them, cached for good; the page itself compressed and revalidated every
 * time, at every path the desk routes in the browser; large API answers gzipped.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/adapters/http/app.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import type { CaseServices } from '../../src/app/records/context.js';
import { seedDemo } from '../../src/app/records/demo.js';
import { storeFactories } from '../support/stores.js';

const PASSWORD = 'correct horse battery staple';
const INDEX = `<!doctype html><html><head><title>desk</title><script type="module" src="/assets/index-3f2a1b.js"></script></head><body><div id="root"></div>${' '.repeat(300)}</body></html>`;
const JS = `export const x = ${JSON.stringify('a'.repeat(5000))};`;

describe('serving the web desk', () => {
  let s: CaseServices;
  let app: ReturnType<typeof createApp>;
  let web: string;
  beforeAll(async () => {
    const store = await storeFactories[0]!.open();
    s = {
      store,
      checks: { rules: () => loadRules(), screener: () => undefined, today: () => '2026-11-28' },
      now: () => new Date().toISOString(),
      config: { eusTargetDays: 20 },
    };
    await seedDemo(s, PASSWORD);
    web = mkdtempSync(join(tmpdir(), 'htt-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), INDEX);
    // as the build writes them (web/vite.config.ts, precompress)
    writeFileSync(join(web, 'index.html.br'), brotliCompressSync(INDEX));
    writeFileSync(join(web, 'index.html.gz'), gzipSync(INDEX));
    writeFileSync(join(web, 'assets', 'index-3f2a1b.js'), JS);
    writeFileSync(join(web, 'assets', 'index-3f2a1b.js.br'), brotliCompressSync(JS));
    writeFileSync(join(web, 'assets', 'index-3f2a1b.js.gz'), gzipSync(JS));
    app = createApp({ cases: s, logger: pino({ level: 'silent' }), webRoot: web });
  }, 60_000);
  afterAll(async () => {
    rmSync(web, { recursive: true, force: true });
    await s?.store.close();
  });
  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  const body = async (res: Response) => {
    const raw = Buffer.from(await res.arrayBuffer());
    const enc = res.headers.get('content-encoding');
    return (enc === 'br' ? brotliDecompressSync(raw) : enc === 'gzip' ? gunzipSync(raw) : raw).toString();
  };

  it('sends the brotli twin of an asset to a browser that accepts it, gzip otherwise, plain to others', async () => {
    const br = await get('/assets/index-3f2a1b.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(Number(br.headers.get('content-length'))).toBeLessThan(JS.length / 10);
    expect(await body(br)).toBe(JS);
    const gz = await get('/assets/index-3f2a1b.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await body(gz)).toBe(JS);
    const plain = await get('/assets/index-3f2a1b.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(JS);
    for (const res of [br, gz, plain])
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('sends the page compressed and never cached without revalidation, at / and at any desk route', async () => {
    for (const path of ['/', '/exporter/cases/tx-1', '/mofcom?q=x']) {
      const res = await get(path, { 'accept-encoding': 'br, gzip' });
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, res.headers.get('content-encoding')]).toEqual([path, 'br']);
      expect([path, res.headers.get('cache-control')]).toEqual([path, 'no-cache']);
      expect(await body(res)).toBe(INDEX);
    }
    const gz = await get('/bis/queue', { 'accept-encoding': 'gzip;q=1.0' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await body(gz)).toBe(INDEX);
    const plain = await get('/bis/queue');
    expect(plain.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await plain.text()).toBe(INDEX);
  });

  it('gzips a large API answer when the client accepts it', async () => {
    const signIn = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'auditor@demo.htt', password: PASSWORD }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const big = await get('/api/v1/openapi.json', { 'accept-encoding': 'gzip' });
    expect(big.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(await body(big))).toHaveProperty('openapi', '3.1.0');
    const me = await get('/api/v1/auth/me', { authorization: `Bearer ${token}` });
    expect(me.headers.get('content-encoding')).toBeNull();
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(((await me.json()) as { role: string }).role).toBe('auditor');
  });
});
