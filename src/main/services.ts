/**
 * The composition root's services: the regulation files, the list snapshot and the clock.
 */
import { loadRules } from '../adapters/regulations/load-rules.js';
import type { Services } from '../app/services.js';
import type { Screener } from '../core/screening/types.js';

let screenerFactory: (() => Screener | undefined) | undefined;

/** The list snapshot adapter registers itself here (issue 3). */
export function setScreenerFactory(factory: () => Screener | undefined): void {
  screenerFactory = factory;
}

export const defaultServices: Services = {
  rules: () => loadRules(),
  screener: () => screenerFactory?.(),
  today: () => new Date().toISOString().slice(0, 10),
};
