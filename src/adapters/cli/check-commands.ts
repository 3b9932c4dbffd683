import type { Command } from 'commander';
import { runCheck, validate } from '../../app/check.js';
import { describeEccn } from '../../app/eccn.js';
import type { Services } from '../../app/services.js';
import { isoDate } from '../../core/rules/schema.js';
import { rulesInForce } from '../../core/rules/rule-set.js';
import { readJsonFile, type CliIo } from './io.js';
import { renderCheck } from './render-check.js';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const asOfOption = (services: Services, value: string | undefined): string =>
  value === undefined ? services.today() : validate(isoDate, value, '--as-of');

/** `htt check`, `htt eccn`, `htt rules`, `htt demo`. */
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
    .argument('<file>', 'the check input (JSON, ../shared/reference/check-contract.md)')
    .option('--json', 'print the determination as JSON (the contract output)')
    .option('--overlay <file>', 'what-if overlay: extra VEU entries or list entries for this check only')
    .action((file: string, opts: { json?: boolean; overlay?: string }) => {
      const input = readJsonFile(file);
      const overlay = opts.overlay ? readJsonFile(opts.overlay) : undefined;
      const result = runCheck(
        { rules: services.rules(), screener: services.screener(), today: services.today },
        input,
        overlay,
      );
      const destination = String((input as { destination?: string }).destination ?? '').toUpperCase();
      io.out(opts.json ? JSON.stringify(result, null, 2) : renderCheck(result, destination));
    });

  program
    .command('eccn')
    .description(
      "what the Commerce Control List says about an ECCN and China's and Macau's columns on a date",
    )
    .argument('<eccn>', 'e.g. 3B001 or 3A090.a')
    .option('--as-of <date>', 'the date whose rules apply (default: today)')
    .option('--json', 'print JSON')
    .action((eccn: string, opts: { asOf?: string; json?: boolean }) => {
      const report = describeEccn(services.rules(), eccn, asOfOption(services, opts.asOf));
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
    .action((opts: { asOf?: string; json?: boolean }) => {
      const rules = services.rules();
      const asOf = asOfOption(services, opts.asOf);
      const inForce = rulesInForce(rules, asOf);
      if (opts.json)
        return io.out(
          JSON.stringify({ asOf, ruleSet: `ear-${asOf}@${rules.hash}`, families: inForce }, null, 2),
        );
      const lines = [`Rules in force on ${asOf} (rule set ear-${asOf}@${rules.hash})`, ''];
      for (const { id, title, version } of inForce) {
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

  program
    .command('demo')
    .description('run the shipped demonstration check (examples/demo-check.json)')
    .action(() => {
      const file = join(dirname(fileURLToPath(import.meta.url)), '../../../examples/demo-check.json');
      const input = readJsonFile(file);
      const result = runCheck(
        { rules: services.rules(), screener: services.screener(), today: services.today },
        input,
      );
      io.out(`htt demo: ${file}\n`);
      io.out(renderCheck(result, 'CN'));
    });
}
