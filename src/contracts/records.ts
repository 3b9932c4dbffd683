/**
 * Schemas of the case records' inputs (issue 4): what the CLI and the API accept to create or act on
 * organisations, users, counterparties, End-User Statement requests, license applications, VEU applications
 * and outreach. The core workflows work on the inferred types.
 */
import { z } from 'zod';
import { isoDate } from '../core/rules/schema.js';
import { orgTypes, roles } from '../core/workflows/roles.js';
import { checkInput, eccnInput } from './check.js';

const name = z.string().trim().min(1).max(500);
const text = z.string().trim().min(1).max(5000);
const country = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine((s) => /^[A-Z]{2}$/.test(s), { message: 'expected an ISO 3166-1 alpha-2 code' });

export const organisationInput = z
  .object({
    name,
    type: z.enum(orgTypes),
    country: country.optional(),
    /** The member agency an ERC organisation votes for (Commerce, State, Defense, Energy; Supp. No. 9 to Part 748). */
    ercAgency: z.enum(['Commerce', 'State', 'Defense', 'Energy']).optional(),
  })
  .strict();
export type OrganisationInput = z.infer<typeof organisationInput>;

export const userInput = z
  .object({ name, email: z.string().email().max(320), orgId: z.string().min(1), role: z.enum(roles) })
  .strict();
export type UserInput = z.infer<typeof userInput>;

export const counterpartyInput = z
  .object({
    name,
    country: country.optional(),
    address: z.string().max(1000).optional(),
    type: z.enum(['company', 'government', 'military', 'university', 'person']).optional(),
  })
  .strict();
export type CounterpartyInput = z.infer<typeof counterpartyInput>;

export const eusItem = z
  .object({
    description: text,
    eccn: eccnInput.optional(),
    quantity: z.number().positive().finite(),
    valueUsd: z.number().nonnegative().finite(),
  })
  .strict();
export type EusItem = z.infer<typeof eusItem>;

export const eusRequestInput = z
  .object({
    exporterOrgId: z.string().min(1),
    exporterName: name,
    importerName: name,
    endUser: z.object({ name, address: z.string().max(1000).optional() }).strict(),
    endUse: text,
    contract: z
      .object({ title: z.string().max(500).optional(), number: z.string().max(100).optional() })
      .strict()
      .optional(),
    items: z.array(eusItem).min(1).max(200),
    /**
     * The language the Statement is written in (ISO 639-1, e.g. "zh", "en"). A Statement not in English needs
     * an English translation (§748.9(d)(1)). Required to submit.
     */
    language: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z]{2}(-[a-z0-9]+)*$/, 'expected a language code such as "zh" or "en"')
      .optional(),
    /** §748.10(c)(2)(v): the signature of the importer and date. Required to submit. */
    importerSignature: z
      .object({
        /** The official who signed for the importer. */
        signatory: name,
        /** The signatory's title (kept when given; §748.10 does not require it). */
        title: z.string().trim().min(1).max(200).optional(),
        signedOn: isoDate,
      })
      .strict()
      .optional(),
    /**
     * §748.9(d)(1): a support document not in English is accompanied by an accurate English translation, made
     * by a translating service or certified by the applicant to be correct. Required to submit when
     * `language` is not English.
     */
    englishTranslation: z
      .object({
        text: z.string().trim().min(1).max(20000),
        madeBy: z.enum(['translating_service', 'certified_by_applicant']),
        /** The translating service, or the person certifying the translation. */
        translator: name,
      })
      .strict()
      .optional(),
  })
  .strict();
export type EusRequestInput = z.infer<typeof eusRequestInput>;

export const supportDocument = z
  .object({
    type: z.enum([
      'PRC_END_USER_STATEMENT',
      'STATEMENT_BY_ULTIMATE_CONSIGNEE_AND_PURCHASER',
      'HK_IMPORT_LICENSE',
      'OTHER',
    ]),
    number: z.string().min(1).max(100),
  })
  .strict();

export const licenseItem = z
  .object({
    eccn: eccnInput,
    description: text,
    quantity: z.number().positive().finite(),
    valueUsd: z.number().nonnegative().finite(),
  })
  .strict();
export type LicenseItem = z.infer<typeof licenseItem>;

/** The content of Form BIS-748P that this system records. */
export const licenseApplicationInput = z
  .object({
    transactionId: z.string().min(1).optional(),
    destination: checkInput.shape.destination,
    parties: checkInput.shape.parties,
    items: z.array(licenseItem).min(1).max(200),
    endUse: text,
    supportDocuments: z.array(supportDocument).max(20).default([]),
    additionalInformation: z.string().max(5000).optional(),
    /** A replacement application: the license it would replace (§750.7(c)(1); Supp. No. 1 to part 748, Block 11). */
    replacesLicenseId: z.string().min(1).max(100).optional(),
  })
  .strict();
export type LicenseApplicationInput = z.infer<typeof licenseApplicationInput>;

/** The content of a VEU request (Supp. No. 8 to Part 748, as far as our sources give it). */
export const veuApplicationInput = z
  .object({
    candidate: z.object({ name, address: text, ownership: z.string().max(5000).optional() }).strict(),
    facilities: z
      .array(z.object({ name, address: text }).strict())
      .min(1)
      .max(50),
    items: z.array(eccnInput).min(1).max(200),
    civilEndUses: text,
    customers: z.string().max(5000).optional(),
    complianceProgram: text,
    consentToOnSiteReviews: z.literal(true, {
      errorMap: () => ({ message: 'the candidate must agree to on-site reviews (§748.15(a)(3))' }),
    }),
  })
  .strict();
export type VeuApplicationInput = z.infer<typeof veuApplicationInput>;

/**
 * A request to amend a VEU entry (Supp. No. 9 to Part 748, paragraphs (1)-(2)): items and facilities to add,
 * items and facilities (by name) to remove, and why. Reviewed by the ERC as an application is.
 */
export const veuAmendmentInput = z
  .object({
    addItems: z.array(eccnInput).max(200).default([]),
    addFacilities: z
      .array(z.object({ name, address: text }).strict())
      .max(50)
      .default([]),
    removeItems: z.array(eccnInput).max(200).default([]),
    removeFacilities: z.array(name).max(50).default([]),
    reason: text,
  })
  .strict();
export type VeuAmendmentInput = z.infer<typeof veuAmendmentInput>;

export const outreachEventInput = z
  .object({
    title: name,
    date: isoDate,
    location: z.string().max(500).optional(),
    agenda: z.array(z.string().min(1).max(500)).max(50).default([]),
    kind: z.enum(['public_private_dialogue', 'joint_outreach', 'seminar']).default('public_private_dialogue'),
  })
  .strict();
export type OutreachEventInput = z.infer<typeof outreachEventInput>;
