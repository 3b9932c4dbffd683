/**
 * The engine's operations: determinations, what-if checks, the CCL and the rules in force, screening and the
 * loaded lists. Any signed-in user may call them; the CLI runs them without a database.
 */
import { z } from 'zod';
import { checkInput, checkResult, overlay } from '../../contracts/check.js';
import { HttError } from '../../core/errors.js';
import { isoDate } from '../../core/rules/schema.js';
import type { Screener } from '../../core/screening/types.js';
import { engineOp, type Operation } from '../operation.js';
import type { Services } from '../services.js';
import { anyJson } from './common.js';

const engine = (s: Services) => ({ rules: s.rules(), screener: s.screener(), today: s.today });
// use cases load when an operation runs, so that `htt --help` does not load the evaluator
const checks = () => import('../check.js');
const eccns = () => import('../eccn.js');
const ruleSets = () => import('../../core/rules/rule-set.js');

export const loadedScreener = (s: Services): Screener => {
  const sc = s.screener();
  if (!sc) throw new HttError({ code: 'LISTS.NOT_LOADED', message: 'no list snapshot is loaded' });
  return sc;
};

const screenQuery = z
  .object({
    name: z.string().min(1).max(500),
    country: z.string().length(2).optional(),
    threshold: z.coerce.number().min(0).max(1).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
    cleared: z.array(z.string()).max(500).optional(),
  })
  .strict();

export type { EccnReport } from '../eccn.js';

export const engineOperations: Operation[] = [
  engineOp({
    id: 'check.run',
    screensForOrg: true,
    concept: 'checks',
    summary: 'Determine license requirement, authorization and documents for one export',
    input: checkInput,
    output: checkResult,
    roles: 'signed-in',
    audit: null,
    http: { method: 'post', path: '/checks' },
    cli: { command: 'check', custom: true },
    run: async (s, input) => (await checks()).checkValidated(engine(s), input),
  }),
  engineOp({
    id: 'check.what_if',
    screensForOrg: true,
    concept: 'checks',
    summary: 'Run a check with a what-if overlay (extra VEU or list entries)',
    input: z.object({ input: checkInput, overlay }).strict(),
    output: checkResult,
    roles: 'signed-in',
    audit: null,
    http: { method: 'post', path: '/checks/what-if' },
    cli: { command: 'check', custom: true },
    run: async (s, b) => (await checks()).checkValidated(engine(s), b.input, b.overlay),
  }),
  engineOp({
    id: 'eccn.describe',
    concept: 'checks',
    summary: "Describe what the CCL says about an ECCN and China's columns on a date",
    input: z.object({ id: z.string().min(1).max(100), asOf: isoDate.optional() }).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/eccns/{id}' },
    cli: { command: 'eccn', custom: true },
    run: async (s, q) => (await eccns()).describeEccn(s.rules(), q.id, q.asOf ?? s.today()),
  }),
  engineOp({
    id: 'eccn.list',
    concept: 'checks',
    summary: 'List all ECCNs with headings (for autocomplete)',
    input: z.object({}).strict(),
    output: z.array(z.object({ eccn: z.string(), heading: z.string() })),
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/eccns' },
    cli: { command: 'eccns' },
    run: (s) => [...s.rules().ccl.values()].map((e) => ({ eccn: e.eccn, heading: e.heading })),
  }),
  engineOp({
    id: 'rules.in_force',
    concept: 'checks',
    summary: 'List the rule versions in force on a date',
    input: z.object({ asOf: isoDate.optional() }).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/rules' },
    cli: { command: 'rules', custom: true },
    run: async (s, q) => {
      const asOf = q.asOf ?? s.today();
      const rules = s.rules();
      const families = (await ruleSets()).rulesInForce(rules, asOf);
      return { asOf, ruleSet: `ear-${asOf}@${rules.hash}`, families };
    },
  }),
  engineOp({
    id: 'screen.one',
    screensForOrg: true,
    concept: 'screening',
    summary: 'Screen one name against the loaded lists',
    input: screenQuery,
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'post', path: '/screen' },
    cli: { command: 'screen', custom: true },
    run: (s, b) => ({
      query: b.name,
      hits: loadedScreener(s).screen(
        { name: b.name, ...(b.country ? { country: b.country } : {}) },
        {
          ...(b.threshold !== undefined ? { threshold: b.threshold } : {}),
          ...(b.limit !== undefined ? { limit: b.limit } : {}),
          ...(b.cleared ? { cleared: b.cleared } : {}),
        },
      ),
    }),
  }),
  engineOp({
    id: 'screen.batch',
    screensForOrg: true,
    concept: 'screening',
    summary: 'Screen up to 10,000 names, answers in input order',
    input: z
      .object({
        names: z.array(z.string().max(10_000)).min(1).max(10_000),
        country: z.string().length(2).optional(),
      })
      .strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'post', path: '/screen/batch' },
    cli: { command: 'screen', custom: true },
    run: (s, b) => {
      const sc = loadedScreener(s);
      return {
        lists: sc.snapshot,
        results: b.names.map((name) => {
          try {
            return { query: name, hits: sc.screen({ name, ...(b.country ? { country: b.country } : {}) }) };
          } catch (e) {
            if (e instanceof HttError)
              return { query: name, hits: [], error: e.problem.code, message: e.message };
            throw e;
          }
        }),
      };
    },
  }),
  engineOp({
    id: 'lists.describe',
    concept: 'screening',
    summary: 'Describe the loaded list snapshot',
    input: z.object({}).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/lists' },
    cli: { command: 'lists', custom: true },
    run: (s) => {
      const sc = s.screener();
      return sc ? { loaded: true, snapshot: sc.snapshot, snapshotDate: sc.snapshotDate } : { loaded: false };
    },
  }),
];
