/**
 * After a 413 the next request on the same keep-alive connection is answered (issue 14: it was reset): the
 * refused body is read and dropped before the answer, so the connection is clean.
 */
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import { createApp } from '../../src/adapters/http/app.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import type { RecordStore } from '../../src/app/ports/record-store.js';

let store: RecordStore;
let server: ReturnType<typeof serve>;
let port = 0;

beforeAll(async () => {
  store = await openRecordStore({ sqlitePath: ':memory:' });
  const rules = loadRules();
  const app = createApp({
    cases: {
      store,
      checks: { rules: () => rules, screener: () => undefined, today: () => '2026-12-01' },
      now: () => new Date().toISOString(),
      config: { eusTargetDays: 20 },
    },
    logger: pino({ level: 'silent' }),
  });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((ok) => server.once('listening', ok));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  await store.close();
});

describe('a keep-alive connection after a 413', () => {
  it('answers the next request on the same socket', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (path: string, body?: Buffer) =>
      new Promise<{ status: number; socket: Socket; headers: IncomingHttpHeaders }>((ok, fail) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path,
            agent,
            method: body ? 'POST' : 'GET',
            headers: body ? { 'content-type': 'application/json', 'content-length': body.length } : {},
          },
          (res) => {
            res.resume();
            res.on('end', () => ok({ status: res.statusCode!, socket: req.socket!, headers: res.headers }));
          },
        );
        req.on('error', fail);
        req.end(body);
      });
    try {
      for (const size of [2 * 1024 * 1024, 1024 * 1024 + 1]) {
        const big = await send('/api/v1/transactions', Buffer.alloc(size, 'a'));
        expect(big.status).toBe(413);
        expect(big.headers.connection).toBe('keep-alive');
        const next = await send('/api/v1/health');
        expect([next.status, next.socket]).toEqual([200, big.socket]);
      }
    } finally {
      agent.destroy();
    }
  });
});
