#!/usr/bin/env node
/**
 * Builds the web desk into web/dist when it is missing or older than its sources, so that `npm start` on a
 * fresh clone serves the desk (npm runs this as `prestart`) and the end-to-end tests test the current code.
 * A lock directory keeps two callers (two test files at once) from building over each other.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const index = join(web, 'dist', 'index.html');
const lock = join(web, '..', 'node_modules', '.cache', 'htt-web-build.lock');

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = 0;
  for (const name of readdirSync(path)) {
    if (name.endsWith('.test.ts') || name.endsWith('.test.tsx')) continue;
    m = Math.max(m, newest(join(path, name)));
  }
  return m;
}

export function isStale() {
  if (!existsSync(index)) return true;
  const sources = Math.max(
    newest(join(web, 'src')),
    newest(join(web, 'index.html')),
    newest(join(web, 'vite.config.ts')),
  );
  return sources > statSync(index).mtimeMs;
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

export async function ensureBuilt({ quiet = false } = {}) {
  for (let waited = 0; ; waited += 250) {
    try {
      mkdirSync(dirname(lock), { recursive: true });
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 180_000) rmSync(lock, { recursive: true, force: true }); // a crashed builder's lock
      await sleep(250);
    }
  }
  try {
    if (!isStale()) return false;
    if (!quiet) console.log('building the web desk (web/dist)…');
    // a child process with NODE_ENV=production: a caller's NODE_ENV (vitest sets "test") would otherwise
    // give a development build of React
    const vite = join(web, '..', 'node_modules', 'vite', 'bin', 'vite.js');
    const args = [
      vite,
      'build',
      '--config',
      join(web, 'vite.config.ts'),
      '--logLevel',
      quiet ? 'warn' : 'info',
    ];
    const r = spawnSync(process.execPath, args, {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (r.status !== 0) throw new Error(`the web desk build failed (exit ${r.status ?? r.signal})`);
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await ensureBuilt();
}
