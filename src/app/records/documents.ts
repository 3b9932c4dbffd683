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
import type { Lang } from '../../core/messages/messages.js';
import { translator, type Translator } from '../../core/messages/records.js';

/** Names for user and organisation ids: "Li Wei (Demo Exporter Co.)"; the system as "the system". */
export async function nameBook(
  s: CaseServices,
  userIds: Iterable<string>,
  orgIds: Iterable<string> = [],
  t: Translator = translator('en'),
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
      u ? `${u.data.name} (${await orgName(u.data.orgId)})` : id === 'system' ? t('doc.system') : id,
    );
  }
  return {
    user: (id) => users.get(id) ?? id,
    org: (id) => orgs.get(id) ?? id,
  };
}

const money = (n: number) => `USD ${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

export function auditSection(
  audit: readonly AuditEntry[],
  who: (id: string) => string,
  t: Translator = translator('en'),
): DocSection {
  return {
    heading: t('doc.audit'),
    table: {
      head: ['#', t('doc.when'), t('doc.who'), t('doc.what'), t('doc.record'), t('doc.hash')],
      widths: [0.5, 2, 2.6, 2, 2, 1.6],
      rows: audit.map((a) => [
        String(a.seq),
        t.date(a.at),
        who(a.actor),
        `${a.action}${a.reason ? ` (${a.reason})` : ''}`,
        `${a.kind.replace(/_/g, ' ')} ${a.recordId}`,
        `${a.hash.slice(0, 16)}…`,
      ]),
    },
    empty: t('doc.no_audit'),
  };
}

const generated = (at: string, by: string, t: Translator) => t('doc.generated', { at: t.date(at), by });

/** The End-User Statement's own contents (§748.10(c)(2)) and its English translation (§748.9(d)(1)). */
export function statementSections(
  r: StoredRecord<EusRequestData>,
  t: Translator = translator('en'),
): DocSection[] {
  const d = r.data;
  const sig = d.importerSignature;
  const tr = d.englishTranslation;
  const issued = !!d.statementNumber;
  return [
    {
      heading: issued
        ? t('doc.eus.statement', { number: d.statementNumber! })
        : t('doc.eus.request', { id: r.id }),
      rows: [
        [t('doc.state'), t.state(r.state)],
        [t('doc.eus.number'), d.statementNumber],
        [t('doc.eus.seal'), d.sealReference],
        [t('doc.eus.issued_on'), t.date(d.issuedOn)],
        [t('doc.cancelled'), d.cancelled ? `${t.date(d.cancelled.on)}: ${d.cancelled.reason}` : undefined],
        [t('doc.eus.importer'), d.importerName],
        [t('doc.eus.exporter'), d.exporterName],
        [t('doc.eus.end_user'), [d.endUser.name, d.endUser.address].filter(Boolean).join(', ')],
        [t('doc.end_use'), d.endUse],
        [t('doc.eus.contract'), [d.contract?.title, d.contract?.number].filter(Boolean).join(' · ')],
        [
          t('doc.eus.signature'),
          sig
            ? t('doc.eus.signed', {
                signatory: `${sig.signatory}${sig.title ? `, ${sig.title}` : ''}`,
                on: t.date(sig.signedOn),
              })
            : t('doc.not_recorded'),
        ],
        [t('doc.eus.language'), d.language ?? t('doc.not_recorded')],
        [
          t('doc.eus.translation'),
          tr
            ? t(tr.madeBy === 'translating_service' ? 'doc.eus.by_service' : 'doc.eus.certified_by', {
                translator: tr.translator,
                text: tr.text,
              })
            : t('doc.none'),
        ],
        [t('doc.eus.target'), t('doc.days', { days: String(d.targetDays) })],
        [t('doc.eus.decided_on'), t.date(d.decidedOn)],
        [t('doc.reason'), d.reason],
      ],
    },
    {
      heading: t('doc.items'),
      table: {
        head: ['#', 'ECCN', t('doc.description'), t('doc.quantity'), t('doc.value')],
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
            heading: t('doc.eus.drawn_down'),
            table: {
              head: [t('doc.by'), t('doc.reference'), t('doc.on'), t('doc.lines'), t('doc.released')],
              rows: d.drawdowns.map((x) => [
                t(`doc.drawdown.${x.by}`),
                x.ref,
                t.date(x.on),
                x.lines
                  .map((l) => t('doc.line', { item: String(l.item), quantity: String(l.quantity) }))
                  .join('; '),
                x.released ? `${t.date(x.released.on)}: ${x.released.why}` : '',
              ]),
            },
          },
        ]
      : []),
    ...(d.messages.length
      ? [
          {
            heading: t('doc.messages'),
            table: {
              head: [t('doc.on'), t('doc.from'), t('doc.text')],
              widths: [1, 1.4, 5],
              rows: d.messages.map((m) => [t.date(m.on), t.role(m.from), m.text]),
            },
          },
        ]
      : []),
  ];
}

export async function eusDocument(
  s: CaseServices,
  actor: Actor,
  id: string,
  lang: Lang = 'en',
): Promise<PrintDocument> {
  const t = translator(lang);
  const r = await getVisible<EusRequestData>(s, actor, 'eus_request', id);
  const audit = await s.store.auditOf([{ kind: r.kind, id: r.id }]); // by the log's index, never the whole log
  const names = await nameBook(s, [actor.userId, ...audit.map((a) => a.actor)], [], t);
  const [main, ...rest] = statementSections(r, t);
  return {
    lang,
    title: main!.heading,
    fileName: `end-user-statement-${r.data.statementNumber ?? r.id}`,
    subtitle: `${generated(s.now(), names.user(actor.userId), t)} ${t(
      r.data.statementNumber ? 'doc.eus.issued_note' : 'doc.eus.request_note',
    )}`,
    sections: [{ ...main!, heading: t('doc.eus.heading') }, ...rest, auditSection(audit, names.user, t)],
  };
}

export async function licenseDocument(
  s: CaseServices,
  actor: Actor,
  id: string,
  lang: Lang = 'en',
): Promise<PrintDocument> {
  const t = translator(lang);
  const r = await getVisible<LicenseData>(s, actor, 'license', id);
  const d = r.data;
  let app: StoredRecord<LicenseApplicationData> | undefined;
  try {
    app = await getVisible<LicenseApplicationData>(s, actor, 'license_application', d.applicationId);
  } catch {
    app = undefined; // the reader may see the license without the application
  }
  const audit = await s.store.auditOf([{ kind: r.kind, id: r.id }]); // by the log's index, never the whole log
  const names = await nameBook(s, [actor.userId, ...audit.map((a) => a.actor)], [d.holderOrgId], t);
  return {
    lang,
    title: t('doc.license.title', { number: d.licenseNumber }),
    fileName: `license-${d.licenseNumber}`,
    subtitle: `${generated(s.now(), names.user(actor.userId), t)} ${t('doc.license.issued_note', { application: d.applicationId })}`,
    sections: [
      {
        heading: t('doc.license.heading'),
        rows: [
          [t('doc.license.number'), d.licenseNumber],
          [t('doc.state'), t.state(r.state)],
          [t('doc.license.holder'), names.org(d.holderOrgId)],
          [t('doc.license.application'), d.applicationId],
          [t('doc.destination'), app?.data.destination],
          [t('doc.end_use'), app?.data.endUse],
          [t('doc.license.valid_from'), t.date(d.validFrom)],
          [t('doc.license.valid_until'), t.date(d.validUntil)],
          [t('doc.license.validity'), d.validity.citation],
          [t('doc.license.unconfirmed'), d.validity.unconfirmed.join('; ')],
          [t('doc.license.replaces'), d.replaces],
          [t('doc.license.replaced_by'), d.replacedBy],
        ],
      },
      ...(app
        ? [
            {
              heading: t('doc.parties'),
              table: {
                head: [t('doc.role'), t('doc.name'), t('doc.country'), t('doc.address')],
                rows: app.data.parties.map((p) => [t.partyRole(p.role), p.name, p.country, p.address ?? '']),
              },
              empty: t('doc.none_named'),
            },
          ]
        : []),
      {
        heading: t('doc.items'),
        table: {
          head: [
            '#',
            'ECCN',
            t('doc.description'),
            t('doc.quantity'),
            t('doc.value'),
            t('doc.license.revoked'),
          ],
          widths: [0.4, 1, 3.6, 1, 1.4, 1.4],
          rows: d.items.map((it, i) => {
            const revoked = d.revokedItems.find((x) => x.item === i + 1);
            return [
              String(i + 1),
              it.eccn,
              it.description,
              String(it.quantity),
              money(it.valueUsd),
              revoked ? `${t.date(revoked.on)}: ${revoked.reason}` : '',
            ];
          }),
        },
      },
      { heading: t('doc.license.conditions'), paragraphs: d.conditions, empty: t('doc.none') },
      {
        heading: t('doc.license.shipments'),
        table: {
          head: [t('doc.reference'), t('doc.on'), t('doc.lines')],
          rows: d.shipments.map((x) => [
            x.ref,
            t.date(x.on),
            x.lines
              .map(
                (l) =>
                  `${t('doc.line', { item: String(l.item), quantity: String(l.quantity) })} (${money(l.valueUsd)})`,
              )
              .join('; '),
          ]),
        },
        empty: t('doc.none_yet'),
      },
      {
        heading: t('doc.license.since_issue'),
        table: {
          head: [t('doc.on'), t('doc.action'), t('doc.by'), t('doc.text')],
          widths: [1, 1.4, 1.2, 4],
          rows: d.history.map((h) => [
            t.date(h.on),
            t(`doc.license_action.${h.action}`),
            t.role(h.by),
            h.text,
          ]),
        },
        empty: t('doc.license.nothing_since'),
      },
      auditSection(audit, names.user, t),
    ],
  };
}
