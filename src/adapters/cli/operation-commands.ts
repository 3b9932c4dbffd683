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
import { z } from 'zod';
import { invoke, type Operation } from '../../app/operation.js';
import { defaultCaseConfig, SYSTEM, type CaseServices } from '../../app/records/context.js';
import type { Services } from '../../app/services.js';
import type { StoredRecord } from '../../app/ports/record-store.js';
import { publicOutput } from '../../app/records/public-record.js';
import { HttError } from '../../core/errors.js';
import { readJsonFile, type CliIo } from './io.js';

type FieldKind = 'value' | 'number' | 'flag' | 'list' | 'file';

/** The schema under optional/default/effects wrappers. */
function base(schema: z.ZodTypeAny): z.ZodTypeAny {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodDefault) s = s.removeDefault();
    else if (s instanceof z.ZodEffects) s = s.innerType();
    else return s;
  }
}

function kindOf(schema: z.ZodTypeAny): FieldKind {
  const b = base(schema);
  if (b instanceof z.ZodBoolean) return 'flag';
  if (b instanceof z.ZodNumber) return 'number';
  if (b instanceof z.ZodArray) {
    const el = base(b.element);
    return el instanceof z.ZodString || el instanceof z.ZodEnum ? 'list' : 'file';
  }
  if (b instanceof z.ZodString || b instanceof z.ZodEnum || b instanceof z.ZodLiteral) return 'value';
  return 'file';
}

const kebab = (s: string) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
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
  eus: 'PRC End-User Statement requests: importer -> MOFCOM (15 CFR 748.9-748.11)',
  license: 'license applications (BIS-748P) on the 750.4 clock, and issued licenses',
  'license issued': 'licenses issued on approved applications',
  veu: 'VEU applications -> End-User Review Committee -> VEU entries (15 CFR 748.15)',
  'veu entry': 'VEU entries: certifications, revocation votes',
  outreach: 'HTWG outreach: dialogues, registrations, materials, questions from industry',
  'outreach question': 'questions from industry to the HTWG',
};

/** The command at a path of words ("tx ship"), creating the groups on the way. */
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
  const line = (r: Partial<StoredRecord>) => `${r.kind} ${r.id} ${r.state || ''} (version ${r.version})`;
  const isRecord = (r: unknown): r is StoredRecord =>
    !!r && typeof r === 'object' && 'kind' in r && 'id' in r && 'version' in r;
  if (json) return JSON.stringify(publicOutput(output), null, 2);
  if (isRecord(output)) return line(output);
  if (Array.isArray(output) && output.every(isRecord))
    return output.length ? output.map(line).join('\n') : '(none)';
  return JSON.stringify(output, null, 2);
}

export function registerOperationCommands(
  program: Command,
  io: CliIo,
  services: Services,
  operations: readonly Operation[],
): void {
  for (const op of operations) {
    if (op.cli.custom) continue;
    const words = op.cli.command.split(' ');
    const parent = commandAt(program, words.slice(0, -1));
    const cmd = parent.command(words.at(-1)!).description(op.summary);
    // workflow actions are request_info in the API: accept that spelling too
    const apiName = op.http.path.split('/').at(-1)!;
    if (apiName.includes('_') && kebab(apiName) === words.at(-1)) cmd.alias(apiName);
    const args = op.cli.args ?? [];
    for (const a of args) cmd.argument(`<${a}>`);
    const shape = op.input.shape as Record<string, z.ZodTypeAny>;
    const files = new Set(op.cli.files ?? []);
    const flagOf = (field: string) => op.cli.flags?.[field] ?? kebab(field);
    if (files.has('.')) cmd.requiredOption('--file <file>', `the ${op.id} input (JSON)`);
    else
      for (const [field, schema] of Object.entries(shape)) {
        if (args.includes(field)) continue;
        const flag = flagOf(field);
        const kind = files.has(field) ? 'file' : kindOf(schema);
        const required = !schema.isOptional();
        const help = schema.description ?? '';
        const option =
          kind === 'flag'
            ? new Option(`--${flag}`, help)
            : kind === 'list'
              ? new Option(`--${flag} <items>`, `${help} (comma-separated)`.trim()).argParser(splitList)
              : kind === 'file'
                ? new Option(`--${flag} <file>`, `${help} (a JSON file)`.trim())
                : new Option(`--${flag} <${kind === 'number' ? 'n' : 'value'}>`, help);
        const values = base(schema);
        if (values instanceof z.ZodEnum) option.choices(values.options as string[]);
        if (required) option.makeOptionMandatory();
        cmd.addOption(option);
      }
    if (op.scope === 'records')
      cmd.option('--as <user>', 'the acting user (id or e-mail), recorded in the audit log');
    cmd.option('--json', 'print the whole result as JSON');
    if (op.formats?.html) cmd.option('--html <file>', 'also write a printable HTML page');

    cmd.action(async (...params: unknown[]) => {
      const flags = (params[args.length] ?? {}) as Record<string, unknown>;
      let input: Record<string, unknown> = {};
      if (files.has('.')) input = readJsonFile(String(flags.file)) as Record<string, unknown>;
      else
        for (const field of Object.keys(shape)) {
          if (args.includes(field)) continue;
          const value = flags[camel(flagOf(field))];
          if (value === undefined) continue;
          const kind = files.has(field) ? 'file' : kindOf(shape[field]!);
          input[field] =
            kind === 'file' ? readJsonFile(String(value)) : kind === 'number' ? Number(value) : value;
        }
      args.forEach((a, i) => (input[a] = params[i]));
      const names = Object.fromEntries([
        ...Object.keys(shape).map((f) => [f, files.has('.') ? `--file ${f}` : `--${flagOf(f)}`]),
        ...args.map((a) => [a, `<${a}>`]),
      ]);
      const output = await withCliNames(names, () => run(op, flags, input));
      if (op.formats?.html && flags.html) writeFileSync(String(flags.html), op.formats.html(output as never));
      io.out(render(output, Boolean(flags.json)));
    });
  }

  async function run(op: Operation, flags: Record<string, unknown>, input: unknown): Promise<unknown> {
    if (op.scope === 'engine') return invoke(op, { services }, input);
    // the database drivers and the use cases load only when a command runs (a fast `htt --help`)
    const [{ openRecordStore }, { actorFor }] = await Promise.all([
      import('../db/open-record-store.js'),
      import('../../app/records/organisations.js'),
    ]);
    const store = await openRecordStore();
    try {
      const cases: CaseServices = {
        store,
        checks: services,
        now: () => process.env.HTT_NOW ?? new Date().toISOString(),
        config: defaultCaseConfig,
      };
      if (!flags.as && !op.cli.bootstrap)
        throw new HttError({
          code: 'INPUT.INVALID',
          message: '--as USER (id or e-mail) names who acts; it is recorded in the audit log',
          field: '--as',
        });
      const actor = flags.as ? await actorFor(cases, String(flags.as)) : SYSTEM;
      return await invoke(op, { services, cases, actor }, input);
    } finally {
      await store.close();
    }
  }
}
