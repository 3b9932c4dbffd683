/**
 * The CLI verbs generated from the operation table (src/app/operations): `htt tx ship ID --on DATE --as USER`
 * for the operation "transaction.ship", and so on. Positional arguments, flags and JSON files come from the
 * operation's input schema and its `cli` mount:
 *   - a text, number or enum field is a flag with a value (`--reason TEXT`), a boolean a bare flag;
 *   - a list of texts is a comma-separated flag (`--agencies DoD,State`, repeatable);
 *   - a nested object (or a field named in `cli.files`) is read from a JSON file the flag names;
 *     `files: ['.']` reads the whole input from `--file FILE`.
 * Record operations open the store (DATABASE_URL, or HTT_DB / .htt/htt.sqlite) and act as the user `--as`
 * names, recorded in the audit log; engine operations need neither. Operations the CLI renders itself
 * (`cli.custom`) are mounted by check-commands.ts, screening-commands.ts and audit-commands.ts.
 */
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { Caller, Operation } from '../../app/operation.js';
import type { StoredRecord } from '../../app/ports/record-store.js';
import { isRecord, Page, publicOutput } from '../../app/records/public-record.js';
import type { Services } from '../../app/services.js';
import { HttError } from '../../core/errors.js';
import type { CliEntry, CliManifest, CliOption } from './cli-manifest.js';
import { readJsonFile, type CliIo } from './io.js';

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

const splitList = (v: string, prev: string[] = []) => [
  ...prev,
  ...v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
];

/**
 * Run `fn`; an input error about a field is reported under the CLI's name for it (`--as-of`, `<id>`) so that
 * the user sees what to change on the command line.
 */
export async function withCliNames<T>(names: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const field = e instanceof HttError ? e.problem.field : undefined;
    const top = field?.split(/[.[]/)[0];
    const name = top ? names[top] : undefined;
    if (!(e instanceof HttError) || !field || !top || !name) throw e;
    const renamed = field === top ? name : `${name} ${field.slice(top.length).replace(/^\./, '')}`;
    throw new HttError({
      ...e.problem,
      field: renamed,
      message: e.message.replace(new RegExp(`(^|: |; )${top}([.[:])`, 'g'), `$1${name}$2`),
    });
  }
}

/** What each group of verbs is about, for `htt --help`. */
const groups: Record<string, string> = {
  org: 'organisations: exporters, importers, BIS, MOFCOM, the ERC, agencies, the HTWG, auditors',
  user: 'users and their roles; your password',
  counterparty: "the exporter's customer master, screened against the lists",
  tx: 'transactions: a proposed export with its frozen determination, holds and shipment',
  hold: 'holds on transactions',
  'legal-hold': 'legal holds: records an agency asked for, or under investigation (15 CFR 762.6(b))',
  records: 'Part 762 retention: purge records past their date (15 CFR 762.6)',
  eus: 'PRC End-User Statement requests: importer -> MOFCOM (15 CFR 748.9-748.11)',
  license: 'license applications (BIS-748P) on the 750.4 clock, and issued licenses',
  'license issued': 'licenses issued on approved applications',
  veu: 'VEU applications -> End-User Review Committee -> VEU entries (15 CFR 748.15)',
  'veu entry': 'VEU entries: certifications, revocation votes',
  outreach: 'HTWG outreach: dialogues, registrations, materials, questions from industry',
  'outreach question': 'questions from industry to the HTWG',
  job: 'jobs: batch screens, re-screening, case files and audit verification done by workers (htt worker)',
};

/** The command at a path of words ("tx ship"), creating the groups on the way. */
/**
 * Run `fn` as a user (`--as`, id or e-mail) on the database the case commands use (DATABASE_URL, or HTT_DB /
 * .htt/htt.sqlite); the store is closed afterwards. `htt screen --as` and `htt check --as` screen with the
 * user's organisation's decisions this way.
 */
export async function asUser<T>(
  services: Services,
  who: string,
  fn: (caller: Required<Caller>) => Promise<T>,
): Promise<T> {
  const [{ openRecordStore }, { actorFor }, { caseServicesFor }] = await Promise.all([
    import('../db/open-record-store.js'),
    import('../../app/records/organisations.js'),
    import('../../app/records/context.js'),
  ]);
  const store = await openRecordStore();
  try {
    const cases = caseServicesFor(store, services);
    return await fn({ services, cases, actor: await actorFor(cases, who) });
  } finally {
    await store.close();
  }
}

export function commandAt(program: Command, words: string[]): Command {
  let at = program;
  words.forEach((word, i) => {
    const found = at.commands.find((c) => c.name() === word);
    at = found ?? at.command(word).description(groups[words.slice(0, i + 1).join(' ')] ?? '');
  });
  return at;
}

/** A one-line summary of a stored record, or the output as JSON. */
function render(output: unknown, json: boolean): string {
  const line = (r: StoredRecord) => `${r.kind} ${r.id} ${r.state || ''} (version ${r.version})`;
  if (json) return JSON.stringify(publicOutput(output), null, 2);
  if (output instanceof Page) return render(output.items, json);
  if (isRecord(output)) return line(output);
  if (Array.isArray(output) && output.every(isRecord))
    return output.length ? output.map(line).join('\n') : '(none)';
  return JSON.stringify(output, null, 2);
}

function optionOf(o: CliOption): Option {
  const help = o.description ?? '';
  const option =
    o.kind === 'flag'
      ? new Option(`--${o.flag}`, help)
      : o.kind === 'list'
        ? new Option(`--${o.flag} <items>`, `${help} (comma-separated)`.trim()).argParser(splitList)
        : o.kind === 'file'
          ? new Option(`--${o.flag} <file>`, `${help} (a JSON file)`.trim())
          : new Option(`--${o.flag} <${o.kind === 'number' ? 'n' : 'value'}>`, help);
  if (o.choices) option.choices(o.choices);
  if (o.required) option.makeOptionMandatory();
  return option;
}

/** The operation of the table an entry names (the table loads on the first command that runs). */
async function operationOf(entry: CliEntry): Promise<Operation> {
  const { operationById } = await import('../../app/operations/index.js');
  const op = operationById(entry.id);
  if (!op)
    throw new Error(`the CLI manifest names an operation the table lacks: ${entry.id}; run npm run build`);
  return op;
}

export function registerOperationCommands(
  program: Command,
  io: CliIo,
  services: Services,
  manifest: CliManifest,
): void {
  for (const entry of manifest.entries) {
    if (entry.custom) continue;
    const words = entry.command.split(' ');
    const parent = commandAt(program, words.slice(0, -1));
    const cmd = parent.command(words.at(-1)!).description(entry.summary);
    // workflow actions are request_info in the API: accept that spelling too
    if (entry.alias) cmd.alias(entry.alias);
    const { args } = entry;
    for (const a of args) cmd.argument(`<${a}>`);
    if (!entry.options) cmd.requiredOption('--file <file>', `the ${entry.id} input (JSON)`);
    else for (const o of entry.options) cmd.addOption(optionOf(o));
    if (entry.scope === 'records')
      cmd.option('--as <user>', 'the acting user (id or e-mail), recorded in the audit log');
    cmd.option('--json', 'print the whole result as JSON');
    if (entry.html) cmd.option('--html <file>', 'also write a printable HTML page');
    if (entry.pdf) cmd.option('--pdf <file>', 'also write the document as a PDF');

    cmd.action(async (...params: unknown[]) => {
      const flags = (params[args.length] ?? {}) as Record<string, unknown>;
      let input: Record<string, unknown> = {};
      if (!entry.options) input = readJsonFile(String(flags.file)) as Record<string, unknown>;
      else
        for (const o of entry.options) {
          const value = flags[camel(o.flag)];
          if (value === undefined) continue;
          input[o.field] =
            o.kind === 'file' ? readJsonFile(String(value)) : o.kind === 'number' ? Number(value) : value;
        }
      args.forEach((a, i) => (input[a] = params[i]));
      const names = Object.fromEntries([
        ...(entry.options ?? []).map((o) => [o.field, `--${o.flag}`]),
        ...args.map((a) => [a, `<${a}>`]),
      ]);
      const op = await operationOf(entry);
      const output = await withCliNames(names, () => run(op, flags, input));
      if (op.formats?.html && flags.html) writeFileSync(String(flags.html), op.formats.html(output as never));
      if (op.formats?.pdf && flags.pdf)
        writeFileSync(String(flags.pdf), (await op.formats.pdf(output as never)).body);
      io.out(render(output, Boolean(flags.json)));
      if (output instanceof Page && output.next) io.err(`more: the next page with --cursor ${output.next}`);
    });
  }

  const run = (op: Operation, flags: Record<string, unknown>, input: unknown) =>
    runOperation(op, services, flags, input);
}

/**
 * Run an operation from the command line: an engine operation directly; a record operation on the store
 * (DATABASE_URL or HTT_DB / .htt/htt.sqlite) as the user --as names (the local operator for bootstrap verbs).
 */
export async function runOperation(
  op: Operation,
  services: Services,
  flags: Record<string, unknown>,
  input: unknown,
): Promise<unknown> {
  // the database drivers and the use cases load only when a command runs (a fast `htt --help`)
  const { invoke } = await import('../../app/operation.js');
  if (op.scope === 'engine') return invoke(op, { services }, input);
  const [{ openRecordStore }, { actorFor }, { caseServicesFor, SYSTEM }] = await Promise.all([
    import('../db/open-record-store.js'),
    import('../../app/records/organisations.js'),
    import('../../app/records/context.js'),
  ]);
  const store = await openRecordStore();
  const cases = caseServicesFor(store, services);
  try {
    if (op.concept === 'jobs') cases.jobs = await (await import('../jobs/open-jobs.js')).openJobs(store);
    if (!flags.as && !op.cli.bootstrap)
      throw new HttError({
        code: 'INPUT.INVALID',
        message: '--as USER (id or e-mail) names who acts; it is recorded in the audit log',
        field: '--as',
      });
    const actor = flags.as ? await actorFor(cases, String(flags.as)) : SYSTEM;
    return await invoke(op, { services, cases, actor }, input);
  } finally {
    await cases.jobs?.queue.stop();
    await store.close();
  }
}
