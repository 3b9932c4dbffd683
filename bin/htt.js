#!/usr/bin/env node
// Entry point of the `htt` command: runs the compiled CLI in dist/ (built by `npm run build`, which
// `npm ci` runs as the prepare step). tsx is for development only (`npm run dev:cli -- ...`).
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const entry = new URL('../dist/main/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('htt is not built: run `npm run build` (npm ci does it for you)\n');
  process.exit(70);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
