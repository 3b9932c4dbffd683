/** `htt screen` and `htt lists`: restricted-party screening on the command line (issue 3). */
import { availableParallelism } from 'node:os';
import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Command } from 'commander';
import { HttError } from '../../core/errors.js';
import { DEFAULT_THRESHOLD } from '../../core/screening/threshold.js';
import type { Screener, ScreeningHit } from '../../core/screening/types.js';
import type { Decision } from '../../core/workflows/screening-decision.js';
import type { Services } from '../../app/services.js';
import type { BatchItem, LineOptions } from './batch-screen.js';
import type { CliIo } from './io.js';

/** Batch inputs at least this long are split over worker threads (one per core, at most 2). */
export const WORKER_THRESHOLD_LINES = 20_000;

interface ScreenFlags {
  json?: boolean;
  country?: string;
  threshold?: string;
  limit?: string;
  cleared?: string;
  input?: string;
  output?: string;
  workers?: string;
  nameColumn?: string;
  countryColumn?: string;
  as?: string;
}

function parseOptions(flags: ScreenFlags): LineOptions {
  const options: LineOptions = {};
  if (flags.threshold !== undefined) {
    const t = Number(flags.threshold);
    if (!Number.isFinite(t) || t < 0 || t > 1) {
      throw new HttError({
        code: 'INPUT.INVALID',
        message: `--threshold must be a number from 0 to 1, not "${flags.threshold}"`,
        field: 'threshold',
      });
    }
    options.threshold = t;
  }
  if (flags.limit !== undefined) {
    const l = Number(flags.limit);
    if (!Number.isInteger(l) || l < 1)
      throw new HttError({
        code: 'INPUT.INVALID',
        message: `--limit must be a positive integer`,
        field: 'limit',
      });
    options.limit = l;
  }
  if (flags.country !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(flags.country.trim())) {
      throw new HttError({
        code: 'INPUT.INVALID',
        message: `--country must be an ISO 3166-1 alpha-2 code such as CN, not "${flags.country}"`,
        field: 'country',
      });
    }
    options.country = flags.country.trim().toUpperCase();
  }
  if (flags.cleared)
    options.cleared = flags.cleared
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return options;
}

// the lists, the index and the batch reader load when a command runs, never for `htt --help`
const snapshots = () => import('../lists/snapshot-store.js');
const screeners = () => import('../lists/default-screener.js');
const batch = () => import('./batch-screen.js');

/**
 * `--as USER`: the screening decisions of the user's organisation (docs/SCREENING.md, "Decisions the
 * organisation remembers"), read through the operation table as that user (a compliance officer or an
 * administrator of the organisation) from the database the case commands use.
 */
async function decisionsOf(as: string, services: Services): Promise<Decision[]> {
  const [{ invoke }, { operationById }, { asUser }] = await Promise.all([
    import('../../app/operation.js'),
    import('../../app/operations/index.js'),
    import('./operation-commands.js'),
  ]);
  const rows = (await asUser(services, as, (caller) =>
    invoke(operationById('screening_decision.list')!, caller, {}),
  )) as { id: string; state: Decision['state']; data: Decision['data'] }[];
  return rows.filter((r) => r.state !== 'revoked').map((r) => ({ id: r.id, state: r.state, data: r.data }));
}

/** The screener with the decisions applied (the screener itself without any). */
async function withDecisions(screener: Screener, decisions: Decision[]): Promise<Screener> {
  if (!decisions.length) return screener;
  const { decisionMemory, screenWithDecisions } = await import('../../core/workflows/screening-decision.js');
  return screenWithDecisions(screener, decisionMemory(decisions));
}

async function staleWarning(io: CliIo, listsDir: string): Promise<void> {
  const { readCurrent, ageInDays, maxAgeDays } = await snapshots();
  try {
    const { meta } = readCurrent(listsDir);
    const age = ageInDays(meta);
    const max = maxAgeDays();
    if (age > max)
      io.err(
        `warning: list snapshot ${meta.id} is ${age} days old (more than ${max}); run: htt lists update FILE...`,
      );
  } catch {
    /* reported by the command itself */
  }
}

function renderHits(query: string, hits: ScreeningHit[], snapshot: string, threshold: number): string {
  if (!hits.length) return `${query}: no hits at threshold ${threshold} (lists ${snapshot})`;
  const lines = [`${query}: ${hits.length} hit${hits.length > 1 ? 's' : ''} (lists ${snapshot})`];
  for (const h of hits) {
    lines.push(`  ${h.score.toFixed(2)}  ${h.list.padEnd(11)} ${h.name}  [${h.id}]`);
    if (h.matchedName !== h.name)
      lines.push(
        h.nameSource
          ? `        matched name: ${h.matchedName} (${h.nameSource})`
          : `        matched alias: ${h.matchedName}`,
      );
    lines.push(`        ${h.source}${h.countries.length ? `; ${h.countries.join(', ')}` : ''}`);
    if (h.licenseRequirement) lines.push(`        license requirement: ${h.licenseRequirement}`);
    if (h.licensePolicy) lines.push(`        license policy: ${h.licensePolicy}`);
    if (h.federalRegister) lines.push(`        Federal Register: ${h.federalRegister}`);
    lines.push(`        why: ${h.explanation}`);
  }
  return lines.join('\n');
}

async function runWorkers(
  lines: BatchItem[],
  options: LineOptions,
  decisions: Decision[],
  listsDir: string,
  count: number,
  onProgress: (n: number) => void,
): Promise<string[]> {
  // compiled (dist/*.js) the worker module loads as it is; from TypeScript sources (tests, development)
  // the worker registers tsx first
  const fromSource = import.meta.url.endsWith('.ts');
  const apiUrl = fromSource ? import.meta.resolve('tsx/esm/api') : null;
  const moduleUrl = new URL(`./screen-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      if (workerData.apiUrl) (await import(workerData.apiUrl)).register();
      const mod = await import(workerData.moduleUrl);
      mod.runWorker(parentPort, workerData.input);
    })().catch((e) => parentPort.postMessage({ type: 'error', message: String(e && e.message || e) }));`;
  const size = Math.ceil(lines.length / count);
  const chunks = Array.from({ length: count }, (_, i) => lines.slice(i * size, (i + 1) * size));
  const results = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<string[]>((resolveChunk, reject) => {
          const worker = new Worker(code, {
            eval: true,
            workerData: { apiUrl, moduleUrl, input: { listsDir, lines: chunk, options, decisions } },
          });
          worker.on('message', (m: { type: string; done?: number; out?: string[]; message?: string }) => {
            if (m.type === 'progress') onProgress(m.done ?? 0);
            else if (m.type === 'done') {
              resolveChunk(m.out ?? []);
              void worker.terminate();
            } else if (m.type === 'error') reject(new Error(`screening worker failed: ${m.message}`));
          });
          worker.on('error', reject);
        }),
    ),
  );
  return results.flat();
}

async function runBatch(
  flags: ScreenFlags,
  options: LineOptions,
  io: CliIo,
  decisions: Decision[],
): Promise<void> {
  const [
    { defaultListsDir },
    { loadDefaultScreener },
    { decodeBatchInput, decodeBatchTable, readBatchFile, screenLine },
    { SingleBar, Presets },
  ] = await Promise.all([snapshots(), screeners(), batch(), import('cli-progress')]);
  const input = flags.input!;
  if (!flags.output)
    throw new HttError({
      code: 'INPUT.INVALID',
      message: '--input needs --output FILE.jsonl',
      field: 'output',
    });
  // streamed with limits: /dev/zero, a binary or a huge file fails fast in bounded memory
  const bytes = readBatchFile(input);
  // a .csv/.tsv file, or any file with a column chosen, is a table with a header row
  const tsv = /\.tsv$/i.test(input);
  const table = tsv || /\.csv$/i.test(input) || !!flags.nameColumn || !!flags.countryColumn;
  const textLines = decodeBatchInput(bytes, input);
  const lines: BatchItem[] = table
    ? decodeBatchTable(
        textLines.join('\n'),
        input,
        tsv || (!/\.csv$/i.test(input) && textLines[0]?.includes('\t')) ? '\t' : ',',
        {
          ...(flags.nameColumn ? { nameColumn: flags.nameColumn } : {}),
          ...(flags.countryColumn ? { countryColumn: flags.countryColumn } : {}),
        },
      )
    : textLines;
  const listsDir = defaultListsDir();
  const cores = Math.min(2, availableParallelism());
  const requested = flags.workers === undefined ? undefined : Number(flags.workers);
  const workers =
    requested !== undefined && Number.isInteger(requested) && requested >= 0
      ? Math.min(requested, 8)
      : lines.length >= WORKER_THRESHOLD_LINES
        ? cores
        : 0;
  const bar = process.stderr.isTTY
    ? new SingleBar(
        { format: 'screening [{bar}] {value}/{total} names, eta {eta}s', stream: process.stderr },
        Presets.shades_classic,
      )
    : undefined;
  bar?.start(lines.length, 0);
  let out: string[];
  try {
    if (workers >= 1 && lines.length > 0) {
      out = await runWorkers(lines, options, decisions, listsDir, workers, (n) => bar?.increment(n));
    } else {
      const screener = await withDecisions(loadDefaultScreener(listsDir), decisions);
      out = lines.map((line, i) => {
        if (bar && i % 200 === 0) bar.update(i);
        return screenLine(screener, line, options);
      });
    }
  } finally {
    bar?.stop();
  }
  writeFileSync(flags.output, out.length ? `${out.join('\n')}\n` : '');
  const withHits = out.filter((l) => !l.includes('"hits":[]')).length;
  io.err(
    `screened ${lines.length} ${table ? 'rows' : 'names'}: ${withHits} with hits; results in ${flags.output}`,
  );
}

export function registerScreeningCommands(
  program: Command,
  io: CliIo,
  _setExit: (code: number) => void,
  services: Services,
): void {
  program
    .command('screen')
    .description(
      'screen a party name against the restricted-party lists (Entity List, MEU, UVL, DPL, SDN, CMIC, ...)',
    )
    .argument('[name...]', 'the party name, in any script (quote it, or give the words)')
    .option('--json', 'print the contract JSON {query, hits}')
    .option('--country <CC>', 'only entries with this country (ISO alpha-2) or none recorded')
    .option('--threshold <x>', `lowest score reported as a hit (default ${DEFAULT_THRESHOLD})`)
    .option('--limit <n>', 'at most this many hits per name')
    .option('--cleared <ids>', "comma-separated listed-entity ids an analyst has cleared ('not this party')")
    .option('--input <file>', 'batch: one name per line, or a CSV/TSV file (.csv, .tsv) with a header row')
    .option(
      '--name-column <col>',
      'batch table: the header (or 1-based number) of the name column (default: "name")',
    )
    .option(
      '--country-column <col>',
      'batch table: the header or number of a country column (ISO alpha-2 or English name), used as --country per row',
    )
    .option('--output <file>', 'batch: JSON lines out, one per input line, in order')
    .option(
      '--as <user>',
      "screen as this user's organisation (id or e-mail): its confirmed and cleared names apply",
    )
    .option(
      '--workers <n>',
      `batch: worker threads (default: both cores from ${WORKER_THRESHOLD_LINES} lines)`,
    )
    .action(async (words: string[], flags: ScreenFlags) => {
      const options = parseOptions(flags);
      const decisions = flags.as ? await decisionsOf(flags.as, services) : [];
      if (flags.input) {
        if (words.length)
          throw new HttError({
            code: 'INPUT.INVALID',
            message: 'give either a NAME or --input FILE, not both',
          });
        await staleWarning(io, (await snapshots()).defaultListsDir());
        await runBatch(flags, options, io, decisions);
        return;
      }
      const name = words.join(' ');
      if (!name.trim())
        throw new HttError({
          code: 'SCREEN.INVALID_QUERY',
          message: 'give a name to screen: htt screen NAME',
          field: 'name',
        });
      const [{ defaultListsDir }, { loadDefaultScreener }] = await Promise.all([snapshots(), screeners()]);
      const screener = await withDecisions(loadDefaultScreener(), decisions);
      if (!flags.json) await staleWarning(io, defaultListsDir());
      const hits = screener.screen(
        { name, ...(options.country ? { country: options.country } : {}) },
        options,
      );
      if (flags.json) io.out(JSON.stringify({ query: name, lists: screener.snapshot, hits }, null, 2));
      else io.out(renderHits(name, hits, screener.snapshot, options.threshold ?? DEFAULT_THRESHOLD));
    });

  const lists = program
    .command('lists')
    .description('show the loaded restricted-party list snapshot and its age')
    .option('--json', 'machine-readable')
    .action(async (flags: { json?: boolean }) => {
      const [{ defaultListsDir, readCurrent, ageInDays, maxAgeDays }, { describeLexicon }] =
        await Promise.all([snapshots(), import('../lists/lexicon-file.js')]);
      const listsDir = defaultListsDir();
      const { meta } = readCurrent(listsDir);
      const age = ageInDays(meta);
      const max = maxAgeDays();
      const lexicon = describeLexicon();
      if (flags.json) {
        io.out(
          JSON.stringify(
            { ...meta, ageDays: age, maxAgeDays: max, stale: age > max, dir: listsDir, lexicon },
            null,
            2,
          ),
        );
        return;
      }
      io.out(
        [
          `snapshot   ${meta.id}`,
          `data date  ${meta.dataDate} (${age} days old; warning after ${max}, set HTT_LISTS_MAX_AGE_DAYS)`,
          `ingested   ${meta.ingestedAt}`,
          `entities   ${meta.entityCount}`,
          `directory  ${listsDir}`,
          ...meta.files.map(
            (f) =>
              `file       ${f.name}  ${f.format}, ${f.records} records, ${f.bytes} bytes, sha256 ${f.sha256.slice(0, 16)}...`,
          ),
          `lexicon    ${lexicon.names} Chinese names with their English names, ${lexicon.source} (${lexicon.path})`,
        ].join('\n'),
      );
      if (age > max)
        io.err(
          `warning: the list snapshot is ${age} days old, more than ${max}; run: htt lists update FILE...`,
        );
    });
  lists
    .command('update')
    .description(
      'ingest list files (CSL JSON or CSV, OFAC sdn/alt/add CSV, BIS dpl.txt) as the new current snapshot, atomically',
    )
    .argument('<files...>', 'list files making up the new snapshot')
    .option('--date <yyyy-mm-dd>', 'data date when the files do not state one')
    .option(
      '--force',
      'accept a snapshot beyond the update limits (data/lists/update-limits.yaml); needs --reason',
    )
    .option('--reason <text>', 'why (kept in the audit log)')
    .option('--as <user>', 'the acting user, by e-mail or id, for the audit log (default: system)')
    .action(
      async (files: string[], flags: { date?: string; force?: boolean; reason?: string; as?: string }) => {
        const [{ defaultListsDir, prepareSnapshot, makeCurrent }, { resetDefaultScreener }, live, db] =
          await Promise.all([
            snapshots(),
            screeners(),
            import('../lists/live-snapshots.js'),
            import('../db/open-record-store.js'),
          ]);
        if (flags.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.date)) {
          throw new HttError({
            code: 'INPUT.INVALID',
            message: `--date must be YYYY-MM-DD, not "${flags.date}"`,
            field: 'date',
          });
        }
        const listsDir = defaultListsDir();
        const prepared = prepareSnapshot(files, listsDir, {
          ...(flags.date ? { date: flags.date } : {}),
          ...(flags.force ? { force: true } : {}),
          ...(flags.reason !== undefined ? { reason: flags.reason } : {}),
        });
        // the database first (audited; every server switches to what it names), then current.json: if the
        // database refuses, nothing has changed
        const store = await db.openRecordStore();
        try {
          let actor = 'system:lists-update';
          if (flags.as) {
            const who = flags.as.toLowerCase();
            const user =
              (await store.get('user', flags.as)) ??
              (await store.list('user', { where: { email: who }, limit: 1 }))[0];
            if (!user || user.state !== 'active')
              throw new HttError({
                code: 'CASE.NOT_FOUND',
                message: `no active user ${flags.as}`,
                field: 'as',
              });
            actor = user.id;
          }
          await live.recordCurrentSnapshot(store, prepared, actor, new Date().toISOString(), flags.reason);
        } finally {
          await store.close();
        }
        makeCurrent(listsDir, prepared);
        resetDefaultScreener();
        io.out(
          `loaded snapshot ${prepared.meta.id}: ${prepared.meta.entityCount} entities from ${prepared.meta.files.map((f) => f.name).join(', ')}`,
        );
        if (prepared.overridden.length)
          io.err(
            `warning: accepted beyond the update limits (--force, audited): ${prepared.overridden.join('; ')}`,
          );
      },
    );
  lists
    .command('index')
    .description(
      "check the current snapshot's stored screening index; build and store it if it is missing or stale",
    )
    .action(async () => {
      const { defaultListsDir, loadSnapshot } = await snapshots();
      const { meta, index } = loadSnapshot(defaultListsDir());
      const size = index.bytes === undefined ? '' : ` (${(index.bytes / 1e6).toFixed(1)} MB)`;
      io.out(
        index.source === 'stored'
          ? `screening index of ${meta.id} is up to date: ${index.file}${size}`
          : `screening index of ${meta.id} built${index.detail ? ` (${index.detail})` : ''}: ${index.file}${size}`,
      );
    });
}
