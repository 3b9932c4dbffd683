#!/usr/bin/env node
// After tsc (npm run build): write dist/cli-manifest.json, the CLI's view of the operation table
// (src/adapters/cli/cli-manifest.ts), so that the compiled CLI starts without loading the table.
import { writeFileSync } from 'node:fs';
import { URL } from 'node:url';

const { manifestOf } = await import('../dist/adapters/cli/cli-manifest.js');
const { operations } = await import('../dist/app/operations/index.js');
const target = new URL('../dist/cli-manifest.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(manifestOf(operations))}\n`);
