import { describe, expect, it } from 'vitest';
import { loadRules } from '../../adapters/regulations/load-rules.js';
import type { CheckResult } from '../../contracts/check.js';
import type { EusRequestData } from './end-user-statement.js';
import type { LicenseApplicationData } from './license-application.js';
import type { LicenseData } from './license.js';
import { eccnCovers, releaseGate, type GateInput } from './release-gate.js';
import type { VeuEntryData } from './veu.js';

const rules = loadRules();
const fresh = (authorization: CheckResult['authorization']) =>
  ({
    authorization,
    missing: authorization === 'INDETERMINATE' ? [{ input: 'endUse.military' }] : [],
  }) as unknown as CheckResult;

const endUser = { role: 'end_user', name: 'Example Precision (Shanghai) Co., Ltd.' };
const license = (over: Partial<LicenseData> = {}): GateInput['license'] => ({
  id: 'lic-1',
  state: 'valid',
  data: {
    licenseNumber: 'D000001',
    applicationId: 'app-1',
    holderOrgId: 'org-exp',
    items: [{ eccn: '1A001.a', description: 'seals', quantity: 100, valueUsd: 10_000 }],
    conditions: [],
    validFrom: '2024-04-10',
    validUntil: '2028-04-10',
    validity: { citation: '15 CFR 750.7(g)', unconfirmed: [] },
    shipments: [],
    revokedItems: [],
    history: [],
    ...over,
  },
});
const application = (needsStatement: boolean): GateInput['application'] => ({
  data: {
    parties: [{ role: 'end_user', name: endUser.name, country: 'CN' }],
  } as unknown as LicenseApplicationData,
  needsStatement,
  why: 'the application is over $50,000',
});
const statement = (state: string, eccn = '1A001.a') => ({
  id: 'eus-1',
  state,
  data: {
    items: [{ description: 'seals', eccn, quantity: 100, valueUsd: 10_000 }],
  } as unknown as EusRequestData,
});
const base = (over: Partial<GateInput>): GateInput => ({
  shipDate: '2024-05-01',
  rules,
  fresh: fresh('LICENSE'),
  lines: [{ eccn: '1A001.a', quantity: 10, valueUsd: 1_000 }],
  parties: [endUser],
  openHolds: [],
  statements: [],
  exporterOrgId: 'org-exp',
  ...over,
});
const reasons = (input: GateInput) => {
  const r = releaseGate(input);
  return r.ok ? [] : r.refusals.map((x) => `${x.line ?? '-'} ${x.citation}: ${x.reason}`);
};

describe('the release gate', () => {
  it('lets an NLR or license-exception lot go when no hold is open, and never over an open hold', () => {
    expect(releaseGate(base({ fresh: fresh('NLR') }))).toMatchObject({ ok: true, authority: 'NLR' });
    expect(releaseGate(base({ fresh: fresh('LICENSE_EXCEPTION') }))).toMatchObject({
      ok: true,
      authority: 'LICENSE_EXCEPTION',
    });
    expect(
      reasons(
        base({ fresh: fresh('NLR'), openHolds: [{ id: 'hold-1', data: { reason: 'Entity List hit' } }] }),
      ),
    ).toEqual([expect.stringContaining('hold hold-1 is open: Entity List hit')]);
  });

  it('refuses an INDETERMINATE answer on the ship date, naming what is missing', () => {
    expect(reasons(base({ fresh: fresh('INDETERMINATE') }))).toEqual([
      expect.stringContaining('endUse.military'),
    ]);
  });

  it('needs a license on the ship date when the fresh answer says so (a party listed since the check)', () => {
    expect(reasons(base({}))).toEqual([expect.stringContaining('15 CFR 750.7(a): a license is required')]);
  });

  it('checks each line against the license: the ECCN and paragraph, line by line', () => {
    const r = reasons(
      base({
        license: license(),
        lines: [
          { eccn: '1A001.a', quantity: 10, valueUsd: 1_000 },
          { eccn: '3B001.e', quantity: 1, valueUsd: 500_000 },
        ],
      }),
    );
    expect(r).toEqual(['1 15 CFR 750.7(a): 3B001.e is not on license D000001 (it covers 1A001.a)']);
    expect(eccnCovers('1A001', '1A001.a')).toBe(true);
    expect(eccnCovers('1A001.a', '1A001.a.1')).toBe(true);
    expect(eccnCovers('1A001.a', '1A001.b')).toBe(false);
    expect(eccnCovers('3A001', '3A991')).toBe(false);
  });

  it('allows the 10% value tolerance of 750.11 but not more, and nothing once the full quantity has shipped', () => {
    const within = base({
      license: license(),
      lines: [{ eccn: '1A001.a', quantity: 100, valueUsd: 11_000 }],
    });
    expect(releaseGate(within)).toMatchObject({
      ok: true,
      authority: 'LICENSE',
      licenseLines: [{ line: 0, item: 0, quantity: 100, valueUsd: 11_000 }],
      notes: [
        expect.stringMatching(
          /within the 10% shipping tolerance of 15 CFR 750\.11.*UNCONFIRMED: the effective date of 78 FR 61902/,
        ),
      ],
    });
    // before 78 FR 61902 the text is not in our sources: the answer says so
    const early = base({
      shipDate: '2012-05-01',
      license: license({ validFrom: '2012-01-01', validUntil: '2016-01-01' }),
      lines: [{ eccn: '1A001.a', quantity: 100, valueUsd: 10_500 }],
    });
    expect(releaseGate(early)).toMatchObject({
      ok: true,
      notes: [expect.stringContaining('UNCONFIRMED: the text of §750.11 before 78 FR 61902')],
    });
    const over = base({ license: license(), lines: [{ eccn: '1A001.a', quantity: 100, valueUsd: 11_001 }] });
    expect(reasons(over)).toEqual([expect.stringContaining('10% shipping tolerance ($11000)')]);
    const tooMany = base({ license: license(), lines: [{ eccn: '1A001.a', quantity: 101, valueUsd: 1 }] });
    expect(reasons(tooMany)).toEqual([expect.stringContaining('101 units against 100 licensed')]);
    const usedUp = license({
      shipments: [{ ref: 'tx-0', on: '2024-04-20', lines: [{ item: 0, quantity: 100, valueUsd: 9_000 }] }],
    });
    expect(reasons(base({ license: usedUp }))).toEqual([
      expect.stringContaining('15 CFR 750.11(a): the full quantity of 1A001.a (100) has shipped'),
    ]);
  });

  it('sums the lines of one lot against the same license item', () => {
    const r = reasons(
      base({
        license: license(),
        lines: [
          { eccn: '1A001.a', quantity: 60, valueUsd: 6_000 },
          { eccn: '1A001.a', quantity: 60, valueUsd: 6_000 },
        ],
      }),
    );
    expect(r).toEqual([expect.stringContaining('1 15 CFR 750.7(f): 1A001.a: 120 units against 100')]);
  });

  it('refuses outside the validity, on a revoked license, and for parties the license was not issued for', () => {
    expect(reasons(base({ license: license(), shipDate: '2028-04-11' }))).toEqual([
      expect.stringContaining('valid from 2024-04-10 to 2028-04-10, not on 2028-04-11'),
    ]);
    expect(reasons(base({ license: { ...license()!, state: 'revoked' } }))).toEqual([
      expect.stringContaining('15 CFR 750.8(a): license D000001 is revoked'),
    ]);
    expect(reasons(base({ license: { ...license()!, state: 'suspended' } }))).toEqual([
      expect.stringContaining('license D000001 is suspended'),
    ]);
    expect(reasons(base({ license: { ...license({ replacedBy: 'D000002' })!, state: 'replaced' } }))).toEqual(
      [expect.stringContaining('750.7(c)(1), (h)(4): license D000001 was replaced by D000002')],
    );
    // a line revoked in part authorizes nothing from its revocation; the lot before it ships
    const partly = license({
      items: [
        { eccn: '1A001.a', description: 'seals', quantity: 100, valueUsd: 10_000 },
        { eccn: '3B001.e', description: 'tools', quantity: 5, valueUsd: 50_000 },
      ],
      revokedItems: [{ item: 0, on: '2024-05-01', reason: 'end user concern' }],
    });
    expect(reasons(base({ license: partly }))).toEqual([
      expect.stringContaining('0 15 CFR 750.8(a): 1A001.a was revoked from license D000001 on 2024-05-01'),
    ]);
    expect(reasons(base({ license: partly, shipDate: '2024-04-30' }))).toEqual([]);
    expect(
      reasons(base({ license: partly, lines: [{ eccn: '3B001.e', quantity: 1, valueUsd: 10_000 }] })),
    ).toEqual([]);
    expect(
      reasons(
        base({
          license: license(),
          application: application(false),
          parties: [{ role: 'end_user', name: 'Another Buyer Ltd.' }],
        }),
      ),
    ).toEqual([expect.stringContaining('end user Another Buyer Ltd. is not a party')]);
  });

  it("follows the license application's End-User Statement, not the lot's value (748.9(e)(1))", () => {
    // a $1,000 lot under a license whose application needed a Statement
    expect(reasons(base({ license: license(), application: application(true) }))).toEqual([
      expect.stringContaining('15 CFR 748.9(e)(1): the license application needed a PRC End-User Statement'),
    ]);
    expect(
      reasons(
        base({ license: license(), application: application(true), statements: [statement('withdrawn')] }),
      ),
    ).toHaveLength(1);
    expect(
      reasons(
        base({
          license: license(),
          application: application(true),
          statements: [statement('issued', '3B001.e')],
        }),
      ),
    ).toEqual([
      expect.stringContaining('no issued PRC End-User Statement for the application covers 1A001.a'),
    ]);
    expect(
      releaseGate(
        base({ license: license(), application: application(true), statements: [statement('issued')] }),
      ),
    ).toMatchObject({ ok: true, statementLines: [{ statementId: 'eus-1', lines: [{ line: 0, item: 0 }] }] });
    expect(releaseGate(base({ license: license(), application: application(false) }))).toMatchObject({
      ok: true,
    });
  });

  describe('under VEU', () => {
    const entry = (over: Partial<VeuEntryData['entry']> = {}, state = 'active', certified = true) => ({
      id: 'veu-1',
      state,
      data: {
        applicationId: 'veuapp-1',
        revocationVotes: [],
        certifications: certified ? [{ exporterOrgId: 'org-exp', on: '2024-06-30', text: 'civil only' }] : [],
        entry: {
          validatedEndUser: 'Example Semiconductor (Shanghai) Co., Ltd.',
          aliases: [],
          country: 'CN',
          eligibleItems: ['3B001.e'],
          eligibleDestinations: ['Facility A: No. 1 Example Road, Pudong, Shanghai'],
          excludedFrom744_23: false,
          effective: { from: '2024-06-25', to: null },
          citation: 'Supp. No. 7 to Part 748 (htt entry)',
          source: { notices: [] },
          confidence: 'confirmed',
          unconfirmed: [],
          ...over,
        },
      } as unknown as VeuEntryData,
    });
    const veuLot = (over: Partial<GateInput>) =>
      base({
        fresh: fresh('VEU'),
        lines: [{ eccn: '3B001.e', quantity: 1, valueUsd: 500_000 }],
        parties: [{ role: 'end_user', name: 'Example Semiconductor (Shanghai) Co., Ltd.' }],
        veuFacility: 'Facility A',
        shipDate: '2024-07-01',
        ...over,
      });
    it('ships to the VEU, at its facility, an eligible item, with the certification on file', () => {
      expect(releaseGate(veuLot({ veu: entry() }))).toMatchObject({ ok: true, authority: 'VEU' });
    });
    it('refuses consignment to someone other than the VEU (748.15(d)(1))', () => {
      const r = reasons(
        veuLot({
          veu: entry(),
          parties: [
            { role: 'ultimate_consignee', name: 'Shanghai Distribution Co., Ltd.' },
            { role: 'end_user', name: 'Example Semiconductor (Shanghai) Co., Ltd.' },
          ],
        }),
      );
      expect(r).toEqual([expect.stringContaining('15 CFR 748.15(d)(1)')]);
    });
    it('refuses after revocation, before the entry is in force, for ineligible items and without certification', () => {
      expect(
        reasons(
          veuLot({
            veu: entry({ effective: { from: '2024-06-25', to: '2024-07-10' } }, 'revoked'),
            shipDate: '2024-07-15',
          }),
        ),
      ).toHaveLength(2);
      expect(reasons(veuLot({ veu: entry({ effective: { from: '2024-08-01', to: null } }) }))).toEqual([
        expect.stringContaining('not on 2024-07-01'),
      ]);
      expect(
        reasons(veuLot({ veu: entry(), lines: [{ eccn: '3B001.f', quantity: 1, valueUsd: 1 }] })),
      ).toEqual([expect.stringContaining('3B001.f is not an eligible item')]);
      expect(reasons(veuLot({ veu: entry({}, 'active', false) }))).toEqual([
        expect.stringContaining('748.15(e)'),
      ]);
      expect(reasons(veuLot({}))).toEqual([expect.stringContaining('no VEU entry is attached')]);
    });
    it('refuses under an entry approved but not yet published in Supp. No. 7 (748.15(a)(1))', () => {
      expect(
        reasons(veuLot({ veu: entry({ effective: { from: null, to: null } }, 'pending_publication') })),
      ).toEqual([expect.stringContaining('not yet published in Supp. No. 7')]);
    });
    it('judges the items and facilities by what was eligible on the ship date', () => {
      const dated = entry();
      dated.data.eligibility = [
        { kind: 'item', value: '3B001.e', from: '2024-06-25', to: '2024-06-30', citation: '89 FR 1' },
        { kind: 'item', value: '3C002', from: '2024-07-01', to: null, citation: '89 FR 2' },
        {
          kind: 'facility',
          value: 'Facility A: No. 1 Example Road, Pudong, Shanghai',
          from: '2024-06-25',
          to: null,
          citation: '89 FR 1',
        },
      ];
      expect(reasons(veuLot({ veu: dated }))).toEqual([
        expect.stringContaining('3B001.e is not an eligible item'),
      ]);
      expect(reasons(veuLot({ veu: dated, shipDate: '2024-06-30' }))).toEqual([]);
      expect(reasons(veuLot({ veu: dated, lines: [{ eccn: '3C002', quantity: 1, valueUsd: 1 }] }))).toEqual(
        [],
      );
    });
    it('uses a license that covers the lot when the VEU conditions fail', () => {
      const covering = license({
        items: [{ eccn: '3B001.e', description: 'wafer handler', quantity: 1, valueUsd: 500_000 }],
      });
      expect(releaseGate(veuLot({ veu: entry({}, 'revoked'), license: covering }))).toMatchObject({
        ok: true,
        authority: 'LICENSE',
        notes: [expect.stringContaining('the attached license is used instead')],
      });
    });
  });
});
