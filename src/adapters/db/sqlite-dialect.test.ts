import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './sqlite-dialect.js';

describe('withStatementCache', () => {
  const open = () => {
    const db = new Database(':memory:');
    db.exec('create table t (n integer)');
    db.prepare('insert into t values (1), (2), (3)').run();
    return db;
  };

  it('hands back the statement prepared for the same SQL, and a new one for other SQL', () => {
    const conn = withStatementCache(open());
    const a = conn.prepare('select n from t where n > ?');
    expect(conn.prepare('select n from t where n > ?')).toBe(a);
    expect(conn.prepare('select n from t where n < ?')).not.toBe(a);
    expect(conn.cached).toBe(2);
    expect((a as Database.Statement).all(1)).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('does not share a statement that a streamed query is still iterating', () => {
    const conn = withStatementCache(open());
    const sql = 'select n from t order by n';
    const first = conn.prepare(sql) as Database.Statement;
    const iterator = first.iterate();
    expect(iterator.next().value).toEqual({ n: 1 });
    const second = conn.prepare(sql) as Database.Statement;
    expect(second).not.toBe(first);
    expect(second.all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect([...iterator]).toEqual([{ n: 2 }, { n: 3 }]);
    expect(conn.prepare(sql)).toBe(first); // idle again: the kept one
  });

  it('keeps at most its size, dropping the oldest', () => {
    const conn = withStatementCache(open(), 2);
    const a = conn.prepare('select 1');
    conn.prepare('select 2');
    conn.prepare('select 3');
    expect(conn.cached).toBe(2);
    expect(conn.prepare('select 1')).not.toBe(a);
  });

  it('sees a schema change (SQLite prepares a kept statement again)', () => {
    const db = open();
    const conn = withStatementCache(db);
    expect((conn.prepare('select * from t limit 1') as Database.Statement).get()).toEqual({ n: 1 });
    db.exec('alter table t add column m integer default 7');
    expect((conn.prepare('select * from t limit 1') as Database.Statement).get()).toEqual({ n: 1, m: 7 });
  });
});
