/**
 * The web desk's main paths, signed in as each role, in one language: the exporter checks a shipment and
 * screens a customer file, MOFCOM issues the End-User Statement, BIS registers, refers and approves the
 * license application, the End-User Review Committee votes and approves the VEU application and BIS records
 * its publication, the HTWG sees its charts, the auditor verifies the audit log and opens a case file. Every
 * screen is checked with axe-core (no serious or critical violations) and photographed into docs/screenshots/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../../web/scripts/ensure-built.mjs';
import {
  axe,
  axeReports,
  chromiumAvailable,
  CHROMIUM,
  launchBrowser,
  SCREENSHOTS,
  shot,
  signIn,
  startServer,
  text,
  type Lang,
  type RunningServer,
} from './harness.js';

export function deskSuite(lang: Lang): void {
  const T = (key: string, values?: Record<string, string | number>) => text(lang, key, values);
  const inCi = !!process.env.CI;
  const run = chromiumAvailable() || inCi ? describe : describe.skip;
  if (!chromiumAvailable() && !inCi)
    console.warn(`web desk e2e (${lang}) skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

  run(`web desk end to end (${lang})`, () => {
    let server: RunningServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    const errors: string[] = [];

    beforeAll(async () => {
      await ensureBuilt({ quiet: true });
      [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    }, 240_000);

    afterAll(async () => {
      await context?.close().catch(() => undefined);
      await browser?.close().catch(() => undefined);
      await server?.stop();
      writeFileSync(join(SCREENSHOTS, `axe-${lang}.json`), `${JSON.stringify(axeReports, null, 2)}\n`);
    }, 60_000);

    /** A fresh browser context (no session) for each role, with console errors collected. */
    /** Open the first row of a case list; the reader of that row's state badge. */
    async function openFirst(list: Locator) {
      await list
        .getByRole('button', { name: T('common.openAct') })
        .first()
        .click();
      return () => list.locator('tbody tr').first().locator('.badge').textContent();
    }

    /** Choose a decision form's action, fill its labelled fields, and record it. */
    async function decide(p: Page, action: string, fields: Record<string, string> = {}) {
      await p.getByRole('radio', { name: T(`action.${action}`) }).check();
      for (const [field, value] of Object.entries(fields))
        await p.getByLabel(T(`field.${field}`)).fill(value);
      await p.getByRole('button', { name: T('decision.submit', { action: T(`action.${action}`) }) }).click();
    }

    async function as(email: string): Promise<Page> {
      await context?.close().catch(() => undefined);
      context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: lang === 'zh' ? 'zh-CN' : 'en-US',
        acceptDownloads: true,
      });
      page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      // anything the Content-Security-Policy blocks is an error of the desk
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) errors.push(m.text());
      });
      await signIn(page, server.url, lang, email);
      return page;
    }

    async function accessible(p: Page, name: string) {
      const serious = await axe(p, `${lang}/${name}`);
      expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
    }

    it('signs in, refuses a wrong password, and switches language', async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      await page.goto(`${server.url}/?lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang === 'zh' ? 'zh-CN' : 'en');
      await page.getByRole('heading', { level: 1, name: T('signin.title') }).waitFor();
      await accessible(page, 'sign-in');
      await shot(page, lang, '01-sign-in');
      await page.getByLabel(T('signin.email')).fill('exporter@demo.htt');
      await page.getByLabel(T('signin.password')).fill('not-the-password');
      await page.getByRole('button', { name: T('signin.submit') }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('AUTH.FAILED');
      // the switch turns every string to the other language and back
      const other: Lang = lang === 'en' ? 'zh' : 'en';
      await page.getByLabel(T('app.language')).selectOption(other);
      await page.getByRole('heading', { level: 1, name: text(other, 'signin.title') }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(other === 'zh' ? 'zh-CN' : 'en');
      await page.getByLabel(text(other, 'app.language')).selectOption(lang);
      await page.getByRole('heading', { level: 1, name: T('signin.title') }).waitFor();
    });

    it('exporter: checks a shipment and reads the verdict, citations, documents and highlighted hits', async () => {
      const p = await as('exporter@demo.htt');
      await p.getByRole('heading', { level: 1, name: T('desk.exporter') }).waitFor();
      // the ECCN field autocompletes from the CCL
      await expect
        .poll(() => p.locator('#eccn-list option').count(), { timeout: 15_000 })
        .toBeGreaterThan(500);
      // the form starts empty, every end-use question unanswered; the example is a choice
      const item1 = p.getByRole('group', { name: `${T('check.item')} 1` });
      expect(await item1.getByLabel(T('check.eccn')).inputValue()).toBe('');
      expect(await p.getByLabel(T('endUse.military')).inputValue()).toBe('unknown');
      await p.getByRole('button', { name: T('check.loadDemo') }).click();
      expect(await item1.getByLabel(T('check.eccn')).inputValue()).toBe('3B001.e');
      // a second party, written in Chinese, that is on the Entity List
      await p.getByRole('button', { name: T('check.addParty') }).click();
      const party2 = p.getByRole('group', { name: `${T('check.party')} 2` });
      await party2.getByLabel(T('check.role')).selectOption('purchaser');
      await party2.getByLabel(T('check.partyName')).fill('哈尔滨工业大学');
      await p.getByRole('button', { name: T('check.run') }).click();
      const verdict = p.getByTestId('authorization');
      await expect.poll(() => verdict.textContent(), { timeout: 30_000 }).toContain(T('auth.LICENSE'));
      const reasons = p.locator('table.reasons');
      expect(await reasons.textContent()).toContain('15 CFR 742.4');
      expect(await reasons.textContent()).toContain('ENTITY_LIST');
      expect(await p.locator('ul.documents').textContent()).toContain(T('doc.PRC_END_USER_STATEMENT'));
      // the matched words are marked in the listed name and in the query
      const marks = await p.locator('.hits mark').allTextContents();
      expect(
        marks.some((m) => m.includes('哈尔滨')),
        JSON.stringify(marks),
      ).toBe(true);
      expect(marks.map((m) => m.toLowerCase())).toContain('harbin');
      // the listed party is shown loudly: its list, the entry and the citations of the reasons it gave
      const listed = p.getByTestId('listed-alert');
      expect(await listed.textContent()).toContain('哈尔滨工业大学');
      expect(await listed.textContent()).toContain(T('list.ENTITY_LIST'));
      expect(await listed.textContent()).toMatch(/744/);
      await accessible(p, 'exporter-check');
      await shot(p, lang, '02-exporter-check');

      // what-if: an Entity List entry for the end user, for this check only
      await p.getByText(T('check.veuAndWhatIf')).click();
      await p.getByRole('button', { name: T('check.templateList') }).click();
      await p.getByRole('button', { name: T('check.run') }).click();
      await expect.poll(() => verdict.textContent(), { timeout: 30_000 }).toContain(T('verdict.overlayUsed'));
      await accessible(p, 'exporter-what-if');
    });

    it('exporter: searches a party and batch-screens a customer file with progress and a CSV', async () => {
      const p = await as('exporter@demo.htt');
      await p.getByRole('tab', { name: T('tab.screening') }).click();
      await p.getByLabel(T('screen.name')).first().fill('Huawei Technologies');
      await p.getByRole('button', { name: T('screen.search'), exact: true }).click();
      await expect.poll(() => p.locator('.hits mark').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      const names = [
        'Huawei Technologies Co., Ltd.',
        'Acme Garden Supplies',
        '哈尔滨工业大学',
        'Semiconductor Manufacturing International Corporation',
        'Beijing Example Bakery',
        'Northwestern Polytechnical University',
      ];
      await p.getByLabel(T('batch.file'), { exact: true }).setInputFiles({
        name: 'customers.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from(`${names.join('\n')}\n`),
      });
      await p.getByRole('button', { name: T('batch.run', { count: names.length }) }).click();
      const summary = p.getByTestId('batch-summary');
      await summary.waitFor({ timeout: 30_000 });
      expect(await p.locator('#batch-progress').getAttribute('value')).toBe(String(names.length));
      expect(await summary.textContent()).toContain(String(names.length));
      const [download] = await Promise.all([
        p.waitForEvent('download'),
        p.getByRole('link', { name: T('batch.download') }).click(),
      ]);
      const csv = await new Promise<string>((ok, fail) => {
        void download.createReadStream().then((s) => {
          let body = '';
          s.on('data', (d: Buffer) => (body += d.toString()));
          s.on('end', () => ok(body));
          s.on('error', fail);
        }, fail);
      });
      const lines = csv.trim().split(/\r?\n/);
      expect(lines).toHaveLength(names.length + 1);
      expect(lines[0]).toMatch(/^line,name,hits,best_list/);
      expect(lines[3]).toContain('ENTITY_LIST');
      await accessible(p, 'exporter-screening');
      await shot(p, lang, '03-exporter-screening');
    });

    it('exporter: counterparties, holds, and the cases with their clocks', async () => {
      const p = await as('exporter@demo.htt');
      await p.getByRole('tab', { name: T('tab.parties') }).click();
      await p.getByRole('heading', { name: T('cp.title') }).waitFor();
      await p.getByRole('table', { name: T('cp.caption') }).waitFor();
      await accessible(p, 'exporter-parties');
      await p.getByRole('tab', { name: T('tab.cases') }).click();
      await p.getByTestId('eus-list').waitFor();
      await p.getByTestId('license-list').waitFor();
      await p.getByTestId('veu-list').waitFor();
      expect(await p.getByTestId('eus-list').textContent()).toContain(
        T('clock.daysOf', { elapsed: 9, target: 20 }),
      );
      await accessible(p, 'exporter-cases');
      await shot(p, lang, '04-exporter-cases');
    });

    it('MOFCOM: issues the submitted End-User Statement request, with the reasons recorded', async () => {
      const p = await as('mofcom@demo.htt');
      await p.getByRole('heading', { level: 1, name: T('desk.mofcom') }).waitFor();
      const list = p.getByTestId('eus-list');
      await list
        .getByRole('button', { name: T('common.openAct') })
        .first()
        .click();
      await p.getByRole('radio', { name: T('action.issue') }).check();
      await p.getByLabel(T('field.statementNumber')).fill('MOFCOM-EUS-2026-0042');
      await p.getByLabel(T('field.sealReference')).fill('SEAL-7781');
      await p.getByLabel(T('field.text')).fill('End user and end use verified against the contract.');
      // the demonstration requests were submitted days ago (htt demo seed), so the clocks and charts show days;
      // a decision is dated today by the server clock
      await accessible(p, 'mofcom-queue');
      await shot(p, lang, '05-mofcom-queue');
      await p.getByRole('button', { name: T('decision.submit', { action: T('action.issue') }) }).click();
      await expect.poll(() => list.locator('.badge').first().textContent()).toBe(T('state.issued'));
      expect(await p.getByTestId('last-action').textContent()).toContain(T('action.issue'));
    });

    it('BIS: refers the license application it registered to Defense', async () => {
      const p = await as('bis@demo.htt');
      await p.getByRole('heading', { level: 1, name: T('desk.bis') }).waitFor();
      // the inbox shows what awaits BIS, with its due date as a date (the demo application was registered
      // 21 days ago: the 9 days to act are past)
      const inbox = p.getByTestId('inbox');
      await inbox.locator('tbody tr').first().waitFor();
      expect(await inbox.locator('time').first().getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await inbox.textContent()).toContain(T('inbox.overdue'));
      const badge = await openFirst(p.getByTestId('license-list'));
      expect(await badge()).toBe(T('state.registered'));
      await p.getByRole('radio', { name: T('action.refer') }).check();
      await p.getByRole('checkbox', { name: 'DoD' }).check();
      await p.getByLabel(T('field.text')).fill('Refer to Defense: the end user operates production tools.');
      await accessible(p, 'bis-queue');
      await shot(p, lang, '06-bis-queue');
      await p.getByRole('button', { name: T('decision.submit', { action: T('action.refer') }) }).click();
      await expect.poll(badge).toBe(T('state.referred'));
      // §750.4(d)-(e): BIS decides once the agencies have recommended (or their 30 days are over)
      await decide(p, 'approve', { licenseNumber: 'D1234567' });
      await p.getByText('not recommended yet').waitFor();
      expect(await badge()).toBe(T('state.referred'));
    });

    it('reviewing agency: recommends on the application referred to it', async () => {
      const a = await as('dod@demo.htt');
      await openFirst(a.getByTestId('license-list'));
      await accessible(a, 'agency-queue');
      await shot(a, lang, '07-agency-queue');
      await a.getByRole('combobox', { name: T('field.recommendation') }).selectOption('approve');
      await a.getByLabel(T('field.text')).fill('No objection: civil maintenance use.');
      await a.getByRole('button', { name: T('decision.submit', { action: T('action.recommend') }) }).click();
      // once recorded, DoD has nothing more to decide on it: the recommendation form goes away
      await a.getByRole('combobox', { name: T('field.recommendation') }).waitFor({ state: 'detached' });
    });

    it('BIS: approves once the agency has recommended, and the license is issued', async () => {
      const p = await as('bis@demo.htt');
      const badge = await openFirst(p.getByTestId('license-list'));
      expect(await badge()).toBe(T('state.referred'));
      await decide(p, 'approve', {
        licenseNumber: 'D1234567',
        conditions: 'No reexport without BIS authorization.',
        text: 'Civil end use; items for maintenance only.',
      });
      await expect.poll(badge).toBe(T('state.approved'));
      await p.getByRole('heading', { name: T('license.deadlines') }).waitFor();
      // the license it issued: BIS suspends it (§750.8(a)) and lifts the suspension
      await p.getByRole('tab', { name: T('tab.issued') }).click();
      const state = await openFirst(p.getByTestId('issued-license-list'));
      expect(await state()).toBe(T('state.valid'));
      await decide(p, 'suspend', { text: 'Pre-license check abroad pending.' });
      await expect.poll(state).toBe(T('state.suspended'));
      await decide(p, 'reinstate', { text: 'The check was favourable.' });
      await expect.poll(state).toBe(T('state.valid'));
    });

    it('importer: the desk opens', async () => {
      const i = await as('importer@demo.htt');
      await i.getByTestId('eus-list').waitFor();
      expect(await i.getByTestId('eus-list').textContent()).toContain(T('state.issued'));
      await accessible(i, 'importer-desk');
      await shot(i, lang, '08-importer-desk');
    });

    // ---------------------------------------------------------------- one whole trade, in the browser alone
    const trade = {
      tx: '',
      reference: '',
      eus: '',
      statement: `MOFCOM-EUS-2026-W${lang.toUpperCase()}`,
      app: '',
    };
    const license = `W${lang === 'en' ? '7654321' : '7654322'}`;
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    /** A form control by its label (the label alone, or followed by the "required" mark). */
    const field = (scope: Page | Locator, key: string) =>
      scope.getByLabel(new RegExp(`^${esc(T(key))}(\\s*[*(（]|$)`));
    /** The row of a list holding `text`, opened; the reader of its state badge. */
    async function openRow(list: Locator, text: string) {
      expect(text, 'an earlier step of the trade failed').not.toBe('');
      const row = list.locator('tbody tr', { hasText: text }).first();
      await row.waitFor({ timeout: 20_000 });
      await row.getByRole('button', { name: T('common.openAct') }).click();
      return () => row.locator('.badge').first().textContent();
    }
    const idIn = async (status: Locator, prefix: string) => {
      await expect
        .poll(() => status.textContent(), { timeout: 20_000 })
        .toMatch(new RegExp(`${prefix}-\\w+`));
      return new RegExp(`${prefix}-\\w+`).exec((await status.textContent()) ?? '')![0];
    };

    it('trade 1/8 exporter: checks the shipment and saves it once, however often "save" is clicked', async () => {
      const p = await as('exporter@demo.htt');
      await p.getByRole('button', { name: T('check.loadDemo') }).click();
      await p.getByRole('button', { name: T('check.run') }).click();
      await expect
        .poll(() => p.getByTestId('authorization').textContent(), { timeout: 30_000 })
        .toContain(T('auth.LICENSE'));
      const save = p.getByRole('button', { name: T('check.saveTransaction') });
      await save.dblclick();
      const saved = p.getByRole('status').filter({ hasText: /tx-\w+/ });
      trade.tx = await idIn(saved, 'tx');
      await p.getByRole('tab', { name: T('tab.parties') }).click();
      const list = p.getByRole('table', { name: T('tx.caption') });
      await list.locator('tbody tr').first().waitFor();
      const row = list.locator('tbody tr', { hasText: /WEB-/ });
      await expect.poll(() => row.count()).toBe(1);
      trade.reference = /WEB-\d{8}-[0-9A-Z-]{8}/.exec((await row.first().textContent()) ?? '')![0];
    });

    it('trade 2/8 importer: prepares an End-User Statement request (fields checked in place) and submits it', async () => {
      const i = await as('importer@demo.htt');
      await i.getByText(T('eus.new'), { exact: true }).click();
      const form = i.getByRole('form', { name: T('eus.new') });
      // an empty form says what is missing, next to each field
      await form.getByRole('button', { name: T('eus.create') }).click();
      await form.getByText(T('form.err.partyName')).first().waitFor();
      await form.getByText(T('form.err.exporter')).waitFor();
      await field(form, 'eus.exporter').selectOption('org-exporter');
      // the message clears once the field changes
      await form.getByText(T('form.err.exporter')).waitFor({ state: 'detached' });
      await field(form, 'eus.importer').fill('Shanghai Hengtong Trading Co., Ltd.');
      await field(form, 'eus.endUser').fill('Example Semiconductor (Shanghai) Co., Ltd.');
      await field(form, 'eus.endUse').fill('civil IC production at Facility A (mature nodes)');
      await field(form, 'check.eccn').fill('3B001.e');
      await field(form, 'check.description').fill('automatic wafer handling system');
      await field(form, 'check.quantity').fill('1');
      await field(form, 'check.value').fill('2000000');
      await field(form, 'eus.signatory').fill('Zhang Wei');
      await field(form, 'eus.signedOn').fill(new Date().toISOString().slice(0, 10));
      await field(form, 'eus.translationText').fill(
        'The importer certifies the wafer handling system is for civil IC production at Facility A.',
      );
      await field(form, 'eus.madeBy').selectOption('certified_by_applicant');
      await field(form, 'eus.translator').fill('Pacific Semiconductor Equipment Inc., export compliance');
      await accessible(i, 'importer-new-eus');
      await shot(i, lang, '13-importer-new-eus');
      await form.getByRole('button', { name: T('eus.create') }).click();
      trade.eus = await idIn(form.getByRole('status'), 'eus');
      const list = i.getByTestId('eus-list');
      const badge = await openRow(list, trade.eus);
      await decide(i, 'submit');
      await expect.poll(badge).toBe(T('state.submitted'));
    });

    it('trade 3/8 MOFCOM: issues that Statement', async () => {
      const m = await as('mofcom@demo.htt');
      const badge = await openRow(m.getByTestId('eus-list'), trade.eus);
      await decide(m, 'issue', {
        statementNumber: trade.statement,
        sealReference: 'SEAL-W-1',
        text: 'End user and end use verified.',
      });
      await expect.poll(badge).toBe(T('state.issued'));
    });

    it('trade 4/8 exporter: applies for the license from the transaction, attaching the Statement, and submits', async () => {
      const p = await as('exporter@demo.htt');
      await p.getByRole('tab', { name: T('tab.cases') }).click();
      await p.getByText(T('license.new'), { exact: true }).click();
      const form = p.getByRole('form', { name: T('license.new') });
      await field(form, 'license.fromTransaction').selectOption(trade.tx);
      // the determination asks for a PRC End-User Statement and none is attached yet: a warning says so
      await p.getByTestId('statement-warning').waitFor();
      const statement = field(form, 'license.statement');
      await expect.poll(() => statement.locator('option', { hasText: trade.statement }).count()).toBe(1);
      const value = await statement.locator('option', { hasText: trade.statement }).getAttribute('value');
      await statement.selectOption(value!);
      await p.getByTestId('statement-warning').waitFor({ state: 'detached' });
      await accessible(p, 'exporter-new-license');
      await shot(p, lang, '14-exporter-new-license');
      await form.getByRole('button', { name: T('license.create') }).click();
      trade.app = await idIn(form.getByRole('status'), 'app');
      const badge = await openRow(p.getByTestId('license-list'), trade.app);
      await decide(p, 'submit');
      await expect.poll(badge).toBe(T('state.submitted'));
    });

    it('trade 5/8 BIS: sees the whole record, registers and refers to Defense', async () => {
      const b = await as('bis@demo.htt');
      const badge = await openRow(b.getByTestId('license-list'), trade.app);
      const record = b.getByTestId('application-record');
      await expect
        .poll(() => record.textContent(), { timeout: 20_000 })
        .toContain('Pacific Semiconductor Equipment Inc.');
      expect(await record.textContent()).toContain(trade.statement);
      expect(await record.textContent()).toContain('Example Semiconductor (Shanghai) Co., Ltd.');
      await decide(b, 'register');
      await expect.poll(badge).toBe(T('state.registered'));
      // the due dates of the §750.4 deadlines are dates
      await expect
        .poll(() => b.getByTestId('deadlines').locator('time[datetime]').first().getAttribute('datetime'))
        .toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // each deadline read from its message key in the reader's language; its citation stays English, tagged
      const deadline = b.getByTestId('deadline-what').first();
      expect(await deadline.textContent()).toContain(
        lang === 'zh' ? 'BIS 处理或转交该申请' : 'BIS acts on or refers the application',
      );
      expect(await deadline.locator('[lang=en]').last().textContent()).toBe('(15 CFR 750.4(a)(2), (c))');
      await b.getByRole('radio', { name: T('action.refer') }).check();
      await b.getByRole('checkbox', { name: 'DoD' }).check();
      await b.getByRole('button', { name: T('decision.submit', { action: T('action.refer') }) }).click();
      await expect.poll(badge).toBe(T('state.referred'));
      await accessible(b, 'bis-record');
      await shot(b, lang, '15-bis-record');
    });

    it('trade 6/8 agencies: Defense recommends; State, never referred, does not see the application', async () => {
      const s = await as('state@demo.htt');
      await s.getByRole('heading', { level: 1 }).waitFor();
      await s.waitForLoadState('networkidle');
      expect(await s.locator('body').textContent()).not.toContain(trade.app);
      const d = await as('dod@demo.htt');
      await openRow(d.getByTestId('license-list'), trade.app);
      await d.getByTestId('application-record').waitFor();
      await d.getByRole('combobox', { name: T('field.recommendation') }).selectOption('approve');
      await d.getByLabel(T('field.text')).fill('No objection: civil production.');
      await d.getByRole('button', { name: T('decision.submit', { action: T('action.recommend') }) }).click();
      await d.getByRole('combobox', { name: T('field.recommendation') }).waitFor({ state: 'detached' });
    });

    it('trade 7/8 BIS: approves, and the license is issued', async () => {
      const b = await as('bis@demo.htt');
      const badge = await openRow(b.getByTestId('license-list'), trade.app);
      await decide(b, 'approve', { licenseNumber: license, text: 'Civil end use; Statement on file.' });
      await expect.poll(badge).toBe(T('state.approved'));
    });

    it('trade 8/8 exporter: the gate refuses the bare shipment; with the license and Statement attached it ships; the auditor opens the case file', async () => {
      const p = await as('exporter@demo.htt');
      await p.getByRole('tab', { name: T('tab.parties') }).click();
      const list = p.getByRole('table', { name: T('tx.caption') });
      const badge = await openRow(list, trade.reference);
      await decide(p, 'ship');
      const refusals = p.getByTestId('refusals');
      await refusals.waitFor({ timeout: 20_000 });
      expect(await refusals.textContent()).toContain('750.7');
      expect(await p.getByRole('alert').filter({ has: refusals }).textContent()).toContain(
        T('errorCode.CASE_SHIPMENT_REFUSED'),
      );
      await shot(p, lang, '16-exporter-ship-refused');
      await p.getByRole('radio', { name: T('action.attach') }).check();
      const lic = p.getByLabel(T('field.licenseId'), { exact: true });
      await expect.poll(() => lic.locator('option', { hasText: license }).count()).toBe(1);
      await lic.selectOption((await lic.locator('option', { hasText: license }).getAttribute('value'))!);
      const eus = p.getByLabel(T('field.eusRequestId'), { exact: true });
      await eus.selectOption(
        (await eus.locator('option', { hasText: trade.statement }).getAttribute('value'))!,
      );
      await p.getByRole('button', { name: T('decision.submit', { action: T('action.attach') }) }).click();
      // the transaction's details now name the license and the Statement
      await expect
        .poll(() => p.locator('dd', { hasText: license }).count(), { timeout: 20_000 })
        .toBeGreaterThan(0);
      await decide(p, 'ship');
      await expect.poll(badge, { timeout: 20_000 }).toBe(T('state.shipped'));
      await accessible(p, 'exporter-shipped');

      const a = await as('auditor@demo.htt');
      await a.getByRole('tab', { name: T('tab.caseFiles') }).click();
      await a.getByRole('button', { name: T('audit.openCaseFile', { ref: trade.reference }) }).click();
      const frame = a.frameLocator('[data-testid=case-file]');
      await expect.poll(() => frame.locator('body').textContent()).toContain(trade.reference);
      expect(await frame.locator('body').textContent()).toContain(trade.eus);
      expect(await frame.locator('body').textContent()).toMatch(
        lang === 'zh' ? /许可证 lic-/ : /license lic-/,
      );
    });

    it('ERC: circulates, each member agency votes from its own desk, the chair approves, BIS records the publication', async () => {
      const open = async (email: string) => {
        const page = await as(email);
        await page.getByRole('heading', { level: 1, name: T('desk.erc') }).waitFor();
        const rows = page.getByTestId('veu-list');
        await rows
          .getByRole('button', { name: T('common.openAct') })
          .first()
          .click();
        return { page, rows };
      };
      const { page: p, rows: list } = await open('erc@demo.htt');
      const badge = () => list.locator('tbody tr').first().locator('.badge').textContent();
      await p.getByRole('radio', { name: T('action.circulate') }).check();
      await p.getByRole('button', { name: T('decision.submit', { action: T('action.circulate') }) }).click();
      await expect.poll(badge).toBe(T('state.under_review'));
      // Commerce (the chair), State, Defense and Energy: one member each, the agency taken from the session
      const members = ['erc@demo.htt', 'erc-state@demo.htt', 'erc-defense@demo.htt', 'erc-energy@demo.htt'];
      for (const [i, email] of members.entries()) {
        const n = i + 1;
        const { page: m, rows } = i === 0 ? { page: p, rows: list } : await open(email);
        await m.getByRole('radio', { name: T('action.vote') }).check();
        await m.getByRole('combobox', { name: T('field.vote') }).selectOption('approve');
        await m.getByLabel(T('field.text')).fill(`Vote ${n}: civil end uses, compliance program in place.`);
        if (n === 4) {
          await accessible(m, 'erc-queue');
          await shot(m, lang, '09-erc-queue');
        }
        await m.getByRole('button', { name: T('decision.submit', { action: T('action.vote') }) }).click();
        await expect
          .poll(() => rows.locator('tbody tr').first().textContent())
          .toContain(T('veu.voteCount', { votes: n, members: 4 }));
      }
      // each member's desk was its own browser context; the chair signs in again to decide
      const { page: chair, rows: chairRows } = await open('erc@demo.htt');
      await chair.getByRole('radio', { name: T('action.approve') }).check();
      await chair
        .getByLabel(T('field.text'))
        .fill('Unanimous approval by Commerce, State, Defense and Energy.');
      await chair
        .getByRole('button', { name: T('decision.submit', { action: T('action.approve') }) })
        .click();
      await expect
        .poll(() => chairRows.locator('tbody tr').first().locator('.badge').textContent())
        .toBe(T('state.approved'));
      // the entry is in force once BIS records the rule adding it to Supp. No. 7 (§748.15(a)(1))
      const b = await as('bis@demo.htt');
      await b.getByRole('tab', { name: T('tab.related') }).click();
      const veuRows = b.getByTestId('veu-list');
      await veuRows
        .getByRole('button', { name: T('common.openAct') })
        .first()
        .click();
      await b.getByLabel(T('field.citation')).fill('91 FR 12345');
      await b.getByLabel(T('field.effectiveOn')).fill(new Date().toISOString().slice(0, 10));
      await b.getByRole('button', { name: T('decision.submit', { action: T('action.publish') }) }).click();
      await expect
        .poll(() => veuRows.locator('tbody tr').first().locator('.badge').textContent())
        .toBe(T('state.published'));
    });

    it('VEU entry: the exporter certifies it and files an amendment, and reads the annual report', async () => {
      const p = await as('exporter@demo.htt');
      await p.getByRole('tab', { name: T('tab.cases') }).click();
      const entries = p.getByTestId('veu-entry-list');
      // the entry BIS published in the step before
      const badge = await openRow(entries, T('state.active'));
      const status = p.getByTestId('last-action').filter({ hasText: /./ });
      await decide(p, 'certifications', {
        text: 'The validated end user certified on its letterhead the conditions of 15 CFR 748.15(e).',
      });
      await expect
        .poll(() => status.textContent())
        .toContain(T('decision.outcome', { state: T('state.active') }));
      await expect.poll(() => entries.locator('tbody tr').first().textContent()).toContain(T('common.yes'));
      // an amendment with nothing in it is refused at the field, in the reader's language
      await p.getByRole('radio', { name: T('action.amendments') }).check();
      const submitAmend = p.getByRole('button', {
        name: T('decision.submit', { action: T('action.amendments') }),
      });
      await submitAmend.click();
      await p.getByText(T('veuEntry.err.noChange')).waitFor();
      await field(p, 'field.addFacilities').fill('Facility A');
      await field(p, 'field.reason').fill('A second fab and one item no longer needed.');
      await submitAmend.click();
      await p.getByText(T('veuEntry.err.facility')).waitFor();
      await field(p, 'field.addFacilities').fill('Facility B: No. 2 Example Road, Wuxi');
      await p
        .getByRole('group', { name: T('field.removeItems') })
        .getByRole('checkbox', { name: '3C002' })
        .check();
      await accessible(p, 'exporter-veu-amendment');
      await shot(p, lang, '14-exporter-veu-amendment');
      await submitAmend.click();
      // the amendment is a new application for the committee, prepared as a draft
      await expect
        .poll(() => status.textContent(), { timeout: 20_000 })
        .toMatch(new RegExp(`veuapp-\\w+.*${esc(T('state.draft'))}`));
      const amendment = /veuapp-\w+/.exec((await status.textContent()) ?? '')![0];
      await expect.poll(() => p.getByTestId('veu-list').textContent()).toContain(amendment);
      expect(await badge()).toBe(T('state.active'));
      // the annual report (§748.15(f)(1)): a year out of range is said at the field
      const report = p.getByTestId('veu-report');
      await report.getByLabel(T('veuReport.year')).fill('1999');
      await report.getByRole('button', { name: T('veuReport.show') }).click();
      await report.getByText(T('veuReport.err.year', { from: 2007, to: new Date().getFullYear() })).waitFor();
      const year = new Date().getFullYear() - 1;
      await report.getByLabel(T('veuReport.year')).fill(String(year));
      await report.getByRole('button', { name: T('veuReport.show') }).click();
      await expect
        .poll(() => report.getByRole('status').textContent())
        .toContain(T('veuReport.summary', { year, shipments: 0 }));
      expect(await report.getByRole('status').textContent()).toContain(`${year + 1}-02-15`);
    });

    it('VEU entry: ERC members vote on its revocation, and the majority revokes it', async () => {
      const members = ['erc@demo.htt', 'erc-state@demo.htt', 'erc-defense@demo.htt'];
      for (const [i, email] of members.entries()) {
        const m = await as(email);
        await m.getByRole('tab', { name: T('tab.veuEntries') }).click();
        const list = m.getByTestId('veu-entry-list');
        // the entry by its id: its state changes under the votes
        const active = list.locator('tbody tr[data-id]', { hasText: T('state.active') }).first();
        await active.waitFor({ timeout: 20_000 });
        const badge = await openRow(list, (await active.getAttribute('data-id'))!);
        await m.getByRole('radio', { name: T('action.revocation-votes') }).check();
        await m.getByRole('combobox', { name: T('field.vote') }).selectOption('approve');
        await m
          .getByLabel(T('field.text'))
          .fill(`Member ${i + 1}: the end user diverted items to a military end use.`);
        if (i === 0) await accessible(m, 'erc-veu-entries');
        await m
          .getByRole('button', { name: T('decision.submit', { action: T('action.revocation-votes') }) })
          .click();
        const n = i + 1;
        if (n < 3) {
          await expect
            .poll(() => list.locator('tbody tr').first().textContent())
            .toContain(T('veuEntry.tally', { revoke: n, keep: 0, needed: 3 }));
          expect(await badge()).toBe(T('state.active'));
        } else {
          // three of the four agencies: a majority, the entry is revoked
          await expect.poll(badge).toBe(T('state.revoked'));
          await expect
            .poll(() => m.getByTestId('last-action').textContent())
            .toContain(T('decision.outcome', { state: T('state.revoked') }));
        }
      }
    });

    it('importer: edits its draft request with the creation fields, submits it, and filters its queue by the due date', async () => {
      const i = await as('importer@demo.htt');
      await i.getByText(T('eus.new'), { exact: true }).click();
      const create = i.getByRole('form', { name: T('eus.new') });
      await field(create, 'eus.exporter').selectOption('org-exporter');
      await field(create, 'eus.importer').fill('Shanghai Hengtong Trading Co., Ltd.');
      await field(create, 'eus.endUser').fill('Example Optics (Suzhou) Co., Ltd.');
      await field(create, 'eus.endUse').fill('lens grinding');
      await field(create, 'check.description').fill('optical test bench');
      await field(create, 'check.quantity').fill('2');
      await field(create, 'check.value').fill('80000');
      await create.getByRole('button', { name: T('eus.create') }).click();
      const id = await idIn(create.getByRole('status'), 'eus');
      const list = i.getByTestId('eus-list');
      const badge = await openRow(list, id);
      // the draft opens in the same form, filled from the request
      await i.getByTestId('edit-eus').getByText(T('eus.edit'), { exact: true }).click();
      const edit = i.getByRole('form', { name: T('eus.edit') });
      expect(await field(edit, 'eus.endUser').inputValue()).toBe('Example Optics (Suzhou) Co., Ltd.');
      // checked like a new request, next to the field
      await field(edit, 'eus.endUser').fill('');
      await edit.getByRole('button', { name: T('eus.save') }).click();
      await edit.getByText(T('form.err.partyName')).waitFor();
      await field(edit, 'eus.endUser').fill('Example Optics (Suzhou) Co., Ltd.');
      await field(edit, 'eus.endUse').fill('civil lens grinding for camera modules');
      await field(edit, 'eus.language').selectOption('en');
      await field(edit, 'eus.signatory').fill('Zhang Wei');
      await field(edit, 'eus.signedOn').fill(new Date().toISOString().slice(0, 10));
      await accessible(i, 'importer-edit-eus');
      await shot(i, lang, '15-importer-edit-eus');
      await edit.getByRole('button', { name: T('eus.save') }).click();
      await expect.poll(() => edit.getByRole('status').textContent()).toBe(T('eus.saved', { id }));
      const row = list.locator('tbody tr', { hasText: id }).first();
      await expect
        .poll(() => list.locator(`#details-${id}`).textContent())
        .toContain('civil lens grinding for camera modules');
      await decide(i, 'submit');
      await expect.poll(badge).toBe(T('state.submitted'));
      // MOFCOM's due date, from the server, as a date; "due by" a day before it hides the row, kept in the URL
      const dueOn = await row.locator('time').first().getAttribute('datetime', { timeout: 20_000 });
      expect(dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const before = new Date(Date.parse(`${dueOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      await i.getByTestId('list-due-before').fill(before);
      await expect.poll(() => list.locator('tbody tr', { hasText: id }).count()).toBe(0);
      expect(new URL(i.url()).searchParams.get('eus-requests.due')).toBe(before);
      await i.reload();
      await expect.poll(() => i.getByTestId('list-due-before').inputValue()).toBe(before);
      await i.getByTestId('list-due-before').fill(dueOn!);
      await i.getByTestId('eus-list').locator('tbody tr', { hasText: id }).first().waitFor();
    });

    it('HTWG: the dashboard draws its four charts from the metrics', async () => {
      const p = await as('htwg@demo.htt');
      await p.getByRole('heading', { level: 1, name: T('desk.htwg') }).waitFor();
      for (const id of ['mofcom', 'veu', 'license', 'outreach']) {
        const fig = p.getByTestId(`chart-${id}`);
        await fig.waitFor();
        await expect
          .poll(() => fig.locator('.recharts-bar-rectangle').count(), { timeout: 15_000 })
          .toBeGreaterThan(0);
      }
      await accessible(p, 'htwg-dashboard');
      await shot(p, lang, '10-htwg-dashboard');
      await p.getByRole('tab', { name: T('tab.outreach') }).click();
      await p.getByRole('heading', { name: T('htwg.questionsTitle') }).waitFor();
      await accessible(p, 'htwg-outreach');
    });

    it('auditor: verifies the audit log and opens a case file, read-only', async () => {
      const p = await as('auditor@demo.htt');
      await p.getByRole('heading', { level: 1, name: T('desk.auditor') }).waitFor();
      await p.getByRole('button', { name: T('audit.verify') }).click();
      await expect.poll(() => p.getByTestId('verify-result').textContent()).toContain(T('audit.ok'));
      await p.getByRole('table', { name: /./ }).first().waitFor();
      await accessible(p, 'auditor-audit');
      await shot(p, lang, '11-auditor-audit');
      await p.getByRole('tab', { name: T('tab.caseFiles') }).click();
      await p.getByRole('button', { name: T('audit.openCaseFile', { ref: 'PO-DEMO-001' }) }).click();
      const frame = p.frameLocator('[data-testid=case-file]');
      await expect.poll(() => frame.locator('body').textContent()).toContain('PO-DEMO-001');
      // the case file in the reader's language: Chinese headings, the CFR citation and names kept English
      expect(await frame.locator('html').getAttribute('lang')).toBe(lang);
      const headings = await frame.locator('h2').allTextContents();
      expect(headings).toEqual(
        expect.arrayContaining(
          lang === 'zh'
            ? ['交易', '当事方及其筛查结果', '审计记录']
            : ['Transaction', 'Parties and their screening', 'Audit trail'],
        ),
      );
      if (lang === 'zh') {
        expect(await frame.locator('.sub [lang=en]').allTextContents()).toContain('15 CFR Part 762');
        expect(await frame.locator('h1').textContent()).toMatch(/^案卷：交易 PO-DEMO-001/);
      }
      await accessible(p, 'auditor-case-file');
      await shot(p, lang, '12-auditor-case-file');
      // nothing on the auditor's desk offers a decision
      await p.getByRole('tab', { name: T('tab.records') }).click();
      await p.getByTestId('eus-list').waitFor();
      expect(await p.getByRole('button', { name: T('common.openAct') }).count()).toBe(0);
    });

    it('no script errors in the pages', () => {
      expect(errors).toEqual([]);
    });
  });
}
