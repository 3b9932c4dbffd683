/**
 * Passwords (issue 14, OWASP ASVS level 2): argon2id at OWASP's parameters (m = 19 MiB, t = 2, p = 1) through
 * @node-rs/argon2; scrypt hashes written before it still verify and are rehashed at the next successful
 * sign-in. A new password has 12 to 200 characters and must not be guessable: zxcvbn-ts (its English and
 * common dictionaries, keyboard patterns, sequences, repeats, l33t) scores it, and a score under
 * PASSWORD_MIN_SCORE is refused with zxcvbn's own reason.
 */
import { scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** OWASP Password Storage Cheat Sheet, argon2id, first configuration (argon2id is the library's default). */
export const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 200;
/** zxcvbn's score, 0 (too guessable) to 4 (very unguessable); 3 is "safely unguessable" (about 10^8 guesses). */
export const PASSWORD_MIN_SCORE = 3;

export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, ARGON2);
}

/** A known argon2id hash, verified when the user does not exist so that both paths cost the same. */
let decoy: Promise<string> | undefined;

const scrypt = (password: string, salt: Buffer, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, 32, options, (e, key) => (e ? reject(e) : resolve(key))),
  );

/** Whether `password` matches `stored` (argon2id, or a legacy `scrypt$N$r$p$salt$key`). */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  if (stored?.startsWith('$argon2')) {
    try {
      return await argon2Verify(stored, password);
    } catch {
      return false;
    }
  }
  const parts = (stored ?? '').split('$');
  if (parts.length === 6 && parts[0] === 'scrypt') {
    const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
    const expected = Buffer.from(key, 'base64');
    const actual = await scrypt(password, Buffer.from(salt, 'base64'), {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: 64 * 1024 * 1024,
    });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
  // no such user (or no password yet): spend the time a real check takes
  decoy ??= hashPassword('decoy password, never a real one');
  await argon2Verify(await decoy, password).catch(() => false);
  return false;
}

/** A stored hash made with other parameters than today's (scrypt, or argon2 with other costs). */
export function needsRehash(stored: string | undefined): boolean {
  if (!stored) return false;
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  return !m || Number(m[1]) !== ARGON2.memoryCost || Number(m[2]) !== ARGON2.timeCost || Number(m[3]) !== 1;
}

let zxcvbn: Promise<ZxcvbnFactory> | undefined;

/** The estimator, built once (its dictionaries take some 300 ms to load): only when a password is set. */
function estimator(): Promise<ZxcvbnFactory> {
  zxcvbn ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([{ ZxcvbnFactory }, common, en]) =>
      new ZxcvbnFactory({
        translations: en.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...en.dictionary },
      }),
  );
  return zxcvbn;
}

/**
 * Why a password is refused, or undefined: its length, then zxcvbn's score with the user's own words (name,
 * e-mail, organisation) counted as known to an attacker. The message says why and how to do better.
 */
export async function passwordWeakness(
  password: string,
  userInputs: string[] = [],
): Promise<string | undefined> {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD || password.length > MAX_PASSWORD)
    return `a password has ${MIN_PASSWORD} to ${MAX_PASSWORD} characters`;
  const words = userInputs.flatMap((w) => [w, ...w.toLowerCase().split(/[^\p{L}\p{N}]+/u)]).filter(Boolean);
  const result = (await estimator()).check(password.slice(0, 100), ['htt', ...words]);
  if (result.score >= PASSWORD_MIN_SCORE) return undefined;
  const why = result.feedback.warning ?? 'it would be guessed too easily';
  const hint = result.feedback.suggestions.join(' ');
  return `this password is too easy to guess (strength ${result.score} of 4, at least ${PASSWORD_MIN_SCORE} needed): ${why}${/[.!?]$/.test(why) ? '' : '.'}${hint ? ` ${hint}` : ''}`;
}
