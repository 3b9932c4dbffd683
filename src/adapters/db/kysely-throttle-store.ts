/**
 * Throttling counts on Kysely, for SQLite and PostgreSQL (table `throttle`, migration 0003;
 * src/adapters/http/rate-limit.ts). An attempt is one upsert that starts a new window or adds one to the
 * current one and returns the count: atomic on both dialects (SQLite's write lock, PostgreSQL's row lock of
 * ON CONFLICT DO UPDATE), so concurrent attempts in any number of processes each see their own count.
 */
import { sql, type Kysely } from 'kysely';
import type { ThrottleStore } from '../http/rate-limit.js';
import { guard } from './kysely-record-store.js';
import type { HttDatabase } from './schema.js';

export class KyselyThrottleStore implements ThrottleStore {
  constructor(private readonly db: Kysely<HttDatabase>) {}

  hit(key: string, now: number, windowMs: number): Promise<{ attempts: number; windowStart: number }> {
    return guard(async () => {
      const over = sql`throttle.window_start <= ${now - windowMs}`;
      const row = await this.db
        .insertInto('throttle')
        .values({ key, window_start: now, attempts: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            attempts: sql`case when ${over} then 1 else throttle.attempts + 1 end`,
            window_start: sql`case when ${over} then ${now} else throttle.window_start end`,
          }),
        )
        .returning(['attempts', 'window_start'])
        .executeTakeFirstOrThrow();
      return { attempts: Number(row.attempts), windowStart: Number(row.window_start) };
    });
  }

  forgive(key: string): Promise<void> {
    return guard(async () => {
      await this.db
        .updateTable('throttle')
        .set({ attempts: sql`attempts - 1` })
        .where('key', '=', key)
        .where('attempts', '>', 0)
        .execute();
    });
  }

  reset(key: string): Promise<void> {
    return guard(async () => {
      await this.db.deleteFrom('throttle').where('key', '=', key).execute();
    });
  }

  prune(before: number): Promise<void> {
    return guard(async () => {
      await this.db.deleteFrom('throttle').where('window_start', '<', before).execute();
    });
  }
}
