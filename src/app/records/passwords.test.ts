import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, passwordWeakness, verifyPassword } from './passwords.js';

/** A hash as the scrypt version (before argon2id) wrote it. */
function legacyScrypt(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${2 ** 15}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

describe('passwords', () => {
  it('hashes with argon2id at OWASP parameters and verifies', async () => {
    const h = await hashPassword('a long enough passphrase');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword('a long enough passphrase', h)).toBe(true);
    expect(await verifyPassword('a long enough passphrasf', h)).toBe(false);
    expect(needsRehash(h)).toBe(false);
    expect(await hashPassword('a long enough passphrase')).not.toBe(h); // salted
  });

  it('still verifies the scrypt hashes written before, and marks them for rehashing', async () => {
    const old = legacyScrypt('an older passphrase');
    expect(await verifyPassword('an older passphrase', old)).toBe(true);
    expect(await verifyPassword('another passphrase', old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo')).toBe(true);
  });

  it('refuses a missing user or a malformed hash without throwing', async () => {
    expect(await verifyPassword('whatever it is', undefined)).toBe(false);
    expect(await verifyPassword('whatever it is', 'scrypt$1$2')).toBe(false);
    expect(await verifyPassword('whatever it is', '$argon2id$garbage')).toBe(false);
  });

  it('refuses short, common, repeated and keyboard passwords with the reason, accepts passphrases', async () => {
    expect(await passwordWeakness('short')).toMatch(/12 to 200 characters/);
    expect(await passwordWeakness('x'.repeat(201))).toMatch(/12 to 200 characters/);
    for (const weak of [
      'aaaaaaaaaaaa',
      'abcabcabcabc',
      'password1234',
      'qwertyqwerty',
      '123456789012',
      'Password!!!!',
    ])
      expect([weak, await passwordWeakness(weak)]).toEqual([
        weak,
        expect.stringMatching(/too easy to guess.*: \S/),
      ]);
    for (const good of ['correct horse battery staple', 'importer passphrase for 2027', 'vK3#pQ9!tZr2wL'])
      expect([good, await passwordWeakness(good)]).toEqual([good, undefined]);
  });

  it("counts the user's own name, e-mail and organisation as known to an attacker", async () => {
    const password = 'hengtongortiz';
    const mine = ['Sam Ortiz', 'sam@hengtong.example', 'Shanghai Hengtong Trading'];
    expect(await passwordWeakness(password, [])).toBeUndefined();
    expect(await passwordWeakness(password, mine)).toMatch(/too easy to guess/);
  });
});
