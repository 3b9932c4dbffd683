/**
 * The rule families the evaluator knows, each with the schema of its versions' parameters. The loader
 * rejects a rule file that lacks a family, names an unknown one, or gives a version bad parameters.
 */
import { z } from 'zod';
import { confidence } from './schema.js';

const eccnList = z.array(z.string().regex(/^\d[A-E]\d{3}$/));
const exceptions = z.array(z.string());

export const familyParams = {
  'destination.HK': z
    .object({
      treatAs: z.enum(['HK', 'CN']),
      /** Before 85 FR 83765: Country Chart columns in which Hong Kong's own row is known to be blank. */
      unmarkedColumns: z.array(z.string()).default([]),
      /** Before 85 FR 83765: Country Groups Hong Kong is known to have been in, and known not to have been in. */
      inGroups: z.array(z.string()).default([]),
      notInGroups: z.array(z.string()).default([]),
    })
    .strict(),
  'country-chart.CN': z
    .object({ row: z.string().length(2), remove: z.array(z.string()), confirmedColumns: z.array(z.string()) })
    .strict(),
  'country-chart.MO': z
    .object({ row: z.string().length(2), remove: z.array(z.string()), confirmedColumns: z.array(z.string()) })
    .strict(),
  'country-groups.CN': z.object({ row: z.string().length(2) }).strict(),
  'country-groups.MO': z.object({ row: z.string().length(2) }).strict(),
  'exception.LVS': z.object({ symbol: z.literal('LVS'), requiredGroup: z.string() }).strict(),
  'exception.GBS': z.object({ symbol: z.literal('GBS'), requiredGroup: z.string() }).strict(),
  'exception.TSR': z.object({ symbol: z.literal('TSR'), requiredGroup: z.string() }).strict(),
  'exception.CIV': z
    .object({
      symbol: z.literal('CIV'),
      reasonsOnly: z.array(z.string()),
      group: z.string(),
      exceptCountries: z.array(z.string()),
    })
    .strict(),
  'exception.NAC': z
    .object({ symbol: z.literal('NAC'), notification: z.boolean(), excludeDataCenter: z.array(z.string()) })
    .strict(),
  'exception.ENC': z
    .object({
      symbol: z.literal('ENC'),
      reasons: z.array(z.string()),
      /** Classifications (§740.17(b)(1)-(3)) under which ENC may be used at all. */
      eligible: z.array(z.enum(['b1', 'b2', 'b3'])).default([]),
      /** Classifications that may not go to "government end users" in the destination (China, Macau: not in Supp. 3 to Part 740). */
      notToGovernmentEndUsers: z.array(z.enum(['b1', 'b2', 'b3'])).default([]),
    })
    .strict(),
  'exception.GOV': z
    .object({
      symbol: z.literal('GOV'),
      /** §740.11(b)(2)(i): items for official use by U.S. Government agencies and personnel. */
      usGovernment: z.boolean().default(false),
      /** Cooperating governments: these Country Groups and countries. */
      cooperatingGroups: z.array(z.string()).default([]),
      cooperatingCountries: z.array(z.string()).default([]),
      /** Destinations where a cooperating government's agencies may receive items under GOV. */
      cooperatingDestinationGroups: z.array(z.string()).default([]),
      /** Requirements that bar every other license exception but leave GOV open. */
      overrides: z.array(z.string()).default([]),
    })
    .strict(),
  '744.21': z
    .object({ endUse: z.boolean(), endUser: z.boolean(), exceptions, reviewPolicy: z.string().nullable() })
    .strict(),
  '744.17': z
    .object({
      /** Country Groups the destination must be in (D:1). */
      groups: z.array(z.string()),
      endUse: z.boolean(),
      endUser: z.boolean(),
      /** ECCN paragraphs in scope by their definition (3A991.a.1). */
      inherent: z.array(z.string()),
      /** ECCNs (or paragraphs) in scope when the item is a §744.17 microprocessor, or software/technology for one. */
      microprocessorEccns: z.array(z.string()),
      /** Bars license exceptions other than `exceptions`. */
      noExceptions: z.boolean(),
      exceptions,
      /** The requirement does not reach items for official U.S. or cooperating-government use (pre-2014 text). */
      governmentExcluded: z.boolean(),
    })
    .strict(),
  '744-supp2': z
    .object({
      officialCount: z.number().int().optional(),
      entries: z.array(z.object({ eccn: z.string().regex(/^\d[A-E]\d{3}$/), confidence }).strict()),
    })
    .strict(),
  'meu-list': z.object({ appliesTo: z.literal('supp2'), exceptions, reviewPolicy: z.string() }).strict(),
  'entity-list': z.object({ exceptions }).strict(),
  uvl: z.object({ noExceptions: z.boolean(), statement: z.boolean(), eei: z.boolean() }).strict(),
  'affiliates-rule': z
    .object({ thresholdPercent: z.number().positive().max(100), lists: z.array(z.string()) })
    .strict(),
  '744.22': z.object({ exceptions, reviewPolicy: z.string() }).strict(),
  '744.23': z
    .object({
      countries: z.array(z.string()),
      groups: z.array(z.string()),
      supercomputerEccns: eccnList,
      exceptions,
    })
    .strict(),
  'prc-end-user-statement': z
    .object({
      documentName: z.string(),
      reasons: z.union([z.literal('any'), z.array(z.string())]),
      exceptEccns: eccnList,
      threshold: z.number().positive(),
      aggregation: z.enum(['per_entry', 'total']),
      computersAnyValue: z.boolean(),
      cameraThreshold: z.number().positive().nullable(),
      exemptions: z.array(
        z.enum([
          'us_government',
          'foreign_government_not_prc',
          'temporary_exhibit',
          'software_technology',
          'encryption',
        ]),
      ),
      replacementPartsSubstitute: z.number().positive().nullable(),
    })
    .strict(),
  'shipping-tolerance': z
    .object({
      /** Shipments under one license may exceed its total dollar value by up to this share (§750.11(b)). */
      valuePercent: z.number().min(0).max(100),
      /** Once the full quantity has shipped, no further shipment may be made under the license (§750.11(a)). */
      fullQuantityEnds: z.boolean(),
    })
    .strict(),
  'license-processing': z
    .object({
      /** null where the time limits in force are not in our sources (applications registered before 1996-02-04). */
      periods: z
        .object({
          actOrReferDays: z.number().int().positive(), // §750.4(a)(2), (c)
          recommendDays: z.number().int().positive(), // §750.4(d)(2)
          resolveDays: z.number().int().positive(), // §750.4(a)(1)
          ocDecisionDaysAfterRecommendations: z.number().int().positive(), // §750.4(f)(1)(i)
          escalationRequestDays: z.number().int().positive(), // §750.4(f)(1)(ii), (f)(2), (f)(3)
          acepDecisionDays: z.number().int().positive(), // §750.4(f)(2)
          earbDecisionDays: z.number().int().positive(), // §750.4(f)(3)
          itdResponseDays: z.number().int().positive(), // §750.6(b)
          itdFinalDays: z.number().int().positive(), // §750.6(b)
          appealDays: z.number().int().positive(), // §756.2(c)(1)
          validityYears: z.number().int().positive(), // §750.7(g)
          oneYearValidityEccns: eccnList, // §750.7(g)
        })
        .strict()
        .nullable(),
    })
    .strict(),
  'hong-kong-documents': z.object({ reasons: z.array(z.string()) }).strict(),
  veu: z.object({ excludedReasons: z.array(z.string()), destinations: z.array(z.string()) }).strict(),
  'review-policy.NS': z.object({ policy: z.string() }).strict(),
  'wmd-end-uses': z.object({ exceptions }).strict(),
  eei: z
    .object({ allCclItemsToChina: z.boolean(), valueThresholdPerScheduleB: z.number().positive() })
    .strict(),
} as const;

export type FamilyId = keyof typeof familyParams;
export type ParamsOf<F extends FamilyId> = z.infer<(typeof familyParams)[F]>;
export const familyIds = Object.keys(familyParams) as FamilyId[];
