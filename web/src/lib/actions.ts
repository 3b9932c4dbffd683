/**
 * What each desk may do to a record in a given state: the server's state machines (src/core/workflows)
 * seen from the browser, with the fields each action needs. The server still decides; this only offers the
 * actions that can succeed, with the reasons recorded.
 */
import type { ActionSpec } from '../components/DecisionForm';

const reasons = (required: boolean) => ({ name: 'text', kind: 'textarea' as const, required });

export function eusActions(state: string, role: string): ActionSpec[] {
  if (role === 'mofcom_officer' && state === 'submitted')
    return [
      {
        action: 'issue',
        fields: [
          { name: 'statementNumber', kind: 'text', required: true },
          { name: 'sealReference', kind: 'text', required: true },
          reasons(false),
        ],
      },
      { action: 'request_info', fields: [reasons(true)] },
      { action: 'refuse', fields: [reasons(true)] },
    ];
  if (role === 'mofcom_officer' && state === 'issued') return [{ action: 'cancel', fields: [reasons(true)] }];
  if (role === 'importer_officer') {
    if (state === 'draft')
      return [
        { action: 'submit', fields: [] },
        { action: 'withdraw', fields: [reasons(false)] },
      ];
    if (state === 'info_requested')
      return [
        { action: 'provide_info', fields: [reasons(true)] },
        { action: 'withdraw', fields: [reasons(false)] },
      ];
    if (state === 'submitted') return [{ action: 'withdraw', fields: [reasons(false)] }];
  }
  return [];
}

/**
 * What a license application's desk may do. `reviewingAgencies` are the names of the reviewing agencies' organisations
 * (BIS refers to them; the server accepts only those names).
 */
export function licenseActions(
  state: string,
  role: string,
  data: {
    agencies: string[];
    recommendations: { agency: string }[];
    appeal?: { decision?: unknown };
  },
  myAgency?: string,
  reviewingAgencies: readonly string[] = [],
): ActionSpec[] {
  const approve: ActionSpec = {
    action: 'approve',
    fields: [
      { name: 'licenseNumber', kind: 'text', required: true },
      { name: 'conditions', kind: 'lines' },
      reasons(false),
    ],
  };
  const outcome = {
    name: 'outcome',
    kind: 'choice' as const,
    required: true,
    options: ['approve', 'deny'],
    optionKey: 'vote',
  };
  // §750.6(a): the notice of intent to deny states the basis (text), the considerations and the modifications
  const intentToDeny: ActionSpec = {
    action: 'intent_to_deny',
    fields: [
      reasons(true),
      { name: 'considerations', kind: 'textarea' },
      { name: 'modifications', kind: 'textarea' },
    ],
  };
  const escalate: ActionSpec = { action: 'escalate', fields: [outcome, reasons(false)] };
  if (role === 'bis_officer') {
    switch (state) {
      case 'submitted':
        return [
          { action: 'register', fields: [reasons(false)] },
          { action: 'return', fields: [reasons(true)] },
        ];
      case 'registered':
        return [
          {
            action: 'refer',
            fields: [
              { name: 'agencies', kind: 'multi', required: true, options: reviewingAgencies },
              reasons(false),
            ],
          },
          approve,
          intentToDeny,
          { action: 'request_info', fields: [reasons(true)] },
          { action: 'return', fields: [reasons(true)] },
        ];
      case 'referred':
        return [approve, intentToDeny, escalate, { action: 'request_info', fields: [reasons(true)] }];
      case 'escalated':
        return [{ action: 'escalation_decision', fields: [outcome, reasons(true)] }, approve, intentToDeny];
      case 'intent_to_deny':
        return [
          { action: 'deny', fields: [reasons(false)] },
          { action: 'reconsider', fields: [reasons(true)] },
        ];
      case 'denied':
        return data.appeal && !data.appeal.decision
          ? [
              { action: 'uphold', fields: [reasons(true)] },
              { action: 'reverse', fields: [reasons(true)] },
            ]
          : [];
      default:
        return [];
    }
  }
  if (role === 'agency_reviewer' && state === 'escalated') {
    if (myAgency && !data.agencies.includes(myAgency)) return [];
    return [
      {
        action: 'escalation_appeal',
        fields: [{ name: 'signedBy', kind: 'text', required: true }, reasons(true)],
      },
    ];
  }
  if (role === 'agency_reviewer' && state === 'referred') {
    if (
      myAgency &&
      (!data.agencies.includes(myAgency) || data.recommendations.some((r) => r.agency === myAgency))
    )
      return [];
    return [
      {
        action: 'recommend',
        fields: [
          {
            name: 'recommendation',
            kind: 'choice',
            required: true,
            options: ['approve', 'deny'],
            optionKey: 'vote',
          },
          reasons(false),
        ],
      },
    ];
  }
  if (role === 'compliance_officer') {
    const withdraw: ActionSpec = { action: 'withdraw', fields: [reasons(false)] };
    if (state === 'draft') return [{ action: 'submit', fields: [] }, withdraw];
    if (state === 'info_requested' || state === 'referral_info_requested')
      return [{ action: 'provide_info', fields: [reasons(true)] }, withdraw];
    if (state === 'intent_to_deny') return [{ action: 'respond', fields: [reasons(true)] }, withdraw];
    if (state === 'denied' && !data.appeal) return [{ action: 'appeal', fields: [reasons(true)] }];
    if (['submitted', 'registered', 'referred', 'escalated'].includes(state)) return [withdraw];
  }
  return [];
}

export function veuActions(
  state: string,
  role: string,
  data: { members: string[]; votes: { agency: string; vote: string }[] },
): ActionSpec[] {
  if (role === 'erc_member') {
    if (state === 'submitted') return [{ action: 'circulate', fields: [reasons(false)] }];
    if (state === 'under_review') {
      const open = data.members.filter((m) => !data.votes.some((v) => v.agency === m));
      const out: ActionSpec[] = [];
      if (open.length)
        out.push({
          action: 'vote',
          // the member votes for the agency of its own organisation (the server knows it from the session)
          fields: [
            { name: 'vote', kind: 'choice', required: true, options: ['approve', 'deny'], optionKey: 'vote' },
            reasons(false),
          ],
        });
      const unanimous = !open.length && data.votes.every((v) => v.vote === 'approve');
      if (unanimous) out.push({ action: 'approve', fields: [reasons(false)] });
      if (data.votes.some((v) => v.vote === 'deny')) out.push({ action: 'deny', fields: [reasons(true)] });
      out.push({ action: 'request_info', fields: [reasons(true)] });
      return out;
    }
  }
  // §748.15(a)(1): an approved entry is in force once BIS publishes the rule adding it to Supp. No. 7; the
  // form's date is the publication date
  if (role === 'bis_officer' && state === 'approved')
    return [
      {
        action: 'publish',
        fields: [
          { name: 'citation', kind: 'text', required: true },
          { name: 'effectiveOn', kind: 'text', required: true },
          reasons(false),
        ],
      },
    ];
  if (role === 'compliance_officer' || role === 'importer_officer') {
    const withdraw: ActionSpec = { action: 'withdraw', fields: [reasons(false)] };
    if (state === 'draft') return [{ action: 'submit', fields: [] }, withdraw];
    if (state === 'info_requested') return [{ action: 'provide_info', fields: [reasons(true)] }, withdraw];
    if (state === 'submitted' || state === 'under_review') return [withdraw];
  }
  return [];
}

/** The review target in days of each kind of record (EUS: the request's own; license: 90; VEU: 30). */
export const LICENSE_TARGET_DAYS = 90;
export const BIS_ACT_DAYS = 9;
export const ERC_TARGET_DAYS = 30;

/** §750.7(c)(1): the non-material changes a licensee records without a replacement license. */
export const NON_MATERIAL_CHANGES = [
  'c1i',
  'c1ii',
  'c1iii',
  'c1iv',
  'c1v',
  'c1vi',
  'c1vii',
  'c1viii',
  'c1ix',
  'c1x',
  'c1xi',
] as const;

/** What may be done to an issued license (§§750.7, 750.8; part 756), by role and state. */
export function issuedLicenseActions(
  state: string,
  role: string,
  data: {
    items: { eccn: string }[];
    revokedItems?: { item: number }[];
    extensionRequest?: unknown;
    appeal?: { decision?: unknown };
  },
): ActionSpec[] {
  const pendingAppeal = !!data.appeal && !data.appeal.decision;
  const decideAppeal: ActionSpec[] = pendingAppeal
    ? [
        { action: 'uphold', fields: [reasons(true)] },
        { action: 'reverse', fields: [reasons(true)] },
      ]
    : [];
  if (role === 'bis_officer') {
    const revoke: ActionSpec = { action: 'revoke', fields: [reasons(true)] };
    if (state === 'valid') {
      const open = data.items.filter((_, i) => !data.revokedItems?.some((r) => r.item === i));
      return [
        { action: 'suspend', fields: [reasons(true)] },
        revoke,
        ...(open.length
          ? [
              {
                action: 'revoke_in_part',
                fields: [
                  {
                    name: 'lines',
                    kind: 'multi' as const,
                    required: true,
                    options: open.map((it) => it.eccn),
                  },
                  reasons(true),
                ],
              },
            ]
          : []),
        ...(data.extensionRequest
          ? [
              {
                action: 'extend',
                fields: [{ name: 'validUntil', kind: 'text' as const, required: true }, reasons(false)],
              },
              { action: 'refuse_extension', fields: [reasons(true)] },
            ]
          : []),
      ];
    }
    if (state === 'suspended')
      return [{ action: 'reinstate', fields: [reasons(true)] }, revoke, ...decideAppeal];
    if (state === 'revoked') return decideAppeal;
    return [];
  }
  if (role === 'compliance_officer') {
    if (state === 'valid')
      return [
        ...(data.extensionRequest
          ? []
          : [
              {
                action: 'request_extension',
                fields: [reasons(true), { name: 'validUntil', kind: 'text' as const }],
              },
            ]),
        {
          action: 'record_change',
          fields: [
            {
              name: 'change',
              kind: 'choice',
              required: true,
              options: NON_MATERIAL_CHANGES,
              optionKey: 'change',
            },
            reasons(true),
          ],
        },
      ];
    if ((state === 'suspended' || state === 'revoked') && !pendingAppeal)
      return [{ action: 'appeal', fields: [reasons(true)] }];
  }
  return [];
}

const DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * The latest date a record already carries — clock events, messages, recommendations, votes, history and
 * every `…On` field — before which no new action on it may be dated (the server refuses it too).
 */
export function recordEarliest(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const out: string[] = [];
  const d = data as Record<string, unknown>;
  for (const [k, v] of Object.entries(d)) {
    if (typeof v === 'string' && k.endsWith('On') && DATE.test(v)) out.push(v.slice(0, 10));
    if (Array.isArray(v) && ['clock', 'messages', 'recommendations', 'votes', 'history'].includes(k))
      for (const e of v as { on?: unknown }[])
        if (typeof e?.on === 'string' && DATE.test(e.on)) out.push(e.on.slice(0, 10));
  }
  return out.length ? out.sort().at(-1) : undefined;
}

/** The actions with the record's earliest possible date set on each dated one. */
export function dated(specs: ActionSpec[], data: unknown): ActionSpec[] {
  const earliest = recordEarliest(data);
  return earliest ? specs.map((s) => (s.noDate ? s : { ...s, earliest })) : specs;
}
