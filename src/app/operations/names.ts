/** Names from open data (docs/SCREENING.md, "Names from open data"): import, describe and remove. */
import { z } from 'zod';
import { nameImportInput } from '../../contracts/names.js';
import { HttError } from '../../core/errors.js';
import { engineOp, recordOp, type Operation } from '../operation.js';
import { anyJson, id, reason, storedRecord } from './common.js';

const imports = () => import('../records/name-imports.js');

export const nameOperations: Operation[] = [
  recordOp({
    id: 'lists.import_names',
    concept: 'screening',
    summary:
      'Import Chinese names and aliases of listed parties from an OpenSanctions, Wikidata or GLEIF file',
    input: nameImportInput,
    output: anyJson,
    roles: ['admin'],
    audit: 'lists.import_names',
    http: { method: 'post', path: '/lists/names', status: 201 },
    // the CLI reads the file in its format (htt lists import-names --format F FILE)
    cli: { command: 'lists import-names', custom: true, bootstrap: true },
    run: async (s, actor, b) => (await imports()).importNames(s, actor, b),
  }),
  engineOp({
    id: 'lists.names',
    concept: 'screening',
    summary: 'The names from open data: shipped sources and imports, with the listed entries each names',
    input: z.object({}).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/lists/names' },
    cli: { command: 'lists names', custom: true },
    run: (s) => {
      const names = s.names?.();
      if (!names)
        throw new HttError({ code: 'LISTS.NOT_LOADED', message: 'this process keeps no imported names' });
      return names.describe();
    },
  }),
  recordOp({
    id: 'lists.remove_names',
    concept: 'screening',
    summary: 'Remove imported names (the next screening index is built without them)',
    input: z.object({ id, reason: reason.optional() }).strict(),
    output: storedRecord,
    roles: ['admin'],
    audit: 'lists.remove_names',
    http: { method: 'post', path: '/lists/names/{id}/remove' },
    cli: { command: 'lists remove-names', custom: true, bootstrap: true },
    run: async (s, actor, b) => (await imports()).removeNames(s, actor, b.id, b.reason),
  }),
];
