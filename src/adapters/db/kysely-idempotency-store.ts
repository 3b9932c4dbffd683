/**
 * Idempotency keys on Kysely, for SQLite and PostgreSQL (table `idempotency_keys`, migration 0003;
 * src/adapters/http/idempotency.ts). A key is taken by a primary-key insert (of two concurrent first requests,
 * in one process or two, exactly one inserts), or by a conditional update of a row that expired or whose
 * running request's lock ran out (the row must still be the one read, so two takers cannot both win).
 */
import type { Kysely } from 'kysely';
import type { IdempotencyScope, IdempotencyStore, KeyState, StoredAnswer } from '../http/idempotency.js';
import { guard } from './kysely-record-store.js';
import type { HttDatabase } from './schema.js';

/** The row of one key: the organisation, the user and the key the client chose. */
const keyOf = (scope: IdempotencyScope) => ({ org_id: scope.orgId, user_id: scope.userId, key: scope.key });

/** A key taken by a first request that is still running. */
const running = (fingerprint: string, now: number, lockMs: number, ttlMs: number) => ({
  fingerprint,
  state: 'running' as const,
  status: null,
  body: null,
  lock_until: now + lockMs,
  expires_at: now + ttlMs,
});

export class KyselyIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Kysely<HttDatabase>) {}

  begin(
    scope: IdempotencyScope,
    fingerprint: string,
    now: number,
    lockMs: number,
    ttlMs: number,
  ): Promise<KeyState> {
    return guard(async () => {
      for (let tries = 0; tries < 5; tries++) {
        const inserted = await this.db
          .insertInto('idempotency_keys')
          .values({ ...keyOf(scope), ...running(fingerprint, now, lockMs, ttlMs) })
          .onConflict((oc) => oc.columns(['org_id', 'user_id', 'key']).doNothing())
          .returning('key')
          .executeTakeFirst();
        if (inserted) return { state: 'taken' };
        const row = await this.db
          .selectFrom('idempotency_keys')
          .selectAll()
          .where((eb) => eb.and(keyOf(scope)))
          .executeTakeFirst();
        if (!row) continue; // abandoned or expired in between: insert again
        const stale =
          Number(row.expires_at) < now || (row.state === 'running' && Number(row.lock_until) < now);
        if (!stale) {
          if (row.state === 'done')
            return {
              state: 'done',
              fingerprint: row.fingerprint,
              answer: { status: Number(row.status), body: JSON.parse(row.body ?? 'null') as unknown },
            };
          return { state: 'running', fingerprint: row.fingerprint };
        }
        const taken = await this.db
          .updateTable('idempotency_keys')
          .set(running(fingerprint, now, lockMs, ttlMs))
          .where((eb) => eb.and(keyOf(scope)))
          .where('state', '=', row.state)
          .where('lock_until', '=', row.lock_until)
          .where('expires_at', '=', row.expires_at)
          .returning('key')
          .executeTakeFirst();
        if (taken) return { state: 'taken' };
      }
      return { state: 'running', fingerprint };
    });
  }

  finish(scope: IdempotencyScope, answer: StoredAnswer): Promise<void> {
    return guard(async () => {
      await this.db
        .updateTable('idempotency_keys')
        .set({ state: 'done', status: answer.status, body: JSON.stringify(answer.body ?? null) })
        .where((eb) => eb.and(keyOf(scope)))
        .execute();
    });
  }

  abandon(scope: IdempotencyScope): Promise<void> {
    return guard(async () => {
      await this.db
        .deleteFrom('idempotency_keys')
        .where((eb) => eb.and(keyOf(scope)))
        .where('state', '=', 'running')
        .execute();
    });
  }

  expire(now: number): Promise<number> {
    return guard(async () => {
      const r = await this.db.deleteFrom('idempotency_keys').where('expires_at', '<', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    });
  }
}
