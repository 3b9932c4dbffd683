/**
 * The composition root's services: the regulation files, the list snapshot and the clock.
 */
import { loadDefaultScreener } from '../adapters/lists/default-screener.js';
import { loadRules } from '../adapters/regulations/load-rules.js';
import type { Services } from '../app/services.js';
import { HttError } from '../core/errors.js';
import type { Screener } from '../core/screening/types.js';

/** The shipped (or last ingested) list snapshot; undefined when none is loaded. */
function screener(): Screener | undefined {
  try {
    return loadDefaultScreener();
  } catch (e) {
    if (e instanceof HttError && e.code === 'LISTS.NOT_LOADED') return undefined;
    throw e;
  }
}

export const defaultServices: Services = {
  rules: () => loadRules(),
  screener,
  today: () => new Date().toISOString().slice(0, 10),
};
