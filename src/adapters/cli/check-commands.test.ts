import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../main/cli.js';
import { defaultServices } from '../../main/services.js';

const dir = mkdtempSync(join(tmpdir(), 'htt-cli-'));
const write = (name: string, data: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data));
  return path;
};
const services = { ...defaultServices, screener: () => undefined, today: () => '2026-11-28' };
async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(
    ['node', 'htt', ...args],
    { out: (s) => void (out += `${s}\n`), err: (s) => void (err += `${s}\n`) },
    services,
  );
  return { code, out, err };
}

const civil = {
  military: false,
  militaryEndUser: false,
  militaryIntelligence: false,
  supercomputer: false,
  advancedNodeFab: false,
  wmd: false,
};
const check = {
  asOf: '2024-06-01',
  destination: 'CN',
  items: [{ eccn: '1A001.a', valueUsd: 90000, controlReasons: ['NS2', 'AT1'] }],
  parties: [{ role: 'end_user', name: 'Example Co., Ltd.', country: 'CN', lists: [] }],
  endUse: civil,
};

describe('htt check', () => {
  it('prints a readable verdict with reasons, citations and documents', async () => {
    const r = await run('check', write('ok.json', check));
    expect(r.code).toBe(0);
    expect(r.out).toContain('Verdict: LICENSE REQUIRED');
    expect(r.out).toContain('NS2');
    expect(r.out).toContain('15 CFR 742.4');
    expect(r.out).toContain('PRC_END_USER_STATEMENT');
    expect(r.out).toMatch(/Stamp: rules ear-2024-06-01@[0-9a-f]{16}/);
  });
  it('prints the contract JSON with --json', async () => {
    const r = await run('check', write('ok.json', check), '--json');
    const body = JSON.parse(r.out);
    expect(body).toMatchObject({
      asOf: '2024-06-01',
      authorization: 'LICENSE',
      licenseRequired: true,
      overlayUsed: false,
    });
    expect(body.ruleSet).toMatch(/^ear-2024-06-01@/);
  });
  it('applies a what-if overlay and says so', async () => {
    const overlay = write('overlay.json', {
      listEntries: [{ list: 'ENTITY_LIST', name: 'Example Co., Ltd.' }],
    });
    const input = write('ear99.json', { ...check, items: [{ eccn: 'EAR99', valueUsd: 100 }] });
    const body = JSON.parse((await run('check', input, '--json', '--overlay', overlay)).out);
    expect(body.overlayUsed).toBe(true);
    expect(body.reasons.map((x: { code: string }) => x.code)).toContain('ENTITY_LIST');
  });
  it('names the offending field of malformed input, with exit code 65', async () => {
    const r = await run(
      'check',
      write('bad.json', { ...check, items: [{ eccn: 'not-an-eccn', valueUsd: -1 }] }),
    );
    expect(r.code).toBe(65);
    expect(r.err).toContain('INPUT.INVALID at items[0].eccn');
    expect(r.err).toContain('items[0].valueUsd');
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });
  it('rejects unknown fields and destinations outside China', async () => {
    expect((await run('check', write('extra.json', { ...check, colour: 'red' }))).err).toContain(
      "Unrecognized key(s) in object: 'colour'",
    );
    expect((await run('check', write('dest.json', { ...check, destination: 'FR' }))).err).toContain(
      'at destination',
    );
  });
  it('reports invalid JSON (65) and a missing file (66)', async () => {
    const bad = await run('check', write('broken.json', '{"asOf": '));
    expect(bad.code).toBe(65);
    expect(bad.err).toContain('INPUT.INVALID_JSON');
    const missing = await run('check', join(dir, 'nope.json'));
    expect(missing.code).toBe(66);
    expect(missing.err).toContain('INPUT.FILE_NOT_FOUND');
  });
  it('prints the reasons, documents and notes in Simplified Chinese with --lang zh, codes and citations as they are', async () => {
    const r = await run('check', write('ok.json', check), '--lang', 'zh');
    expect(r.code).toBe(0);
    expect(r.out).toContain('结论：需要许可证');
    expect(r.out).toContain('1A001.a 因 NS 原因受管制（依 controlReasons 所给），且NS2，因此需要许可证。');
    expect(r.out).toContain('引文：15 CFR 742.4');
    expect(r.out).toContain('最终用户和最终用途说明');
    expect(r.out).toContain('PRC_END_USER_STATEMENT');
    expect(r.out).not.toContain('so a license is required');
  });
  it('takes the language from HTT_LANG (zh_CN.UTF-8), --lang wins, and refuses other languages', async () => {
    const before = process.env.HTT_LANG;
    process.env.HTT_LANG = 'zh_CN.UTF-8';
    try {
      expect((await run('check', write('ok.json', check))).out).toContain('理由：');
      expect((await run('check', write('ok.json', check), '--lang', 'en')).out).toContain('Reasons:');
    } finally {
      if (before === undefined) delete process.env.HTT_LANG;
      else process.env.HTT_LANG = before;
    }
    const bad = await run('check', write('ok.json', check), '--lang', 'fr');
    expect(bad.code).toBe(64);
  });
  it('gives every reason, document, missing input and note its message key in --json', async () => {
    const body = JSON.parse((await run('check', write('ok.json', check), '--json')).out);
    expect(body.reasons[0].message).toMatchObject({
      key: 'reason.ccl.given',
      params: { eccn: '1A001.a', family: 'NS' },
    });
    expect(body.documents.map((d: { message: { key: string } }) => d.message.key)).toContain('doc.prcEus');
    expect(body.noteMessages).toHaveLength(body.notes.length);
  });
});

describe('htt eccn and htt rules', () => {
  it("shows an ECCN's control rows with China's and Macau's columns", async () => {
    const r = await run('eccn', '3b001', '--as-of', '2024-06-01');
    expect(r.code).toBe(0);
    expect(r.out).toContain('3B001 as of 2024-06-01');
    expect(r.out).toMatch(/NS applies to 3B001\.a\.1 to a\.3.*license required/);
    const json = JSON.parse((await run('eccn', '2A291', '--as-of', '2023-01-01', '--json')).out);
    expect(json.rows.find((x: { reason: string }) => x.reason === 'NP').china).toBe('no license');
    expect(json.supplement2).toBe('yes');
  });
  it('fails with a stable code for an unknown ECCN or a bad date', async () => {
    expect((await run('eccn', '3A777')).err).toContain('CHECK.UNKNOWN_ECCN');
    const bad = await run('rules', '--as-of', '2024-13-45');
    expect(bad.code).toBe(65);
    expect(bad.err).toContain('--as-of');
  });
  it('lists the rule versions in force on a date', async () => {
    const r = await run('rules', '--as-of', '2019-01-01');
    expect(r.out).toContain('744.21: Military end use / military end user (China)');
    expect(r.out).toContain('exception.CIV');
    expect(r.out).toMatch(/744\.22[^\n]*\n\s+not in force/);
  });
});

describe('the installed command', () => {
  it('runs through bin/htt.js in a child process', () => {
    const out = execFileSync(process.execPath, ['bin/htt.js', 'check', write('ok.json', check), '--json'], {
      encoding: 'utf8',
    });
    expect(JSON.parse(out).authorization).toBe('LICENSE');
    const bad = spawnSync(
      process.execPath,
      ['bin/htt.js', 'check', write('bad2.json', { destination: 'CN' })],
      { encoding: 'utf8' },
    );
    expect(bad.status).toBe(65);
    expect(bad.stderr).toContain('items');
  });
});
