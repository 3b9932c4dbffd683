/**
 * End-to-end harness for the web desk: the real server (`node bin/htt.js serve`) on a free port with a
 * throwaway SQLite database and a known demo password, Debian's Chromium driven by playwright-core, axe-core
 * run inside the page, and screenshots saved to docs/screenshots/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PASSWORD = 'e2e-demo-password-2026';
/** docs/screenshots when updating them (npm run screenshots); otherwise a temporary folder, so a test run leaves the tree clean. */
export const SCREENSHOTS = process.env.HTT_UPDATE_SCREENSHOTS
  ? join(ROOT, 'docs', 'screenshots')
  : mkdtempSync(join(tmpdir(), 'htt-screenshots-'));

export type Lang = 'en' | 'zh';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  output(): string;
}

/** Start the real server on a free port with a fresh database; resolves once it prints its address. */
export async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'htt-e2e-web-'));
  const child: ChildProcess = spawn(process.execPath, ['bin/htt.js', 'serve', '--demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      HTT_DB: join(dir, 'htt.sqlite'),
      HTT_DEMO_PASSWORD: PASSWORD,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in 90 s:\n${out}`)), 90_000);
    const look = () => {
      const m = /htt server at (http:\/\/[^\s]+)/.exec(out);
      if (m && /web desk /.test(out)) {
        clearTimeout(timer);
        if (/web desk \(not built/.test(out)) fail(new Error('the server did not find web/dist'));
        else ok(m[1]!);
      }
    };
    child.stdout?.on('data', look);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    output: () => out,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.removeAllListeners('exit');
        child.on('exit', () => {
          clearTimeout(kill);
          rmSync(dir, { recursive: true, force: true });
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

// ------------------------------------------------------------------------------------------- i18n

type Tree = { [k: string]: string | Tree };
const locales: Record<Lang, Tree> = {
  en: JSON.parse(readFileSync(join(ROOT, 'web/src/locales/en.json'), 'utf8')) as Tree,
  zh: JSON.parse(readFileSync(join(ROOT, 'web/src/locales/zh.json'), 'utf8')) as Tree,
};

/** The desk's text for a key in a language, with {{placeholders}} filled, as the page shows it. */
export function text(lang: Lang, key: string, values: Record<string, string | number> = {}): string {
  let node: string | Tree | undefined = locales[lang];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no ${lang} text for ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? `{{${k}}}`));
}

// ------------------------------------------------------------------------------------------- axe

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  targets: string[];
}

export interface AxeReport {
  page: string;
  violations: AxeViolation[];
  passes: number;
}

export const axeReports: AxeReport[] = [];

/** Run axe-core in the page against WCAG 2.1 A/AA and best practices; returns the serious and critical ones. */
export async function axe(page: Page, name: string): Promise<AxeViolation[]> {
  // evaluated through the DevTools protocol, not as an inline <script>: the desk's CSP forbids inline scripts
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  // a string, so that this Node-side file needs no DOM types
  const result = (await page.evaluate(`(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.length,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      })),
    };
  })()`)) as { passes: number; violations: AxeViolation[] };
  axeReports.push({ page: name, ...result });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// ------------------------------------------------------------------------------------------- pages

export async function shot(page: Page, lang: Lang, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${lang}-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export async function signIn(page: Page, base: string, lang: Lang, email: string): Promise<void> {
  await page.goto(`${base}/?lang=${lang}`);
  await page.getByLabel(text(lang, 'signin.email')).fill(email);
  await page.getByLabel(text(lang, 'signin.password')).fill(PASSWORD);
  await page.getByRole('button', { name: text(lang, 'signin.submit') }).click();
  await page.getByTestId('who').waitFor();
}

export const chromiumAvailable = () => existsSync(CHROMIUM);
