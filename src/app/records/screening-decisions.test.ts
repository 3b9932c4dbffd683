import { describe, expect, it } from 'vitest';
import type { Screener } from '../../core/screening/types.js';
import type { CaseServices, Actor } from './context.js';
import { rememberDecisions, servicesForOrg } from './screening-decisions.js';

/** Case services whose store counts the decision queries and answers with `rows` (none: no decisions). */
function fakeServices() {
  const state = { queries: 0, gate: undefined as Promise<void> | undefined };
  const screener: Screener = { snapshot: 'test#1', snapshotDate: '2026-11-01', screen: () => [] };
  const s = {
    store: {
      list: async () => {
        state.queries++;
        await state.gate;
        return [];
      },
    },
    checks: { rules: () => undefined, screener: () => screener, today: () => '2026-11-28' },
  } as unknown as CaseServices;
  return { s, state, screener };
}
const actor = { userId: 'u-1', orgId: 'org-1', role: 'exporter' } as unknown as Actor;

describe('servicesForOrg with remembered decisions', () => {
  it('asks the store on every call unless the process remembers', async () => {
    const { s, state, screener } = fakeServices();
    await servicesForOrg(s, actor);
    const services = await servicesForOrg(s, actor);
    expect(state.queries).toBe(2);
    expect(services.screener()).toBe(screener); // no decisions: the loaded screener itself
  });

  it('remembers an organisation for the time given, and forgets at once when told', async () => {
    const { s, state } = fakeServices();
    const forget = rememberDecisions(s, 60_000);
    await servicesForOrg(s, actor);
    await servicesForOrg(s, actor);
    expect(state.queries).toBe(1);
    await servicesForOrg(s, { ...actor, orgId: 'org-2' });
    expect(state.queries).toBe(2);
    forget();
    await servicesForOrg(s, actor);
    expect(state.queries).toBe(3);
  });

  it('does not keep what a read begun before a forget() found', async () => {
    const { s, state } = fakeServices();
    const forget = rememberDecisions(s, 60_000);
    let open!: () => void;
    state.gate = new Promise((ok) => (open = ok));
    const reading = servicesForOrg(s, actor);
    forget(); // a write committed while the read was under way
    open();
    await reading;
    state.gate = undefined;
    await servicesForOrg(s, actor);
    expect(state.queries).toBe(2);
  });

  it('remembers nothing with a time of 0', async () => {
    const { s, state } = fakeServices();
    rememberDecisions(s, 0);
    await servicesForOrg(s, actor);
    await servicesForOrg(s, actor);
    expect(state.queries).toBe(2);
  });
});
