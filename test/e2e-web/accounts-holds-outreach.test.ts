/**
 * Accounts, administration, legal holds and outreach in the browser (issue 15), in English and in Chinese,
 * with axe-core on each screen: the exporter's administrator invites a user, who accepts the invitation from
 * its link, is signed in, is refused a weak password, changes it and signs in with it; that user places a
 * legal hold and the administrator releases it (never the one who placed it); the HTWG plans an event, the
 * exporter registers for it and asks a question, and the HTWG answers it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
  type Lang,
  type RunningServer,
} from './support/harness.js';

const run = chromiumAvailable() || process.env.CI ? describe : describe.skip;
if (!chromiumAvailable() && !process.env.CI)
  console.warn(`accounts, holds and outreach in the browser skipped: ${CHROMIUM} is missing`);

const STRONG = 'Violet-Harbour-Tangent-8142';
const STRONGER = 'Quiet-Lantern-Orbit-5937-Mesa';

run('accounts, administration, legal holds and outreach in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    await ensureBuilt({ quiet: true });
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }, 60_000);

  async function fresh(lang: Lang): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: lang === 'zh' ? 'zh-CN' : 'en-US',
    });
    contexts.push(context);
    const p = await context.newPage();
    p.on('pageerror', (e) => errors.push(e.message));
    return p;
  }
  async function as(lang: Lang, email: string): Promise<Page> {
    const p = await fresh(lang);
    await signIn(p, server.url, lang, email);
    return p;
  }
  async function accessible(p: Page, name: string) {
    const serious = await axe(p, name);
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
  }

  for (const lang of ['en', 'zh'] as const) {
    const T = (key: string, values?: Record<string, string | number>) => text(lang, key, values);
    const email = `new-officer-${lang}@demo.htt`;
    const name = lang === 'en' ? 'Riley Chen' : '陈思远';

    /** Choose a decision form's action, fill its labelled fields, and record it. */
    async function decide(p: Page, action: string, fields: Record<string, string> = {}) {
      await p.getByRole('radio', { name: T(`action.${action}`) }).check();
      for (const [field, value] of Object.entries(fields))
        await p.getByRole('textbox', { name: T(`field.${field}`) }).fill(value);
      await p.getByRole('button', { name: T('decision.submit', { action: T(`action.${action}`) }) }).click();
    }

    it(`${lang}: an administrator invites a user, who accepts in the browser, changes the password and signs in with it`, async () => {
      const admin = await as(lang, 'exporter-admin@demo.htt');
      await admin.getByRole('tab', { name: T('tab.admin') }).click();
      const users = admin.getByTestId('users');
      await users.locator('tr', { hasText: 'exporter@demo.htt' }).waitFor();
      await accessible(admin, `${lang}/admin`);

      // the form says what is missing, at the field
      const invite = admin.getByTestId('invite');
      await invite.getByRole('button', { name: T('admin.sendInvite') }).click();
      await invite.getByText(T('admin.err.name')).waitFor();
      await invite.getByLabel(T('admin.name')).fill(name);
      await invite.getByLabel(T('admin.email')).fill(email);
      await invite.getByLabel(T('admin.role')).selectOption('compliance_officer');
      await invite.getByRole('button', { name: T('admin.sendInvite') }).click();
      const linkBox = admin.getByTestId('invitation-link');
      await linkBox.waitFor();
      const link = await linkBox.getByLabel(T('admin.link')).inputValue();
      expect(link).toMatch(/\/accept-invitation#token=/);
      await users.locator('tr', { hasText: email }).getByText(T('state.invited')).waitFor();
      await accessible(admin, `${lang}/admin-invited`);

      // the invitee opens the link in another browser: set a password (typed twice), signed in at once
      const p = await fresh(lang);
      await p.goto(link.replace('/accept-invitation', `/accept-invitation?lang=${lang}`));
      await p.getByRole('heading', { level: 1, name: T('invite.title') }).waitFor();
      await accessible(p, `${lang}/accept-invitation`);
      await p.getByLabel(T('account.next'), { exact: true }).fill(STRONG);
      await p.getByLabel(T('account.again')).fill(`${STRONG}x`);
      await p.getByRole('button', { name: T('invite.submit') }).click();
      await p.getByText(T('account.err.mismatch')).waitFor();
      await p.getByLabel(T('account.again')).fill(STRONG);
      await p.getByRole('button', { name: T('invite.submit') }).click();
      await expect.poll(() => p.getByTestId('who').textContent(), { timeout: 15_000 }).toContain(name);
      expect(new URL(p.url()).hash).toBe(''); // the token left the address bar
      await p.getByRole('heading', { level: 1, name: T('desk.exporter') }).waitFor();

      // the account: a weak password is refused with the server's reason as a sentence; a strong one is taken
      await p.getByRole('tab', { name: T('tab.account') }).click();
      const account = p.getByTestId('account');
      await account.getByLabel(T('account.current')).fill(STRONG);
      await account.getByLabel(T('account.next'), { exact: true }).fill('password1234');
      await account.getByLabel(T('account.again')).fill('password1234');
      await account.getByRole('button', { name: T('account.change') }).click();
      const refusal = account.getByRole('alert');
      await expect.poll(() => refusal.textContent()).toContain(T('errorCode.INPUT_INVALID'));
      expect(await refusal.locator('[lang=en]').count()).toBeGreaterThan(0);
      await accessible(p, `${lang}/account-refused`);
      await account.getByLabel(T('account.next'), { exact: true }).fill(STRONGER);
      await account.getByLabel(T('account.again')).fill(STRONGER);
      await account.getByRole('button', { name: T('account.change') }).click();
      await account.getByText(T('account.changed')).waitFor();

      // sign out, and in again with the new password
      await p.getByRole('button', { name: T('app.signOut'), exact: true }).click();
      await p.getByLabel(T('signin.email')).fill(email);
      await p.getByLabel(T('signin.password')).fill(STRONGER);
      await p.getByRole('button', { name: T('signin.submit') }).click();
      await expect.poll(() => p.getByTestId('who').textContent()).toContain(name);

      // sign out everywhere: another session of the user (another device) ends too, and the desk shows the
      // sign-in page
      const other = await fetch(`${server.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: STRONGER }),
      });
      const otherToken = ((await other.json()) as { token: string }).token;
      const me = async () =>
        (await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${otherToken}` } }))
          .status;
      expect(await me()).toBe(200);
      await p.getByRole('tab', { name: T('tab.account') }).click();
      await p.getByRole('heading', { name: T('account.everywhere') }).waitFor();
      await accessible(p, `${lang}/account-everywhere`);
      await p.getByRole('button', { name: T('account.everywhereButton') }).click();
      await p.getByLabel(T('signin.email')).waitFor();
      expect(await p.getByTestId('who').count()).toBe(0);
      expect(await me()).toBe(401);
    }, 180_000);

    it(`${lang}: a legal hold is placed by the officer and released by the administrator`, async () => {
      const officer = await as(lang, 'exporter@demo.htt');
      await officer.getByRole('tab', { name: T('tab.legalHolds') }).click();
      const form = officer.getByTestId('new-legal-hold');
      await form.locator('summary').click();
      await form.getByRole('button', { name: T('legalHold.place') }).click();
      expect(await form.getByText(T('legalHold.err.required')).count()).toBeGreaterThan(0);
      await form.getByRole('radio', { name: T('legalHold.targets.org') }).check();
      expect(await form.getByLabel(T('legalHold.orgId')).inputValue()).toBe('org-exporter');
      await form.getByLabel(T('legalHold.basis')).selectOption('investigation');
      const authority = `Internal audit ${lang}`;
      await form.getByLabel(T('legalHold.authority')).fill(authority);
      await form
        .getByLabel(T('legalHold.reason'), { exact: true })
        .fill('Records needed for an internal review.');
      await form.getByRole('button', { name: T('legalHold.place') }).click();
      const row = officer.getByTestId('legal-hold-list').locator('tr', { hasText: authority });
      await expect.poll(() => row.locator('.badge').textContent(), { timeout: 15_000 }).toBe(T('state.open'));
      await accessible(officer, `${lang}/legal-holds`);

      const admin = await as(lang, 'exporter-admin@demo.htt');
      await admin.getByRole('tab', { name: T('tab.legalHolds') }).click();
      const adminRow = admin.getByTestId('legal-hold-list').locator('tr', { hasText: authority });
      await adminRow.getByRole('button', { name: T('common.openAct') }).click();
      await decide(admin, 'release', { authorization: `AUTH-${lang}-1`, reason: 'The review is closed.' });
      await expect
        .poll(() => adminRow.locator('.badge').textContent(), { timeout: 15_000 })
        .toBe(T('state.released'));
      await accessible(admin, `${lang}/legal-hold-released`);
    }, 120_000);

    it(`${lang}: the exporter registers for an HTWG event and asks a question; the HTWG answers it`, async () => {
      const title = lang === 'en' ? 'Dialogue on semiconductor equipment' : '半导体设备对话会';
      const htwg = await as(lang, 'htwg@demo.htt');
      await htwg.getByRole('tab', { name: T('tab.outreach') }).click();
      const newEvent = htwg.getByTestId('new-event');
      await newEvent.locator('summary').click();
      await newEvent.getByLabel(T('outreach.title')).fill(title);
      const date = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
      await newEvent.getByLabel(T('outreach.date')).fill(date);
      await newEvent.getByRole('button', { name: T('outreach.create') }).click();
      await htwg
        .getByTestId('outreach-events')
        .locator('tr', { hasText: title })
        .waitFor({ timeout: 15_000 });

      const p = await as(lang, 'exporter@demo.htt');
      await p.getByRole('tab', { name: T('tab.outreach') }).click();
      const event = p.getByTestId('outreach-events').locator('tr', { hasText: title });
      await event.getByRole('button', { name: T('common.openAct') }).click();
      // a participant may register but not organise
      expect(await p.getByRole('radio', { name: T('action.held') }).count()).toBe(0);
      await decide(p, 'registrations');
      await expect.poll(() => event.locator('td').nth(3).textContent(), { timeout: 15_000 }).toBe('1');
      await p.getByTestId('registrations').getByText('Dana Whitfield').waitFor();
      const ask = p.getByTestId('ask-question');
      await ask.locator('summary').click();
      await ask.getByRole('button', { name: T('outreach.send') }).click();
      await ask.getByText(T('outreach.err.question')).waitFor();
      const question = `Does the seminar cover EAR99 spare parts? (${lang})`;
      await ask.getByLabel(T('outreach.question')).fill(question);
      await ask.getByLabel(T('outreach.aboutEvent')).selectOption({ label: `${title} (${date})` });
      await ask.getByRole('button', { name: T('outreach.send') }).click();
      const asked = p.getByTestId('outreach-questions').locator('tr', { hasText: question });
      await expect
        .poll(() => asked.locator('.badge').textContent(), { timeout: 15_000 })
        .toBe(T('state.open'));
      await accessible(p, `${lang}/exporter-outreach`);

      await htwg.reload();
      const q = htwg.getByTestId('outreach-questions').locator('tr', { hasText: question });
      await q.getByRole('button', { name: T('common.openAct') }).click();
      await decide(htwg, 'answer', { text: 'Yes: the second session covers EAR99 parts.' });
      await expect
        .poll(() => q.locator('.badge').textContent(), { timeout: 15_000 })
        .toBe(T('state.answered'));
      await accessible(htwg, `${lang}/htwg-outreach-answered`);
    }, 120_000);
  }

  it('no script errors in the pages', () => {
    expect(errors).toEqual([]);
  });
});
