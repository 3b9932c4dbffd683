import { InvalidArgumentError, type Command } from 'commander';
import type { CheckResult } from '../../contracts/check.js';
import type { EccnReport } from '../../app/operations/engine.js';
import type { Services } from '../../app/services.js';
import type { RuleVersionInForce } from '../../core/rules/rule-set.js';
import { langOf, type Lang } from '../../core/messages/messages.js';
import { readJsonFile, type CliIo } from './io.js';
import { asUser, withCliNames } from './operation-commands.js';
import { renderCheck } from './render-check.js';

/**
 * Run an engine operation of the table: without a database or an acting user, or with `as` as that user
 * (a check then screens with the user's organisation's decisions).
 */
const run = async <T>(services: Services, id: string, input: unknown, as?: string): Promise<T> => {
  const [{ invoke }, { operationById }] = await Promise.all([
    import('../../app/operation.js'),
    import('../../app/operations/index.js'),
  ]);
  const op = operationById(id)!;
  return withCliNames({ asOf: '--as-of', id: '<eccn>' }, () =>
    as ? asUser(services, as, (caller) => invoke(op, caller, input)) : invoke(op, { services }, input),
  ) as Promise<T>;
};

/** `--lang` / HTT_LANG: `zh` (zh-CN, zh-Hans, zh_CN.UTF-8 ...) or `en`; anything else is a usage error. */
function langOption(value: string | undefined): Lang {
  if (!value) return 'en';
  const tag = value.split('.')[0]!.replace('_', '-');
  if (tag === 'C' || tag === 'POSIX') return 'en';
  if (/^(en|zh)(-|$)/i.test(tag)) return langOf(tag);
  throw new InvalidArgumentError(`--lang must be en or zh, not "${value}"`);
}

/** `htt check`, `htt eccn`, `htt rules`: the engine's operations, rendered as text. */
export function registerCheckCommands(
  program: Command,
  io: CliIo,
  _setExit: (code: number) => void,
  services: Services,
): void {
  program
    .command('check')
    .description(
      'determine the license requirement, authorization and documents for one proposed export (see docs/CHECK.md)',
    )
    .argument('<file>', 'the check input (JSON, docs/reference/check-contract.md)')
    .option('--json', 'print the determination as JSON (the contract output)')
    .option('--overlay <file>', 'what-if overlay: extra VEU entries or list entries for this check only')
    .option('--lang <lang>', 'language of the text output: en or zh (default: $HTT_LANG, else en)')
    .option(
      '--as <user>',
      "check as this user's organisation (id or e-mail): its confirmed and cleared names apply to the parties",
    )
    .action(async (file: string, opts: { json?: boolean; overlay?: string; lang?: string; as?: string }) => {
      const lang = langOption(opts.lang ?? process.env.HTT_LANG);
      const input = readJsonFile(file);
      const result = opts.overlay
        ? await run<CheckResult>(
            services,
            'check.what_if',
            { input, overlay: readJsonFile(opts.overlay) },
            opts.as,
          )
        : await run<CheckResult>(services, 'check.run', input, opts.as);
      const destination = String((input as { destination?: string }).destination ?? '').toUpperCase();
      io.out(opts.json ? JSON.stringify(result, null, 2) : renderCheck(result, destination, lang));
    });

  program
    .command('eccn')
    .description(
      "what the Commerce Control List says about an ECCN and China's and Macau's columns on a date",
    )
    .argument('<eccn>', 'e.g. 3B001 or 3A090.a')
    .option('--as-of <date>', 'the date whose rules apply (default: today)')
    .option('--json', 'print JSON')
    .action(async (eccn: string, opts: { asOf?: string; json?: boolean }) => {
      const report = await run<EccnReport>(services, 'eccn.describe', {
        id: eccn,
        ...(opts.asOf === undefined ? {} : { asOf: opts.asOf }),
      });
      if (opts.json) return io.out(JSON.stringify(report, null, 2));
      const lines = [
        `${report.eccn} as of ${report.asOf}: ${report.heading}`,
        `Reasons for control: ${report.reasons.join(', ') || '(none listed)'}`,
        `In Supp. No. 2 to Part 744 (military end use/user items) on ${report.asOf}: ${report.supplement2}`,
        ...(report.createdOn ? [`ECCN created on ${report.createdOn}`] : []),
        '',
        'Control rows:                                             China             Macau',
        ...report.rows.map(
          (r) =>
            `  ${r.control.slice(0, 56).padEnd(56)} ${r.china.padEnd(17)} ${r.macau}${r.unconfirmed ? '  [unconfirmed]' : ''}\n    chart: ${r.countryChart}`,
        ),
        '',
        'License exceptions (from the entry):',
        ...Object.entries(report.licenseExceptions).map(([k, v]) => `  ${k}: ${v}`),
        '',
        `Source: ${report.source}`,
        ...report.unconfirmed.map((u) => `UNCONFIRMED: ${u}`),
      ];
      io.out(lines.join('\n'));
    });

  program
    .command('rules')
    .description('which versions of the rules were in force on a date, with citations and sources')
    .option('--as-of <date>', 'the date (default: today)')
    .option('--json', 'print JSON')
    .action(async (opts: { asOf?: string; json?: boolean }) => {
      const report = await run<{ asOf: string; ruleSet: string; families: RuleVersionInForce[] }>(
        services,
        'rules.in_force',
        opts.asOf === undefined ? {} : { asOf: opts.asOf },
      );
      if (opts.json) return io.out(JSON.stringify(report, null, 2));
      const lines = [`Rules in force on ${report.asOf} (rule set ${report.ruleSet})`, ''];
      for (const { id, title, version } of report.families) {
        const span = `${version.from ?? '...'} to ${version.to ?? 'open'}`;
        lines.push(`${id}: ${title}`);
        lines.push(
          `  ${version.status.replace(/_/g, ' ')} (${span}), ${version.confidence}: ${version.citation}`,
        );
        lines.push(`  ${version.summary}`);
        for (const u of version.unconfirmed) lines.push(`  UNCONFIRMED: ${u}`);
      }
      io.out(lines.join('\n'));
    });
}
