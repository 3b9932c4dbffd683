/**
 * A VEU entry after its approval (15 CFR 748.15, src/app/operations/veu.ts): what each role may do to it —
 * the exporter files an amendment (reviewed by the ERC as a new application) and records the §748.15(e)
 * certification, the ERC members vote on revocation (a majority revokes) — and the amendment's body, checked
 * at the field before the server checks it again.
 */
import type { ActionSpec } from '../components/DecisionForm';
import type { Built, Problem } from './trade-forms';

export interface VeuEntryView {
  entry: { eligibleItems: string[]; eligibleDestinations: string[] };
  revocationVotes?: { agency: string; vote: string; on?: string }[];
}

/** The shape the server accepts for an ECCN (src/contracts/check.ts `eccnInput`), or EAR99. */
const ECCN = /^(\d[a-e]\d{3})((?:\.[a-z0-9]+)*)$|^ear99$/i;

const lines = (v: unknown): string[] =>
  String(v ?? '')
    .split(/\r?\n|,/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A facility's name as the entry lists it ("Name: address" → "Name"). */
export const facilityName = (destination: string): string => destination.split(': ')[0]!.trim();

/**
 * The amendment's body from the form's values: ECCNs to add (one a line or separated by commas), items to
 * remove, facilities to add ("name: address", one a line), facilities to remove, and the reason. At least
 * one change; an ECCN to add must have the ECCN's shape and not be eligible already.
 */
export function buildVeuAmendment(
  values: Record<string, string | string[]>,
  entry: VeuEntryView['entry'],
): Built<Record<string, unknown>> {
  const problems: Problem[] = [];
  const addItems = lines(values.addItems).map((s) => s.replace(/\s+/g, ''));
  const bad = addItems.find((e) => !ECCN.test(e));
  if (bad) problems.push({ field: 'addItems', key: 'veuEntry.err.eccn', values: { eccn: bad } });
  const already = addItems.find((e) => entry.eligibleItems.some((x) => x.toLowerCase() === e.toLowerCase()));
  if (!bad && already)
    problems.push({ field: 'addItems', key: 'veuEntry.err.eligible', values: { eccn: already } });
  const addFacilities = String(values.addFacilities ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(':');
      return {
        name: (at < 0 ? line : line.slice(0, at)).trim(),
        address: at < 0 ? '' : line.slice(at + 1).trim(),
      };
    });
  const noAddress = addFacilities.find((f) => !f.name || !f.address);
  if (noAddress)
    problems.push({ field: 'addFacilities', key: 'veuEntry.err.facility', values: { line: noAddress.name } });
  const removeItems = Array.isArray(values.removeItems) ? values.removeItems : [];
  const removeFacilities = Array.isArray(values.removeFacilities) ? values.removeFacilities : [];
  const reason = String(values.reason ?? '').trim();
  if (!reason) problems.push({ field: 'reason', key: 'decision.required' });
  if (!addItems.length && !addFacilities.length && !removeItems.length && !removeFacilities.length)
    problems.push({ field: 'addItems', key: 'veuEntry.err.noChange' });
  if (problems.length) return { ok: false, problems };
  return { ok: true, body: { addItems, addFacilities, removeItems, removeFacilities, reason } };
}

/** How the revocation vote stands: votes to revoke against the majority of the members needed. */
export function revocationTally(
  votes: readonly { vote: string }[],
  members = 4,
): { revoke: number; keep: number; needed: number } {
  return {
    revoke: votes.filter((v) => v.vote === 'approve').length,
    keep: votes.filter((v) => v.vote !== 'approve').length,
    needed: Math.floor(members / 2) + 1,
  };
}

/** What the role may do to a VEU entry in its state (the server decides again). */
export function veuEntryActions(state: string, role: string, data: VeuEntryView): ActionSpec[] {
  if (state !== 'active') return [];
  if (role === 'compliance_officer')
    return [
      // §748.15(e): before the first export under VEU
      { action: 'certifications', fields: [{ name: 'text', kind: 'textarea', required: true }] },
      {
        action: 'amendments',
        noDate: true,
        fields: [
          { name: 'addItems', kind: 'lines' },
          { name: 'removeItems', kind: 'multi', options: data.entry.eligibleItems },
          { name: 'addFacilities', kind: 'lines' },
          {
            name: 'removeFacilities',
            kind: 'multi',
            options: data.entry.eligibleDestinations.map(facilityName),
          },
          { name: 'reason', kind: 'textarea', required: true },
        ],
        build: (values) => buildVeuAmendment(values, data.entry),
      },
    ];
  if (role === 'erc_member')
    return [
      {
        action: 'revocation-votes',
        fields: [
          {
            name: 'vote',
            kind: 'choice',
            required: true,
            options: ['approve', 'deny'],
            optionKey: 'revocationVote',
          },
          { name: 'text', kind: 'textarea' },
        ],
      },
    ];
  return [];
}
