/**
 * The transaction check contract (docs/reference/check-contract.md): one zod schema per shape, the
 * single source of the types, the validation of CLI and API input, and later the OpenAPI document.
 */
import { z } from 'zod';
import { isoDate } from '../core/rules/schema.js';

/** ECCN with optional paragraph, or EAR99. Case and spaces are forgiven: " 3b001 .E " -> "3B001.e". */
export const eccnInput = z
  .string()
  .max(64)
  .transform((s) => {
    const compact = s.replace(/\s+/g, '');
    if (/^ear99$/i.test(compact)) return 'EAR99';
    const m = /^(\d[a-e]\d{3})((?:\.[a-z0-9]+)*)$/i.exec(compact);
    return m ? `${(m[1] as string).toUpperCase()}${(m[2] as string).toLowerCase()}` : compact;
  })
  .refine((s) => s === 'EAR99' || /^\d[A-E]\d{3}(\.[a-z0-9]+)*$/.test(s), {
    message: 'expected an ECCN such as "3A001", "3B001.e" or "EAR99"',
  });

export const controlReasonCode = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine((s) => /^(NS|MT|NP|CB|CW|RS|CC|FC|AT|UN|EI|SL|SS)[1-3]?$/.test(s), {
    message: 'expected a reason for control such as "NS2", "RS", "AT1", "EI"',
  });

export const listCode = z.enum(['ENTITY_LIST', 'MEU', 'UVL', 'DPL', 'SDN', 'CMIC']);
export type ListCodeInput = z.infer<typeof listCode>;

export const checkItem = z
  .object({
    eccn: eccnInput,
    description: z.string().max(2000).optional(),
    kind: z.enum(['commodity', 'software', 'technology']).default('commodity'),
    quantity: z.number().nonnegative().finite().optional(),
    valueUsd: z.number().nonnegative().finite().optional(),
    controlReasons: z.array(controlReasonCode).max(20).optional(),
    computer: z.boolean().optional(),
    dataCenter: z.boolean().optional(),
    /** Replacement parts and components for servicing previously exported commodities (§748.11(a)(2)). */
    replacementParts: z.boolean().optional(),
    /** For temporary exhibit, demonstration or testing (§748.9(c)(1)(iv)). */
    temporaryExhibit: z.boolean().optional(),
    /** Schedule B (or HTS) number, for the $2,500 EEI test (§758.1(b)(5)); lines without one are counted alone. */
    scheduleB: z.string().max(20).optional(),
    /**
     * The item is a microprocessor, microcomputer or microcontroller microcircuit with a processing speed of
     * 5 GFLOPS or more and an arithmetic logic unit 32 bit or wider, or "software"/"technology" for the
     * "production" or "development" of one (§744.17(a)). 3A991.a.1 items are such microprocessors by definition.
     */
    microprocessor: z.boolean().optional(),
    /**
     * The exporter's License Exception ENC classification of an encryption item (§740.17): "b1", "b2" or "b3"
     * for §740.17(b)(1), (b)(2), (b)(3); "none" when the item is not eligible for ENC.
     */
    encClassification: z.enum(['b1', 'b2', 'b3', 'none']).optional(),
  })
  .strict();
export type CheckItem = z.infer<typeof checkItem>;

export const partyRole = z.enum(['end_user', 'ultimate_consignee', 'intermediate_consignee', 'purchaser']);

export const owner = z
  .object({
    name: z.string().min(1).max(500),
    percent: z.number().min(0).max(100),
    lists: z.array(listCode).optional(),
  })
  .strict();

export const checkParty = z
  .object({
    role: partyRole,
    name: z.string().trim().min(1).max(500),
    address: z.string().max(1000).optional(),
    country: z
      .string()
      .transform((s) => s.trim().toUpperCase())
      .refine((s) => /^[A-Z]{2}$/.test(s), { message: 'expected an ISO 3166-1 alpha-2 code' })
      .optional(),
    type: z
      .enum([
        'company',
        'government',
        'military',
        'university',
        'person',
        'us_government_agency',
        'us_government_personnel',
        'cooperating_government_agency',
      ])
      .optional(),
    /** For a `government` or `cooperating_government_agency` party: whose government (ISO 3166-1 alpha-2). */
    governmentOf: z
      .string()
      .transform((s) => s.trim().toUpperCase())
      .refine((s) => /^[A-Z]{2}$/.test(s), { message: 'expected an ISO 3166-1 alpha-2 code' })
      .optional(),
    lists: z.array(listCode).optional(),
    owners: z.array(owner).max(50).optional(),
    /** List entries an analyst has cleared for this party ("not this party"): screening ignores them. */
    cleared: z.array(z.string().min(1).max(100)).max(500).optional(),
  })
  .strict();
export type CheckParty = z.infer<typeof checkParty>;

export const endUse = z
  .object({
    description: z.string().max(2000).optional(),
    military: z.boolean().optional(),
    militaryEndUser: z.boolean().optional(),
    militaryIntelligence: z.boolean().optional(),
    supercomputer: z.boolean().optional(),
    advancedNodeFab: z.boolean().optional(),
    wmd: z.boolean().optional(),
    /** The items are for the official use of the government party that receives them (License Exception GOV, §740.11(b)). */
    governmentOfficialUse: z.boolean().optional(),
  })
  .strict();
export type EndUse = z.infer<typeof endUse>;

export const checkInput = z
  .object({
    asOf: isoDate.optional(),
    destination: z
      .string()
      .transform((s) => s.trim().toUpperCase())
      .refine((s) => ['CN', 'HK', 'MO'].includes(s), {
        message: 'this system decides exports to China: expected "CN", "HK" or "MO"',
      }),
    items: z.array(checkItem).min(1, 'at least one item is needed').max(500),
    parties: z.array(checkParty).max(50).default([]),
    endUse: endUse.default({}),
    veu: z
      .object({ validatedEndUser: z.string().min(1).max(500), facility: z.string().max(1000).optional() })
      .strict()
      .optional(),
  })
  .strict();
export type CheckInput = z.infer<typeof checkInput>;
export type CheckInputRaw = z.input<typeof checkInput>;

const effective = z
  .object({ from: isoDate.nullable().default(null), to: isoDate.nullable().default(null) })
  .strict();

export const overlay = z
  .object({
    veuEntries: z
      .array(
        z
          .object({
            validatedEndUser: z.string().min(1),
            aliases: z.array(z.string()).default([]),
            country: z.string().length(2).default('CN'),
            eligibleItems: z.array(eccnInput).min(1),
            eligibleDestinations: z.array(z.string()).default([]),
            excludedFrom744_23: z.boolean().default(false),
            effective: effective.default({ from: null, to: null }),
            /** Free-text provenance of a what-if entry; `fictional` marks made-up test data. */
            source: z.string().optional(),
            fictional: z.boolean().optional(),
          })
          .strict(),
      )
      .default([]),
    listEntries: z
      .array(
        z
          .object({
            list: listCode,
            name: z.string().min(1),
            aliases: z.array(z.string()).default([]),
            country: z.string().length(2).optional(),
            licenseRequirement: z.string().default('For all items subject to the EAR'),
            licensePolicy: z.string().default('Presumption of denial'),
            effective: effective.default({ from: null, to: null }),
            source: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type Overlay = z.infer<typeof overlay>;
export type OverlayRaw = z.input<typeof overlay>;

// ---- Output

export const authorization = z.enum(['NLR', 'LICENSE_EXCEPTION', 'VEU', 'LICENSE', 'INDETERMINATE']);
export type Authorization = z.infer<typeof authorization>;

/**
 * A structured message: a stable key of the message catalogue (src/core/messages/en.json, zh.json) and its
 * parameters (a verbatim string, a nested message, or a list of them). See docs/CHECK.md.
 */
export interface MessageOut {
  key: string;
  params: Record<string, MessageParamOut>;
  /** The message rendered in the language the API negotiated (Accept-Language); absent in the evaluator's output. */
  text?: string;
}
export type MessageParamOut = string | MessageOut | (string | MessageOut)[];
// Not z.lazy: the OpenAPI generator cannot follow a recursive schema, so nested parameters are typed here and
// described, not validated, in the document.
export const message = z.object({
  key: z.string(),
  params: z
    .record(z.string(), z.unknown())
    .describe('each parameter: a verbatim string, a nested message {key, params}, or a list of them'),
  text: z.string().optional(),
}) as unknown as z.ZodType<MessageOut>;

export const reason = z.object({
  code: z.string(),
  item: z.number().int().nullable(),
  party: z.number().int().nullable(),
  citation: z.string(),
  explanation: z.string(),
  /** Depends on a datum we could not confirm (see `unconfirmed`). */
  unconfirmed: z.boolean().optional(),
  /** `explanation` as a structured message (always present in new answers). */
  message: message.optional(),
});
export type Reason = z.infer<typeof reason>;

export const documentType = z.enum([
  'PRC_END_USER_STATEMENT',
  'STATEMENT_BY_ULTIMATE_CONSIGNEE_AND_PURCHASER',
  'HK_IMPORT_LICENSE',
  'UVL_STATEMENT',
  'VEU_CERTIFICATION',
  'VEU_SHIPMENT_NOTICE',
  'NAC_NOTIFICATION',
  'EEI',
]);
export type DocumentType = z.infer<typeof documentType>;

export const requiredDocument = z.object({
  type: documentType,
  citation: z.string(),
  why: z.string(),
  unconfirmed: z.boolean().optional(),
  /** `why` as a structured message (always present in new answers). */
  message: message.optional(),
});
export type RequiredDocument = z.infer<typeof requiredDocument>;

export const missingInput = z.object({
  /** The input field (JSON path) or datum that would decide the outcome. */
  input: z.string(),
  why: z.string(),
  /** `why` as a structured message (always present in new answers). */
  message: message.optional(),
});
export type MissingInput = z.infer<typeof missingInput>;

export const screeningHitOut = z.object({
  id: z.string(),
  list: z.string(),
  source: z.string(),
  name: z.string(),
  matchedName: z.string(),
  score: z.number(),
  explanation: z.string(),
  /** When the matched name is not the list's own (a decoded CCC name, imported open data): its source. */
  nameSource: z.string().optional(),
  /** The screening organisation's remembered decision on this name and entry (docs/SCREENING.md). */
  decision: z
    .object({
      id: z.string(),
      kind: z.enum(['confirm', 'clear']),
      status: z.enum(['confirmed', 'review', 'pending']),
      by: z.string(),
      on: z.string(),
      reason: z.string(),
    })
    .optional(),
});

export const checkResult = z.object({
  asOf: isoDate,
  ruleSet: z.string(),
  lists: z.string(),
  overlayUsed: z.boolean(),
  /** null when the outcome is INDETERMINATE and the branches disagree on it. */
  licenseRequired: z.boolean().nullable(),
  authorization,
  licenseException: z.string().nullable(),
  reviewPolicy: z.string().nullable(),
  reasons: z.array(reason),
  documents: z.array(requiredDocument),
  screening: z.array(
    z.object({
      party: z.number().int(),
      hits: z.array(screeningHitOut),
      applied: z.boolean(),
      note: z.string().optional(),
    }),
  ),
  missing: z.array(missingInput),
  /** Data we could not confirm that this answer relies on: repeat them when you file the answer. */
  unconfirmed: z.array(z.object({ datum: z.string(), citation: z.string() })),
  /** Red flags, exceptions considered and other points a compliance officer must read. */
  notes: z.array(z.string()),
  /** `notes` as structured messages, one per note in the same order (always present in new answers). */
  noteMessages: z.array(message).optional(),
  /** The language of the rendered `message.text` fields, when the API rendered them (Accept-Language). */
  lang: z.enum(['en', 'zh']).optional(),
});
export type CheckResult = z.infer<typeof checkResult>;
