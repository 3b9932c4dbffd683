/**
 * The release gate: may this lot ship on this date? Every path that records a shipment goes through
 * `releaseGate` (src/app/records/transactions.ts calls it inside the database transaction that records the
 * shipment). It takes the determination re-derived on the ship date (the rules in force that day, the list
 * snapshot and VEU register in use now) and the case records, and either names every reason the lot may not
 * go, line by line with its citation, or says what the shipment uses: which license lines it depletes and
 * by how much, which End-User Statement lines it draws down, which VEU entry it ships under.
 *
 * Pure: the records, the fresh determination and the rule set are given.
 */
import type { CheckResult } from '../../contracts/check.js';
import { normaliseName } from '../determination/names.js';
import { isWithin } from '../determination/paragraphs.js';
import { paramsOf, versionAt } from '../rules/rule-set.js';
import type { RuleSet } from '../rules/schema.js';
import type { EusRequestData } from './end-user-statement.js';
import type { LicenseApplicationData } from './license-application.js';
import { revokedOn, type LicenseData } from './license.js';
import { entryOn, type VeuEntryData } from './veu.js';

export interface Refusal {
  /** The item line (0-based) of the transaction, when the reason is about one line. */
  line?: number;
  reason: string;
  citation: string;
}

export interface LineUse {
  line: number;
  /** The license item (index) or End-User Statement item the line uses. */
  item: number;
  quantity: number;
  valueUsd: number;
}

export interface ShipmentLine {
  eccn: string;
  description?: string;
  quantity?: number;
  valueUsd?: number;
}

export interface GateInput {
  shipDate: string;
  rules: RuleSet;
  /** The determination re-run on the ship date. */
  fresh: CheckResult;
  lines: ShipmentLine[];
  /** Parties of the transaction (role and name), as the determination was asked. */
  parties: { role: string; name: string }[];
  openHolds: { id: string; data: { reason: string } }[];
  license?: { id: string; state: string; data: LicenseData };
  /** The application the license was issued on, and whether it needed a PRC End-User Statement. */
  application?: { data: LicenseApplicationData; needsStatement: boolean; why?: string };
  /** The End-User Statements issued for that application (by number), as stored. */
  statements: { id: string; state: string; data: EusRequestData }[];
  veu?: { id: string; state: string; data: VeuEntryData };
  /** The VEU facility the determination was asked for. */
  veuFacility?: string;
  exporterOrgId: string;
}

export type GateResult =
  | {
      ok: true;
      /** What authorizes the shipment. */
      authority: 'NLR' | 'LICENSE_EXCEPTION' | 'LICENSE' | 'VEU';
      licenseLines: LineUse[];
      statementLines: { statementId: string; lines: LineUse[] }[];
      notes: string[];
    }
  | { ok: false; refusals: Refusal[] };

/** Does a license line's ECCN (with or without a paragraph) cover the item's ECCN and paragraph? */
export const eccnCovers = (licensed: string, item: string): boolean =>
  isWithin(item.trim().toUpperCase(), licensed.trim().toUpperCase());

function shippedSoFar(license: LicenseData, item: number) {
  const done = license.shipments.flatMap((s) => s.lines).filter((l) => l.item === item);
  return {
    quantity: done.reduce((s, l) => s + l.quantity, 0),
    valueUsd: done.reduce((s, l) => s + l.valueUsd, 0),
  };
}

/** §750.7, §750.11: each line on the license, within quantity and value (with the tolerance), in validity. */
function licenseCoverage(input: GateInput, refusals: Refusal[], notes: string[]): LineUse[] {
  const { license, shipDate, rules } = input;
  if (!license) {
    refusals.push({
      reason: 'a license is required on the ship date and none is attached to the transaction',
      citation: '15 CFR 750.7(a)',
    });
    return [];
  }
  const l = license.data;
  if (license.state !== 'valid')
    refusals.push(
      license.state === 'replaced'
        ? {
            reason: `license ${l.licenseNumber} was replaced${l.replacedBy ? ` by ${l.replacedBy}` : ''}: ship under the replacement`,
            citation: '15 CFR 750.7(c)(1), (h)(4)',
          }
        : { reason: `license ${l.licenseNumber} is ${license.state}`, citation: '15 CFR 750.8(a)' },
    );
  if (shipDate < l.validFrom || shipDate > l.validUntil)
    refusals.push({
      reason: `license ${l.licenseNumber} is valid from ${l.validFrom} to ${l.validUntil}, not on ${shipDate}`,
      citation: '15 CFR 750.7(g)',
    });
  const tolerance = versionAt(rules, 'shipping-tolerance', shipDate);
  const { valuePercent, fullQuantityEnds } = paramsOf(tolerance, 'shipping-tolerance');
  const uses: LineUse[] = [];
  const pending = new Map<number, { quantity: number; valueUsd: number }>();
  input.lines.forEach((line, i) => {
    const item = l.items.findIndex((it) => eccnCovers(it.eccn, line.eccn));
    if (item < 0) {
      refusals.push({
        line: i,
        reason: `${line.eccn} is not on license ${l.licenseNumber} (it covers ${l.items.map((it) => it.eccn).join(', ') || 'nothing'})`,
        citation: '15 CFR 750.7(a)',
      });
      return;
    }
    const licensed = l.items[item]!;
    const revoked = revokedOn(l, item, shipDate);
    if (revoked) {
      refusals.push({
        line: i,
        reason: `${licensed.eccn} was revoked from license ${l.licenseNumber} on ${revoked.on}: ${revoked.reason}`,
        citation: '15 CFR 750.8(a)',
      });
      return;
    }
    const quantity = line.quantity ?? 0;
    const valueUsd = line.valueUsd ?? 0;
    if (!(quantity > 0)) {
      refusals.push({
        line: i,
        reason: `the quantity of ${line.eccn} must be given to ship under a license that limits it`,
        citation: '15 CFR 750.7(f)',
      });
      return;
    }
    const before = shippedSoFar(l, item);
    const earlier = pending.get(item) ?? { quantity: 0, valueUsd: 0 };
    const qty = before.quantity + earlier.quantity + quantity;
    const value = before.valueUsd + earlier.valueUsd + valueUsd;
    const cap = licensed.valueUsd * (1 + valuePercent / 100);
    if (fullQuantityEnds && before.quantity + earlier.quantity >= licensed.quantity)
      refusals.push({
        line: i,
        reason: `the full quantity of ${licensed.eccn} (${licensed.quantity}) has shipped under license ${l.licenseNumber}; no further shipment may be made under it`,
        citation: '15 CFR 750.11(a)',
      });
    else if (qty > licensed.quantity)
      refusals.push({
        line: i,
        reason: `${line.eccn}: ${qty} units against ${licensed.quantity} licensed on ${l.licenseNumber}`,
        citation: '15 CFR 750.7(f)',
      });
    else if (value > cap)
      refusals.push({
        line: i,
        reason: `${line.eccn}: $${value} against $${licensed.valueUsd} licensed plus the ${valuePercent}% shipping tolerance ($${Math.floor(cap)})${tolerance.unconfirmed.length ? ` (UNCONFIRMED: ${tolerance.unconfirmed.join('; ')})` : ''}`,
        citation: tolerance.citation,
      });
    else if (value > licensed.valueUsd)
      // the lot relies on the tolerance: say so, and whatever about it is not confirmed
      notes.push(
        `${line.eccn} ships within the ${valuePercent}% shipping tolerance of ${tolerance.citation}${tolerance.unconfirmed.length ? `; UNCONFIRMED: ${tolerance.unconfirmed.join('; ')}` : ''}`,
      );
    pending.set(item, { quantity: earlier.quantity + quantity, valueUsd: earlier.valueUsd + valueUsd });
    uses.push({ line: i, item, quantity, valueUsd });
  });
  // the parties of the lot are the parties the license was issued for
  const app = input.application?.data;
  if (app) {
    const licensedParties = new Set(app.parties.map((p) => normaliseName(p.name)));
    for (const p of input.parties)
      if (['end_user', 'ultimate_consignee'].includes(p.role) && !licensedParties.has(normaliseName(p.name)))
        refusals.push({
          reason: `${p.role.replace('_', ' ')} ${p.name} is not a party of the application license ${l.licenseNumber} was issued on`,
          citation: '15 CFR 750.7(a)',
        });
  }
  return uses;
}

/**
 * §748.9(e)(1): when the license application needed a PRC End-User Statement, no shipment may go under the
 * license until the holder has it; the Statement (issued, not cancelled) must cover each line's item.
 */
function statementCoverage(
  input: GateInput,
  refusals: Refusal[],
): { statementId: string; lines: LineUse[] }[] {
  const app = input.application;
  if (!app?.needsStatement) return [];
  const issued = input.statements.filter((s) => s.state === 'issued');
  if (!issued.length) {
    refusals.push({
      reason: `the license application needed a PRC End-User Statement${app.why ? ` (${app.why})` : ''} and no issued Statement supports it`,
      citation: '15 CFR 748.9(e)(1)',
    });
    return [];
  }
  const byStatement = new Map<string, LineUse[]>();
  input.lines.forEach((line, i) => {
    for (const st of issued) {
      const item = st.data.items.findIndex((it) => it.eccn && eccnCovers(it.eccn, line.eccn));
      if (item >= 0) {
        byStatement.set(st.id, [
          ...(byStatement.get(st.id) ?? []),
          { line: i, item, quantity: line.quantity ?? 0, valueUsd: line.valueUsd ?? 0 },
        ]);
        return;
      }
    }
    refusals.push({
      line: i,
      reason: `no issued PRC End-User Statement for the application covers ${line.eccn}`,
      citation: '15 CFR 748.10(c)',
    });
  });
  return [...byStatement].map(([statementId, lines]) => ({ statementId, lines }));
}

/** §748.15: the VEU entry in force, the items eligible, consigned to and for use by the VEU, its facility. */
function veuConditions(input: GateInput, refusals: Refusal[]): void {
  const veu = input.veu;
  if (!veu) {
    refusals.push({ reason: 'no VEU entry is attached to the transaction', citation: '15 CFR 748.15' });
    return;
  }
  // the entry as it stood on the ship date: the items and facilities eligible that day
  const entry = entryOn(veu.state, veu.data, input.shipDate);
  if (veu.state === 'pending_publication') {
    refusals.push({
      reason: `the VEU entry of ${entry.validatedEndUser} is approved by the End-User Review Committee but not yet published in Supp. No. 7 to Part 748; it authorizes nothing until the final rule adding it takes effect`,
      citation: '15 CFR 748.15(a)(1)',
    });
    return;
  }
  if (veu.state !== 'active')
    refusals.push({
      reason: `the VEU entry is ${veu.state}`,
      citation: '15 CFR 748.15(a)(4); Supp. No. 9 to Part 748, paragraph (2)',
    });
  const { from, to } = entry.effective;
  if ((from && input.shipDate < from) || (to && input.shipDate > to))
    refusals.push({
      reason: `the VEU entry is in force ${from ?? '(start unknown)'} to ${to ?? 'open'}, not on ${input.shipDate}`,
      citation: entry.citation,
    });
  const names = new Set([entry.validatedEndUser, ...entry.aliases].map(normaliseName));
  for (const p of input.parties)
    if (['end_user', 'ultimate_consignee'].includes(p.role) && !names.has(normaliseName(p.name)))
      refusals.push({
        reason: `under VEU the items must be consigned to and for use by ${entry.validatedEndUser}; the ${p.role.replace('_', ' ')} is ${p.name}`,
        citation: '15 CFR 748.15(d)(1)',
      });
  if (entry.eligibleItems)
    input.lines.forEach((line, i) => {
      if (!entry.eligibleItems!.some((e) => eccnCovers(e, line.eccn)))
        refusals.push({
          line: i,
          reason: `${line.eccn} is not an eligible item of ${entry.validatedEndUser} on ${input.shipDate}`,
          citation: '15 CFR 748.15(c)',
        });
    });
  if (entry.eligibleDestinations && input.veuFacility) {
    const facility = normaliseName(input.veuFacility);
    if (
      !entry.eligibleDestinations.some(
        (d) => normaliseName(d) === facility || normaliseName(d).includes(facility),
      )
    )
      refusals.push({
        reason: `${input.veuFacility} is not an eligible destination of ${entry.validatedEndUser} on ${input.shipDate}`,
        citation: '15 CFR 748.15(c)',
      });
  }
  const certified = veu.data.certifications.some(
    (c) => c.exporterOrgId === input.exporterOrgId && c.on <= input.shipDate,
  );
  if (!certified)
    refusals.push({
      reason: "record the VEU's certification before the first export under VEU",
      citation: '15 CFR 748.15(e)',
    });
}

export function releaseGate(input: GateInput): GateResult {
  const refusals: Refusal[] = [];
  for (const h of input.openHolds)
    refusals.push({
      reason: `hold ${h.id} is open: ${h.data.reason}`,
      citation: 'Supp. No. 3 to 15 CFR Part 732 (resolve red flags before proceeding)',
    });
  const auth = input.fresh.authorization;
  const notes: string[] = [];
  let licenseLines: LineUse[] = [];
  let statementLines: { statementId: string; lines: LineUse[] }[] = [];
  let authority: 'NLR' | 'LICENSE_EXCEPTION' | 'LICENSE' | 'VEU' = 'NLR';
  switch (auth) {
    case 'INDETERMINATE':
      refusals.push({
        reason: `the determination on ${input.shipDate} is INDETERMINATE (missing: ${input.fresh.missing.map((m) => m.input).join(', ') || 'see the determination'}): give the missing inputs and recheck`,
        citation: '15 CFR 732.3',
      });
      break;
    case 'NLR':
    case 'LICENSE_EXCEPTION':
      authority = auth;
      break;
    case 'VEU': {
      // a VEU authorizes; so does a license that covers the lot
      const veuRefusals: Refusal[] = [];
      veuConditions(input, veuRefusals);
      if (!veuRefusals.length || !input.license) {
        refusals.push(...veuRefusals);
        authority = 'VEU';
        break;
      }
      notes.push('the VEU conditions do not hold; the attached license is used instead');
    }
    // falls through
    case 'LICENSE':
      authority = 'LICENSE';
      licenseLines = licenseCoverage(input, refusals, notes);
      statementLines = statementCoverage(input, refusals);
      break;
  }
  return refusals.length
    ? { ok: false, refusals }
    : { ok: true, authority, licenseLines, statementLines, notes };
}
