/**
 * The exporter's counterparty view in the browser (issue 13, item 6): a counterparty that hits a listed entry,
 * "confirm the match" on the hit, the decision in the organisation's list of screening decisions, and its
 * revocation; axe-core finds no serious or critical violation on the view.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../web/scripts/ensure-built.mjs';
import {
  axe,
  chromiumAvailable,
  CHROMIUM,
  launchBrowser,
  signIn,
  startServer,
  text,
  type RunningServer,
} from './support/harness.js';

const T = (key: string, values?: Record<string, string | number>) => text('en', key, values);
const run = chromiumAvailable() || process.env.CI ? describe : describe.skip;
if (!chromiumAvailable() && !process.env.CI)
  console.warn(`screening decisions in the browser skipped: ${CHROMIUM} is missing`);

run('screening decisions on the exporter desk', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureBuilt({ quiet: true });
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, server.url, 'en', 'exporter@demo.htt');
  }, 240_000);
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }, 60_000);

  it('confirms a counterparty hit, lists the decision and revokes it', async () => {
    const p = page;
    await p.getByRole('tab', { name: T('tab.parties') }).click();
    await p.getByRole('heading', { name: T('cp.title') }).waitFor();
    await p.getByLabel(T('cp.name')).fill('Hytera Communications Corporation Limited');
    await p.getByRole('button', { name: T('cp.add') }).click();
    const row = p.getByRole('table', { name: T('cp.caption') }).locator('tr', { hasText: 'Hytera' });
    await row.waitFor();
    await row.getByRole('button', { name: T('common.openAct') }).click();
    await p.getByRole('radio', { name: T('action.confirm') }).check();
    await p.getByLabel(T('field.entryId')).selectOption({ index: 1 });
    await p.getByLabel(T('field.reason')).fill('Same registration number as the listed entry.');
    await p.getByRole('button', { name: T('decision.submit', { action: T('action.confirm') }) }).click();

    const decisions = p.getByTestId('screening-decisions');
    await decisions.waitFor({ timeout: 15_000 });
    const first = decisions.locator('tbody tr').first();
    expect(await first.textContent()).toContain(T('decisions.kind.confirm'));
    expect(await first.textContent()).toContain('Same registration number as the listed entry.');
    expect(await first.locator('.badge').textContent()).toBe(T('state.active'));
    const serious = await axe(p, 'en/exporter-screening-decisions');
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);

    await first
      .getByLabel(T('decisions.revokeReason', { name: 'Hytera Communications Corporation Limited' }))
      .fill('Entered on the wrong counterparty.');
    await first.getByRole('button', { name: T('decisions.revoke') }).click();
    await expect.poll(() => first.locator('.badge').textContent()).toBe(T('state.revoked'));
  }, 120_000);
});
