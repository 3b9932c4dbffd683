#!/usr/bin/env node
/**
 * First-load bytes of the built desk (web/dist): the page and every script, preload and stylesheet it names,
 * as sent plain, gzipped and brotli-compressed (the .gz and .br twins the build writes). Run after
 * `npm run build:web`: `node web/scripts/first-load.mjs`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = ['index.html', ...[...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1])];
const size = (f) =>
  existsSync(join(dist, f))
    ? statSync(join(dist, f)).size
    : statSync(join(dist, f.replace(/\.(br|gz)$/, ''))).size;
const rows = files.map((f) => ({ file: f, plain: size(f), gzip: size(`${f}.gz`), br: size(`${f}.br`) }));
const total = rows.reduce((t, r) => ({ plain: t.plain + r.plain, gzip: t.gzip + r.gzip, br: t.br + r.br }), {
  plain: 0,
  gzip: 0,
  br: 0,
});
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
for (const r of rows)
  console.log(
    `${r.file.padEnd(34)} ${kb(r.plain).padStart(11)} ${kb(r.gzip).padStart(11)} ${kb(r.br).padStart(11)}`,
  );
console.log(
  `${'first load'.padEnd(34)} ${kb(total.plain).padStart(11)} ${kb(total.gzip).padStart(11)} ${kb(total.br).padStart(11)}`,
);
