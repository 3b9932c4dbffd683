/**
 * The printable documents of the case records (issue 15, item 5), as PrintDocument models rendered to HTML
 * and PDF by print-document.ts: the End-User Statement request — the issued Statement once MOFCOM has issued
 * it — the license, and the transaction's case file. Read with the reader's visibility (org-scoped: another
 * organisation's record is "not found"); who did what is shown by name and organisation, never by user id.
 */
import type { AuditEntry, StoredRecord } from '../ports/record-store.js';
import type { EusRequestData } from '../../core/workflows/end-user-statement.js';
import type { LicenseData } from '../../core/workflows/license.js';
import type { LicenseApplicationData } from '../../core/workflows/license-application.js';
import type { UserData } from './organisations.js';
import { getVisible, type Actor, type CaseServices } from './context.js';
import type { DocSection, PrintDocument } from './print-document.js';

/** Names for user and organisation ids: "Li Wei (Demo Exporter Co.)"; the system as "the system". */
export async function nameBook(
  s: CaseServices,
  userIds: Iterable<string>,
  orgIds: Iterable<string> = [],
): Promise<{ user(id: string): string; org(id: string): string }> {
  const orgs = new Map<string, string>();
  const users = new Map<string, string>();
  const orgName = async (id: string) => {
    if (!orgs.has(id)) {
      const o = await s.store.get<{ name: string }>('organisation', id);
      orgs.set(id, o?.data.name ?? id);
    }
    return orgs.get(id)!;
  };
  for (const id of new Set(orgIds)) await orgName(id);
  for (const id of new Set(userIds)) {
    if (users.has(id)) continue;
    const u = id === 'system' ? undefined : await s.store.get<UserData>('user', id);
    users.set(
      id,
      u ? `${u.data.name} (${await orgName(u.data.orgId)})` : id === 'system' ? 'the system' : id,
    );
  }
  return {
    user: (id) => users.get(id) ?? id,
    org: (id) => orgs.get(id) ?? id,
  };
}

const money = (n: number) => `USD ${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

export function auditSection(audit: readonly AuditEntry[], who: (id: string) => string): DocSection {
  return {
    heading: 'Audit trail',
    table: {
      head: ['#', 'When', 'Who', 'What', 'Record', 'Hash'],
      widths: [0.5, 2, 2.6, 2, 2, 1.6],
      rows: audit.map((a) => [
        String(a.seq),
        a.at,
        who(a.actor),
        `${a.action}${a.reason ? ` (${a.reason})` : ''}`,
        `${a.kind.replace(/_/g, ' ')} ${a.recordId}`,
        `${a.hash.slice(0, 16)}…`,
      ]),
    },
    empty: 'no audit entries',
  };
}

const generated = (at: string, by: string) => `Generated ${at} by ${by}.`;

/** The End-User Statement's own contents (§748.10(c)(2)) and its English translation (§748.9(d)(1)). */
export function statementSections(r: StoredRecord<EusRequestData>): DocSection[] {
  const d = r.data;
  const sig = d.importerSignature;
  const tr = d.englishTranslation;
  const issued = !!d.statementNumber;
  return [
    {
      heading: issued ? `End-User Statement ${d.statementNumber}` : `End-User Statement request ${r.id}`,
      rows: [
        ['State', r.state],
        ['Statement number', d.statementNumber],
        ['MOFCOM seal', d.sealReference],
        ['Issued on', d.issuedOn],
        ['Cancelled', d.cancelled ? `${d.cancelled.on}: ${d.cancelled.reason}` : undefined],
        ['Importer', d.importerName],
        ['Exporter', d.exporterName],
        ['End user', [d.endUser.name, d.endUser.address].filter(Boolean).join(', ')],
        ['End use', d.endUse],
        ['Contract', [d.contract?.title, d.contract?.number].filter(Boolean).join(' · ')],
        [
          "Importer's signature and date (15 CFR 748.10(c)(2)(v))",
          sig
            ? `${sig.signatory}${sig.title ? `, ${sig.title}` : ''}, signed ${sig.signedOn}`
            : 'not recorded',
        ],
        ['Language', d.language ?? 'not recorded'],
        [
          'English translation (15 CFR 748.9(d)(1))',
          tr
            ? `${tr.madeBy === 'translating_service' ? 'by the translating service' : 'certified by'} ${tr.translator}: ${tr.text}`
            : 'none',
        ],
        ['Review target', `${d.targetDays} days`],
        ['Decided on', d.decidedOn],
        ['Reason', d.reason],
      ],
    },
    {
      heading: 'Items',
      table: {
        head: ['#', 'ECCN', 'Description', 'Quantity', 'Value'],
        widths: [0.4, 1, 4, 1, 1.4],
        rows: d.items.map((it, i) => [
          String(i + 1),
          it.eccn ?? '',
          it.description,
          String(it.quantity),
          money(it.valueUsd),
        ]),
      },
    },
    ...(d.drawdowns.length
      ? [
          {
            heading: 'Drawn down by',
            table: {
              head: ['By', 'Reference', 'On', 'Lines', 'Released'],
              rows: d.drawdowns.map((x) => [
                x.by.replace(/_/g, ' '),
                x.ref,
                x.on,
                x.lines.map((l) => `item ${l.item}: ${l.quantity}`).join('; '),
                x.released ? `${x.released.on}: ${x.released.why}` : '',
              ]),
            },
          },
        ]
      : []),
    ...(d.messages.length
      ? [
          {
            heading: 'Messages',
            table: {
              head: ['On', 'From', 'Text'],
              widths: [1, 1.4, 5],
              rows: d.messages.map((m) => [m.on, m.from.replace(/_/g, ' '), m.text]),
            },
          },
        ]
      : []),
  ];
}

export async function eusDocument(s: CaseServices, actor: Actor, id: string): Promise<PrintDocument> {
  const r = await getVisible<EusRequestData>(s, actor, 'eus_request', id);
  const audit = await s.store.auditOf([{ kind: r.kind, id: r.id }]); // by the log's index, never the whole log
  const names = await nameBook(s, [actor.userId, ...audit.map((a) => a.actor)]);
  const [main, ...rest] = statementSections(r);
  return {
    title: main!.heading,
    fileName: `end-user-statement-${r.data.statementNumber ?? r.id}`,
    subtitle: `${generated(s.now(), names.user(actor.userId))} ${
      r.data.statementNumber
        ? 'Issued by MOFCOM under its seal; kept by the exporter as a support document (15 CFR 748.10).'
        : 'A request for an End-User Statement (15 CFR 748.10); not a Statement until MOFCOM issues it.'
    }`,
    sections: [{ ...main!, heading: 'Statement' }, ...rest, auditSection(audit, names.user)],
  };
}

export async function licenseDocument(s: CaseServices, actor: Actor, id: string): Promise<PrintDocument> {
  const r = await getVisible<LicenseData>(s, actor, 'license', id);
  const d = r.data;
  let app: StoredRecord<LicenseApplicationData> | undefined;
  try {
    app = await getVisible<LicenseApplicationData>(s, actor, 'license_application', d.applicationId);
  } catch {
    app = undefined; // the reader may see the license without the application
  }
  const audit = await s.store.auditOf([{ kind: r.kind, id: r.id }]); // by the log's index, never the whole log
  const names = await nameBook(s, [actor.userId, ...audit.map((a) => a.actor)], [d.holderOrgId]);
  return {
    title: `License ${d.licenseNumber}`,
    fileName: `license-${d.licenseNumber}`,
    subtitle: `${generated(s.now(), names.user(actor.userId))} Issued by BIS on the application ${d.applicationId}.`,
    sections: [
      {
        heading: 'License',
        rows: [
          ['License number', d.licenseNumber],
          ['State', r.state],
          ['Holder', names.org(d.holderOrgId)],
          ['Application', d.applicationId],
          ['Destination', app?.data.destination],
          ['End use', app?.data.endUse],
          ['Valid from', d.validFrom],
          ['Valid until', d.validUntil],
          ['Validity rests on', d.validity.citation],
          ['Not confirmed', d.validity.unconfirmed.join('; ')],
          ['Replaces', d.replaces],
          ['Replaced by', d.replacedBy],
        ],
      },
      ...(app
        ? [
            {
              heading: 'Parties',
              table: {
                head: ['Role', 'Name', 'Country', 'Address'],
                rows: app.data.parties.map((p) => [
                  p.role.replace(/_/g, ' '),
                  p.name,
                  p.country,
                  p.address ?? '',
                ]),
              },
              empty: 'none named',
            },
          ]
        : []),
      {
        heading: 'Items',
        table: {
          head: ['#', 'ECCN', 'Description', 'Quantity', 'Value', 'Revoked'],
          widths: [0.4, 1, 3.6, 1, 1.4, 1.4],
          rows: d.items.map((it, i) => {
            const revoked = d.revokedItems.find((x) => x.item === i + 1);
            return [
              String(i + 1),
              it.eccn,
              it.description,
              String(it.quantity),
              money(it.valueUsd),
              revoked ? `${revoked.on}: ${revoked.reason}` : '',
            ];
          }),
        },
      },
      { heading: 'Conditions', paragraphs: d.conditions, empty: 'none' },
      {
        heading: 'Shipments against the license',
        table: {
          head: ['Reference', 'On', 'Lines'],
          rows: d.shipments.map((x) => [
            x.ref,
            x.on,
            x.lines.map((l) => `item ${l.item}: ${l.quantity} (${money(l.valueUsd)})`).join('; '),
          ]),
        },
        empty: 'none yet',
      },
      {
        heading: 'Since issue',
        table: {
          head: ['On', 'Action', 'By', 'Text'],
          widths: [1, 1.4, 1.2, 4],
          rows: d.history.map((h) => [h.on, h.action, h.by.replace(/_/g, ' '), h.text]),
        },
        empty: 'nothing has happened to the license since issue',
      },
      auditSection(audit, names.user),
    ],
  };
}
