import { describe, expect, it } from 'vitest';
import { buildCheck, demoForm, emptyForm, listOverlayTemplate, veuOverlayTemplate } from './check-form';

describe('the shipment check form', () => {
  it('builds the contract input of the demonstration shipment', () => {
    const built = buildCheck(demoForm('2024-06-01'));
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.overlay).toBeNull();
    expect(built.input).toMatchObject({
      asOf: '2024-06-01',
      destination: 'CN',
      items: [{ eccn: '3B001.e', kind: 'commodity', quantity: 1, valueUsd: 2_000_000 }],
      parties: [{ role: 'end_user', country: 'CN', type: 'company' }],
      endUse: { military: false, wmd: false },
    });
  });

  it('leaves an end-use question answered "unknown" out, so the engine treats it as unknown', () => {
    const f = demoForm('2024-06-01');
    f.endUse.militaryEndUser = 'unknown';
    f.endUse.military = 'yes';
    const built = buildCheck(f);
    if (!built.ok) throw new Error('expected ok');
    expect('militaryEndUser' in built.input.endUse).toBe(false);
    expect(built.input.endUse.military).toBe(true);
  });

  it('reads amounts written with separators, and drops unnamed parties', () => {
    const f = demoForm('2024-06-01');
    f.items[0]!.valueUsd = '$2,000,000';
    f.parties.push({ role: 'purchaser', name: '  ', country: '', address: '', type: '' });
    const built = buildCheck(f);
    if (!built.ok) throw new Error('expected ok');
    expect(built.input.items[0]!.valueUsd).toBe(2_000_000);
    expect(built.input.parties).toHaveLength(1);
  });

  it('names each field that needs fixing', () => {
    const f = emptyForm('06/01/2024');
    f.items[0]!.quantity = '-3';
    f.items[0]!.valueUsd = 'lots';
    f.veuEndUser = 'Only the end user';
    f.overlay = '{ not json';
    const built = buildCheck(f);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems.map((p) => p.field).sort()).toEqual(
      ['asOf', 'items.0.eccn', 'items.0.quantity', 'items.0.valueUsd', 'overlay', 'veu'].sort(),
    );
    f.overlay = '[1, 2]';
    const again = buildCheck(f);
    expect(!again.ok && again.problems.find((p) => p.field === 'overlay')?.key).toBe(
      'check.err.overlayObject',
    );
  });

  it('offers what-if templates that parse and name the form’s parties and items', () => {
    const f = demoForm('2024-06-01');
    const veu = JSON.parse(veuOverlayTemplate(f)) as {
      veuEntries: { validatedEndUser: string; eligibleItems: string[] }[];
    };
    expect(veu.veuEntries[0]).toMatchObject({
      validatedEndUser: f.parties[0]!.name,
      eligibleItems: ['3B001.e'],
    });
    const list = JSON.parse(listOverlayTemplate(f)) as { listEntries: { list: string; name: string }[] };
    expect(list.listEntries[0]).toMatchObject({ list: 'ENTITY_LIST', name: f.parties[0]!.name });
    f.overlay = listOverlayTemplate(f);
    const built = buildCheck(f);
    expect(built.ok && built.overlay).toMatchObject({ listEntries: [{ list: 'ENTITY_LIST' }] });
  });
});

describe('issue 15: the check form starts unanswered and bounds its date', () => {
  it('starts with every end-use question unanswered, so none is sent as a silent "no"', () => {
    const f = emptyForm('2026-06-01');
    expect(Object.values(f.endUse).every((v) => v === 'unknown')).toBe(true);
    f.items[0]!.eccn = '3B001.e';
    const built = buildCheck(f);
    if (!built.ok) throw new Error('expected ok');
    expect(built.input.endUse).toEqual({});
  });

  it('refuses a check dated 1990 or 2099, next to the date field', () => {
    for (const asOf of ['1990-01-01', '2099-01-01']) {
      const f = demoForm(asOf);
      const built = buildCheck(f);
      expect(built.ok).toBe(false);
      if (!built.ok) expect(built.problems.map((p) => p.field)).toEqual(['asOf']);
    }
  });
});
