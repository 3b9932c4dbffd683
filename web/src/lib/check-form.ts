/**
 * The shipment check form as the exporter fills it (strings, tri-state end-use answers) and the check input
 * the API takes (docs/CHECK.md, docs/reference/check-contract.md). An end-use question left "unknown" is
 * left out, so the engine treats it as unknown and answers INDETERMINATE if it matters: never a silent "no".
 */
import type { CheckInput, CheckItem, CheckParty, EndUseFlag } from '../types';
import { today as todayOf } from './clock';
import { checkDateProblem } from './dates';

export const END_USE_FLAGS: readonly EndUseFlag[] = [
  'military',
  'militaryEndUser',
  'militaryIntelligence',
  'supercomputer',
  'advancedNodeFab',
  'wmd',
];
export type TriState = 'no' | 'yes' | 'unknown';

export interface ItemForm {
  eccn: string;
  description: string;
  kind: NonNullable<CheckItem['kind']>;
  quantity: string;
  valueUsd: string;
}

export interface PartyForm {
  role: CheckParty['role'];
  name: string;
  country: string;
  address: string;
  type: '' | NonNullable<CheckParty['type']>;
}

export interface CheckForm {
  asOf: string;
  destination: string;
  items: ItemForm[];
  parties: PartyForm[];
  endUseDescription: string;
  endUse: Record<EndUseFlag, TriState>;
  veuEndUser: string;
  veuFacility: string;
  overlay: string;
}

export const emptyItem = (): ItemForm => ({
  eccn: '',
  description: '',
  kind: 'commodity',
  quantity: '1',
  valueUsd: '',
});
export const emptyParty = (): PartyForm => ({
  role: 'end_user',
  name: '',
  country: 'CN',
  address: '',
  type: '',
});

export function emptyForm(asOf: string): CheckForm {
  return {
    asOf,
    destination: 'CN',
    items: [emptyItem()],
    parties: [emptyParty()],
    endUseDescription: '',
    // unanswered: an unknown the engine reports (INDETERMINATE where it matters), never a silent "no"
    endUse: Object.fromEntries(END_USE_FLAGS.map((f) => [f, 'unknown'])) as Record<EndUseFlag, TriState>,
    veuEndUser: '',
    veuFacility: '',
    overlay: '',
  };
}

/** The demonstration shipment: wafer handling equipment to a Shanghai fab (examples/demo-check.json). */
export function demoForm(asOf: string): CheckForm {
  const f = emptyForm(asOf);
  f.items = [
    {
      eccn: '3B001.e',
      description: 'automatic loading multi-chamber central wafer handling system',
      kind: 'commodity',
      quantity: '1',
      valueUsd: '2000000',
    },
  ];
  f.parties = [
    {
      role: 'end_user',
      name: 'Example Semiconductor (Shanghai) Co., Ltd.',
      country: 'CN',
      address: 'No. 1 Example Road, Pudong, Shanghai',
      type: 'company',
    },
  ];
  f.endUseDescription = 'civil IC production at Facility A (mature nodes)';
  // the example's own answers (examples/demo-check.json): none of the six end uses
  f.endUse = Object.fromEntries(END_USE_FLAGS.map((x) => [x, 'no'])) as Record<EndUseFlag, TriState>;
  return f;
}

export interface FormProblem {
  field: string;
  key: string; // i18n key of the message
  values?: Record<string, string | number>;
}

export type Built =
  { ok: true; input: CheckInput; overlay: unknown | null } | { ok: false; problems: FormProblem[] };

const num = (s: string): number | undefined => {
  const t = s.replace(/[,\s$]/g, '');
  if (!t) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : NaN;
};

export function buildCheck(form: CheckForm): Built {
  const problems: FormProblem[] = [];
  if (form.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(form.asOf))
    problems.push({ field: 'asOf', key: 'check.err.date' });
  else {
    const p = checkDateProblem(form.asOf, todayOf());
    if (p) problems.push({ field: 'asOf', key: p.key, values: p.values });
  }
  const items: CheckItem[] = form.items.map((it, i) => {
    const eccn = it.eccn.trim();
    if (!eccn) problems.push({ field: `items.${i}.eccn`, key: 'check.err.eccn' });
    const item: CheckItem = { eccn, kind: it.kind };
    if (it.description.trim()) item.description = it.description.trim();
    const q = num(it.quantity);
    const v = num(it.valueUsd);
    if (q !== undefined) {
      if (Number.isNaN(q) || q <= 0)
        problems.push({ field: `items.${i}.quantity`, key: 'check.err.quantity' });
      else item.quantity = q;
    }
    if (v !== undefined) {
      if (Number.isNaN(v) || v < 0) problems.push({ field: `items.${i}.valueUsd`, key: 'check.err.value' });
      else item.valueUsd = v;
    }
    return item;
  });
  if (!items.length) problems.push({ field: 'items', key: 'check.err.noItems' });
  const parties: CheckParty[] = form.parties
    .filter((p) => p.name.trim())
    .map((p) => {
      const party: CheckParty = { role: p.role, name: p.name.trim() };
      if (p.country.trim()) party.country = p.country.trim().toUpperCase();
      if (p.address.trim()) party.address = p.address.trim();
      if (p.type) party.type = p.type;
      return party;
    });
  const endUse: CheckInput['endUse'] = {};
  if (form.endUseDescription.trim()) endUse.description = form.endUseDescription.trim();
  for (const f of END_USE_FLAGS) {
    if (form.endUse[f] === 'yes') endUse[f] = true;
    else if (form.endUse[f] === 'no') endUse[f] = false;
  }
  const input: CheckInput = { destination: form.destination, items, parties, endUse };
  if (form.asOf) input.asOf = form.asOf;
  if (form.veuEndUser.trim() || form.veuFacility.trim()) {
    if (!form.veuEndUser.trim() || !form.veuFacility.trim())
      problems.push({ field: 'veu', key: 'check.err.veu' });
    input.veu = { validatedEndUser: form.veuEndUser.trim(), facility: form.veuFacility.trim() };
  }
  let overlay: unknown | null = null;
  if (form.overlay.trim()) {
    try {
      overlay = JSON.parse(form.overlay);
      if (typeof overlay !== 'object' || overlay === null || Array.isArray(overlay))
        problems.push({ field: 'overlay', key: 'check.err.overlayObject' });
    } catch {
      problems.push({ field: 'overlay', key: 'check.err.overlayJson' });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, input, overlay };
}

/** What-if templates the exporter can start from. */
export function veuOverlayTemplate(form: CheckForm): string {
  const endUser =
    form.parties.find((p) => p.role === 'end_user')?.name || 'Example Semiconductor (Shanghai) Co., Ltd.';
  return JSON.stringify(
    {
      veuEntries: [
        {
          validatedEndUser: endUser,
          country: form.destination,
          eligibleItems: form.items.map((i) => i.eccn).filter(Boolean),
          eligibleDestinations: [form.veuFacility || 'Facility A: No. 1 Example Road, Pudong, Shanghai'],
        },
      ],
    },
    null,
    2,
  );
}

export function listOverlayTemplate(form: CheckForm): string {
  const party = form.parties[0];
  return JSON.stringify(
    {
      listEntries: [
        {
          list: 'ENTITY_LIST',
          name: party?.name || 'Example Semiconductor (Shanghai) Co., Ltd.',
          aliases: [],
          country: party?.country || form.destination,
          licenseRequirement: 'For all items subject to the EAR',
          licensePolicy: 'Presumption of denial',
        },
      ],
    },
    null,
    2,
  );
}
