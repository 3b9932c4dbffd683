/**
 * CLI verbs for the case records (issue 4), so the whole path runs without the web UI:
 * organisations and users, counterparties, transactions and holds, End-User Statement requests, license
 * applications, VEU applications and entries, outreach, metrics and case files.
 *
 * The database is DATABASE_URL (PostgreSQL) or HTT_DB / .htt/htt.sqlite (SQLite). `--as USER` (id or
 * e-mail) names the acting user, recorded in the audit log. HTT_NOW (an ISO timestamp) fixes the clock, for
 * demonstrations and tests that replay past dates.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  actOnEusRequest,
  actOnLicense,
  actOnVeu,
  certifyVeu,
  createEusRequest,
  createLicenseApplication,
  createVeuApplication,
  veuAnnualReport,
  voteToRevokeVeu,
} from '../../app/records/applications.js';
import { buildCaseFile, caseFileHtml } from '../../app/records/case-file.js';
import {
  defaultCaseConfig,
  getVisible,
  SYSTEM,
  type Actor,
  type CaseServices,
} from '../../app/records/context.js';
import { actorFor, addUser, createOrganisation } from '../../app/records/organisations.js';
import {
  addMaterial,
  answerQuestion,
  askQuestion,
  createEvent,
  htwgMetrics,
  markEventHeld,
  registerForEvent,
} from '../../app/records/outreach-and-metrics.js';
import {
  addCounterparty,
  attachAuthorizations,
  cancelTransaction,
  clearHit,
  createTransaction,
  placeHold,
  recheckTransaction,
  recordReexport,
  releaseHoldCase,
  rescreenAll,
  shipTransaction,
} from '../../app/records/transactions.js';
import type { RecordKind, StoredRecord } from '../../app/ports/record-store.js';
import type { Services } from '../../app/services.js';
import { HttError } from '../../core/errors.js';
import { eusActions, type EusAction } from '../../core/workflows/end-user-statement.js';
import {
  licenseActions,
  licenseClock,
  type LicenseAction,
  type LicenseApplicationData,
} from '../../core/workflows/license-application.js';
import { veuAppActions, type VeuAppAction } from '../../core/workflows/veu.js';
import { openRecordStore } from '../db/open-record-store.js';
import { readJsonFile, type CliIo } from './io.js';

type Run = (s: CaseServices, actor: Actor) => Promise<unknown>;

const summary = (r: unknown): string => {
  const rec = r as Partial<StoredRecord>;
  return rec && rec.kind && rec.id
    ? `${rec.kind} ${rec.id} ${rec.state || ''} (version ${rec.version})`.trim()
    : JSON.stringify(r, null, 2);
};

const list = (v: string, prev: string[] = []) => [
  ...prev,
  ...v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
];

const oneOf = <T extends string>(values: readonly T[], value: string, what: string): T => {
  if (!values.includes(value as T))
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `${what} must be one of ${values.join(', ')}`,
      field: what,
    });
  return value as T;
};

export function registerCaseCommands(
  program: Command,
  io: CliIo,
  _setExit: (code: number) => void,
  services: Services,
): void {
  /** Open the store, resolve the actor, run, print, close. */
  const run = (fn: Run, opts: { as?: string; json?: boolean; system?: boolean }) => async () => {
    const store = await openRecordStore();
    try {
      const s: CaseServices = {
        store,
        checks: services,
        now: () => process.env.HTT_NOW ?? new Date().toISOString(),
        config: defaultCaseConfig,
      };
      if (!opts.as && !opts.system)
        throw new HttError({
          code: 'INPUT.INVALID',
          message: '--as USER (id or e-mail) names who acts; it is recorded in the audit log',
          field: '--as',
        });
      const actor = opts.as ? await actorFor(s, opts.as) : SYSTEM;
      const result = await fn(s, actor);
      io.out(opts.json ? JSON.stringify(result, null, 2) : summary(result));
    } finally {
      await store.close();
    }
  };
  const withActor = (c: Command) =>
    c
      .option('--as <user>', 'the acting user (id or e-mail)')
      .option('--json', 'print the whole record as JSON');
  type O = Record<string, string | string[] | boolean | undefined> & { as?: string; json?: boolean };
  const s = (v: unknown) => (v === undefined ? undefined : String(v));

  // organisations and users (bootstrap: without --as, the local operator acts as "system")
  const org = program
    .command('org')
    .description('organisations (exporters, importers, BIS, MOFCOM, the ERC, agencies, the HTWG, auditors)');
  withActor(
    org
      .command('add')
      .requiredOption('--name <name>')
      .requiredOption('--type <type>')
      .option('--country <cc>')
      .option('--id <id>'),
  ).action((o: O) =>
    run(
      (c, a) =>
        createOrganisation(
          c,
          a,
          { name: o.name, type: o.type, ...(o.country ? { country: o.country } : {}) },
          s(o.id),
        ),
      { ...o, system: !o.as },
    )(),
  );
  const user = program.command('user').description('users and their roles');
  withActor(
    user
      .command('add')
      .requiredOption('--org <id>')
      .requiredOption('--role <role>')
      .requiredOption('--name <name>')
      .requiredOption('--email <email>')
      .option('--id <id>'),
  ).action((o: O) =>
    run((c, a) => addUser(c, a, { orgId: o.org, role: o.role, name: o.name, email: o.email }, s(o.id)), {
      ...o,
      system: !o.as,
    })(),
  );

  // any record the actor may read
  withActor(
    program
      .command('show')
      .description('show a record the acting user may read')
      .argument('<kind>')
      .argument('<id>'),
  ).action((kind: string, id: string, o: O) =>
    run((c, a) => getVisible(c, a, kind as RecordKind, id), { ...o, json: true })(),
  );

  // counterparties
  const cp = program
    .command('counterparty')
    .description("the exporter's customer master, screened against the lists");
  withActor(
    cp.command('add').requiredOption('--name <name>').option('--country <cc>').option('--address <text>'),
  ).action((o: O) =>
    run(
      (c, a) =>
        addCounterparty(c, a, {
          name: o.name,
          ...(o.country ? { country: o.country } : {}),
          ...(o.address ? { address: o.address } : {}),
        }),
      o,
    )(),
  );
  withActor(
    cp.command('clear').argument('<id>').argument('<entryId>').requiredOption('--reason <text>'),
  ).action((id: string, entry: string, o: O) =>
    run((c, a) => clearHit(c, a, id, entry, String(o.reason)), o)(),
  );
  withActor(
    cp
      .command('rescreen')
      .description('re-screen every counterparty against the loaded lists; new hits open holds'),
  ).action((o: O) =>
    run(
      async (c) => {
        const screener = services.screener();
        if (!screener)
          throw new HttError({
            code: 'LISTS.NOT_LOADED',
            message: 'no list snapshot is loaded (htt lists update FILE...)',
          });
        return rescreenAll(c, screener);
      },
      { ...o, json: true, system: true },
    )(),
  );

  // transactions and holds
  const tx = program
    .command('tx')
    .description('transactions: a proposed export with its frozen determination, holds and shipment');
  withActor(
    tx
      .command('create')
      .requiredOption('--ref <reference>')
      .requiredOption('--check <file>', 'the check input (JSON)')
      .option('--counterparty <ids>', 'counterparty ids, comma-separated', list),
  ).action((o: O) =>
    run(
      (c, a) =>
        createTransaction(c, a, {
          reference: String(o.ref),
          check: readJsonFile(String(o.check)),
          counterpartyIds: (o.counterparty as string[]) ?? [],
        }),
      o,
    )(),
  );
  withActor(tx.command('recheck').argument('<id>').option('--check <file>')).action((id: string, o: O) =>
    run((c, a) => recheckTransaction(c, a, id, o.check ? readJsonFile(String(o.check)) : undefined), o)(),
  );
  withActor(tx.command('hold').argument('<id>').requiredOption('--reason <text>')).action(
    (id: string, o: O) => run((c, a) => placeHold(c, a, id, String(o.reason)), o)(),
  );
  withActor(tx.command('release').argument('<holdId>').requiredOption('--reason <text>')).action(
    (id: string, o: O) => run((c, a) => releaseHoldCase(c, a, id, String(o.reason)), o)(),
  );
  withActor(
    tx
      .command('attach')
      .argument('<id>')
      .option('--license <id>')
      .option('--eus <id>')
      .option('--veu <entryId>'),
  ).action((id: string, o: O) =>
    run(
      (c, a) =>
        attachAuthorizations(c, a, id, {
          ...(o.license ? { licenseId: String(o.license) } : {}),
          ...(o.eus ? { eusRequestId: String(o.eus) } : {}),
          ...(o.veu ? { veuEntryId: String(o.veu) } : {}),
        }),
      o,
    )(),
  );
  withActor(tx.command('ship').argument('<id>').option('--on <date>')).action((id: string, o: O) =>
    run((c, a) => shipTransaction(c, a, id, s(o.on)), o)(),
  );
  withActor(
    tx.command('reexport').argument('<id>').requiredOption('--on <date>').requiredOption('--note <text>'),
  ).action((id: string, o: O) => run((c, a) => recordReexport(c, a, id, String(o.on), String(o.note)), o)());
  withActor(tx.command('cancel').argument('<id>').requiredOption('--reason <text>')).action(
    (id: string, o: O) => run((c, a) => cancelTransaction(c, a, id, String(o.reason)), o)(),
  );

  // End-User Statement requests
  const eus = program.command('eus').description('PRC End-User Statement requests: importer -> MOFCOM');
  withActor(eus.command('create').requiredOption('--file <file>', 'the request (JSON)')).action((o: O) =>
    run((c, a) => createEusRequest(c, a, readJsonFile(String(o.file))), o)(),
  );
  withActor(
    eus
      .command('act')
      .argument('<id>')
      .argument('<action>', eusActions.join(' | '))
      .option('--text <text>')
      .option('--number <statementNumber>')
      .option('--seal <sealReference>')
      .option('--on <date>'),
  ).action((id: string, action: string, o: O) =>
    run(
      (c, a) =>
        actOnEusRequest(c, a, id, oneOf(eusActions, action, 'action') as EusAction, {
          ...(o.text ? { text: String(o.text) } : {}),
          ...(o.number ? { statementNumber: String(o.number) } : {}),
          ...(o.seal ? { sealReference: String(o.seal) } : {}),
          ...(o.on ? { on: String(o.on) } : {}),
        }),
      o,
    )(),
  );

  // license applications
  const lic = program
    .command('license')
    .description('license applications (BIS-748P) on the 750.4 clock, and issued licenses');
  withActor(lic.command('create').requiredOption('--file <file>', 'the application (JSON)')).action((o: O) =>
    run((c, a) => createLicenseApplication(c, a, readJsonFile(String(o.file))), o)(),
  );
  withActor(
    lic
      .command('act')
      .argument('<id>')
      .argument('<action>', licenseActions.join(' | '))
      .option('--text <text>')
      .option('--agencies <list>', 'comma-separated', list)
      .option('--agency <name>')
      .option('--recommendation <approve|deny>')
      .option('--number <licenseNumber>')
      .option('--conditions <list>', 'comma-separated', list)
      .option('--on <date>'),
  ).action((id: string, action: string, o: O) =>
    run(
      (c, a) =>
        actOnLicense(c, a, id, oneOf(licenseActions, action, 'action') as LicenseAction, {
          ...(o.text ? { text: String(o.text) } : {}),
          ...(o.agencies ? { agencies: o.agencies as string[] } : {}),
          ...(o.agency ? { agency: String(o.agency) } : {}),
          ...(o.recommendation
            ? {
                recommendation: oneOf(
                  ['approve', 'deny'] as const,
                  String(o.recommendation),
                  'recommendation',
                ),
              }
            : {}),
          ...(o.number ? { licenseNumber: String(o.number) } : {}),
          ...(o.conditions ? { conditions: o.conditions as string[] } : {}),
          ...(o.on ? { on: String(o.on) } : {}),
        }),
      o,
    )(),
  );
  withActor(lic.command('clock').argument('<id>').option('--as-of <date>')).action((id: string, o: O) =>
    run(
      async (c, a) => {
        const app = await getVisible<LicenseApplicationData>(c, a, 'license_application', id);
        return licenseClock(app.data, s(o.asOf) ?? c.now().slice(0, 10));
      },
      { ...o, json: true },
    )(),
  );

  // VEU
  const veu = program
    .command('veu')
    .description('VEU applications -> End-User Review Committee -> VEU entries, certifications and reports');
  withActor(
    veu.command('create').requiredOption('--file <file>', 'the application (JSON, Supp. No. 8 content)'),
  ).action((o: O) => run((c, a) => createVeuApplication(c, a, readJsonFile(String(o.file))), o)());
  withActor(
    veu
      .command('act')
      .argument('<id>')
      .argument('<action>', veuAppActions.join(' | '))
      .option('--agency <name>')
      .option('--vote <approve|deny>')
      .option('--text <text>')
      .option('--on <date>'),
  ).action((id: string, action: string, o: O) =>
    run(
      (c, a) =>
        actOnVeu(c, a, id, oneOf(veuAppActions, action, 'action') as VeuAppAction, {
          ...(o.agency ? { agency: String(o.agency) } : {}),
          ...(o.vote ? { vote: oneOf(['approve', 'deny'] as const, String(o.vote), 'vote') } : {}),
          ...(o.text ? { text: String(o.text) } : {}),
          ...(o.on ? { on: String(o.on) } : {}),
        }),
      o,
    )(),
  );
  withActor(
    veu
      .command('revoke-vote')
      .argument('<entryId>')
      .requiredOption('--agency <name>')
      .requiredOption('--vote <approve|deny>', 'approve = revoke')
      .option('--on <date>'),
  ).action((id: string, o: O) =>
    run(
      (c, a) =>
        voteToRevokeVeu(c, a, id, {
          agency: String(o.agency),
          vote: oneOf(['approve', 'deny'] as const, String(o.vote), 'vote'),
          ...(o.on ? { on: String(o.on) } : {}),
        }),
      o,
    )(),
  );
  withActor(
    veu
      .command('certify')
      .argument('<entryId>')
      .requiredOption('--text <certification>')
      .option('--on <date>'),
  ).action((id: string, o: O) => run((c, a) => certifyVeu(c, a, id, String(o.text), s(o.on)), o)());
  withActor(veu.command('report').requiredOption('--year <year>')).action((o: O) =>
    run((c, a) => veuAnnualReport(c, a, Number(o.year)), { ...o, json: true })(),
  );

  // outreach
  const out = program
    .command('outreach')
    .description('HTWG outreach: dialogues, registrations, materials, questions');
  withActor(
    out
      .command('event')
      .requiredOption('--title <title>')
      .requiredOption('--date <date>')
      .option('--agenda <items>', 'comma-separated', list)
      .option('--location <text>'),
  ).action((o: O) =>
    run(
      (c, a) =>
        createEvent(c, a, {
          title: o.title,
          date: o.date,
          agenda: (o.agenda as string[]) ?? [],
          ...(o.location ? { location: o.location } : {}),
        }),
      o,
    )(),
  );
  withActor(out.command('register').argument('<eventId>')).action((id: string, o: O) =>
    run((c, a) => registerForEvent(c, a, id), o)(),
  );
  withActor(
    out
      .command('material')
      .argument('<eventId>')
      .requiredOption('--title <title>')
      .requiredOption('--ref <reference>'),
  ).action((id: string, o: O) => run((c, a) => addMaterial(c, a, id, String(o.title), String(o.ref)), o)());
  withActor(out.command('held').argument('<eventId>')).action((id: string, o: O) =>
    run((c, a) => markEventHeld(c, a, id), o)(),
  );
  withActor(out.command('ask').requiredOption('--text <question>').option('--event <id>')).action((o: O) =>
    run((c, a) => askQuestion(c, a, String(o.text), s(o.event)), o)(),
  );
  withActor(out.command('answer').argument('<questionId>').requiredOption('--text <answer>')).action(
    (id: string, o: O) => run((c, a) => answerQuestion(c, a, id, String(o.text)), o)(),
  );

  // metrics and case files
  withActor(
    program.command('metrics').description('the figures the HTWG follows').option('--as-of <date>'),
  ).action((o: O) => run((c, a) => htwgMetrics(c, a, s(o.asOf)), { ...o, json: true })());
  withActor(
    program
      .command('casefile')
      .description("an auditor's case file of a transaction")
      .argument('<transactionId>')
      .option('--html <file>', 'also write a printable HTML page'),
  ).action((id: string, o: O) =>
    run(
      async (c, a) => {
        const file = await buildCaseFile(c, a, id);
        if (o.html) writeFileSync(String(o.html), caseFileHtml(file));
        return file;
      },
      { ...o, json: true },
    )(),
  );
}
