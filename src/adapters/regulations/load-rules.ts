/**
 * Reads the regulation files from disk (regulations/ by default, HTT_REGULATIONS_DIR to override) and builds
 * the checked RuleSet. Cached per process and directory.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { HttError } from '../../core/errors.js';
import { buildRuleSet, type RuleSources } from '../../core/rules/rule-set.js';
import type { RuleSet } from '../../core/rules/schema.js';

export const defaultRegulationsDir = (): string =>
  process.env.HTT_REGULATIONS_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '../../../regulations');

function readData(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new HttError({
      code: 'RULES.INVALID',
      message: `cannot read regulation file ${path}: ${(e as Error).message}`,
    });
  }
  try {
    return path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new HttError({
      code: 'RULES.INVALID',
      message: `regulation file ${path} does not parse: ${(e as Error).message}`,
    });
  }
}

/** YAML files in regulations/ear that hold data other than rule families. */
const DATA_FILES = ['748-veu-entries.yaml', '774-ccl-history.yaml'];

export function readRuleSources(dir: string): RuleSources {
  const ear = join(dir, 'ear');
  const ruleFiles = readdirSync(ear)
    .filter((f) => f.endsWith('.yaml') && !DATA_FILES.includes(f))
    .sort()
    .map((name) => ({ name, content: readData(join(ear, name)) }));
  return {
    notices: readData(join(dir, 'notices.yaml')),
    ruleFiles,
    ccl: readData(join(ear, '774-ccl.generated.json')),
    countryChart: readData(join(ear, '738-country-chart.generated.json')),
    countryGroups: readData(join(ear, '740-country-groups.generated.json')),
    veu: readData(join(ear, '748-veu-entries.yaml')),
    cclHistory: readData(join(ear, '774-ccl-history.yaml')),
    prcHolidays: readData(join(dir, 'prc', 'holidays.yaml')),
  };
}

const cache = new Map<string, RuleSet>();

export function loadRules(dir: string = defaultRegulationsDir()): RuleSet {
  let rules = cache.get(dir);
  if (!rules) {
    rules = buildRuleSet(readRuleSources(dir));
    cache.set(dir, rules);
  }
  return rules;
}
