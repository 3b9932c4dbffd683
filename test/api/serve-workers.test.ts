/**
 * `htt serve --workers 2` (issue 14, item 7): two server processes share the port and the database; the
 * connections are spread over both, a write through one is read through the other, and SIGTERM stops them
 * all. Runs the built CLI (npm run build).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const password = 'two workers password 2026';

/** One request on a connection of its own (no keep-alive), so that the primary hands each to a worker. */
function once(url: string, method: string, path: string, token?: string, body?: unknown) {
  return new Promise<{ status: number; json: unknown }>((ok, fail) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${url}${path}`,
      {
        method,
        agent: false,
        headers: {
          ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', fail);
    req.end(data);
  });
}

describe('htt serve --workers 2', () => {
  it('spreads connections over two processes on one database and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'htt-workers-'));
    const server = spawn(
      process.execPath,
      [join(root, 'bin/htt.js'), 'serve', '--demo', '--workers', '2', '--port', '0'],
      {
        env: {
          ...process.env,
          HTT_DB: join(dir, 'htt.sqlite'),
          HTT_DEMO_PASSWORD: password,
          LOG_LEVEL: 'info',
          DATABASE_URL: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    server.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    server.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    const exited = new Promise<number | null>((ok) => server.on('exit', (code) => ok(code)));
    try {
      const url = await new Promise<string>((ok, fail) => {
        const started = Date.now();
        const look = setInterval(() => {
          const m = /htt server at (http:\/\/\S+) \(2 worker processes\)/.exec(out);
          if (m) {
            clearInterval(look);
            ok(m[1] as string);
          } else if (Date.now() - started > 90_000) {
            clearInterval(look);
            fail(new Error(`the server did not start:\n${out}`));
          }
        }, 100);
      });
      expect(out).not.toContain(password);
      const signIn = await once(url, 'POST', '/api/v1/auth/sign-in', undefined, {
        email: 'exporter@demo.htt',
        password,
      });
      expect(signIn.status).toBe(200);
      const { token } = signIn.json as { token: string };
      // a write through one worker, then reads through fresh connections (both workers) see it
      const check = { destination: 'CN', items: [{ eccn: 'EAR99', valueUsd: 10 }], parties: [] };
      const created = await once(url, 'POST', '/api/v1/transactions', token, { reference: 'PO-W1', check });
      expect(created.status).toBe(201);
      const id = (created.json as { id: string }).id;
      for (let i = 0; i < 16; i++) {
        const read = await once(url, 'GET', `/api/v1/transactions/${id}`, token);
        expect(read.status).toBe(200);
        const screened = await once(url, 'POST', '/api/v1/screen', token, { name: 'Tsinghua University' });
        expect(screened.status).toBe(200);
      }
      // pino's request lines name the process that answered (req: "<pid>-<n>")
      const pids = new Set([...out.matchAll(/"req":"(\d+)-\d+"/g)].map((m) => m[1]));
      expect(pids.size).toBe(2);
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 180_000);
});
