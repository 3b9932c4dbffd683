import { describe, expect, it } from 'vitest';
import { computeParts, namePartScore, nameParts, partSimilarity, phoneticKey } from './name-parts.js';
import { buildScreener } from './screener.js';
import type { ListedEntity } from './types.js';

const person = (a: string, b: string) => namePartScore(a, b, 'person').score;
const org = (a: string, b: string) => namePartScore(a, b, 'organization').score;

describe('name-part alignment', () => {
  it('ignores word order, titles and case', () => {
    expect(person('LAVROV, Sergey', 'Sergey Lavrov')).toBe(1);
    expect(person('President Recep Tayyip Erdogan', 'Recep Tayyip Erdoğan')).toBe(1);
  });
  it('accepts transliteration variants through the phonetic key', () => {
    expect(phoneticKey('qaddafi')).toBe(phoneticKey('gadhafi'));
    expect(person('Moammar Qaddafi', 'Muammar Gaddafi')).toBeGreaterThan(0.8);
    expect(person('Wladimir Putin', 'Vladimir Putin')).toBeGreaterThan(0.8);
    expect(person('Mao Tse-tung', 'Mao Zedong')).toBeGreaterThan(0.8);
  });
  it('reads j after a vowel as y and any first vowel as a vowel in the phonetic key', () => {
    expect(phoneticKey('sergej')).toBe(phoneticKey('sergey'));
    expect(phoneticKey('selenskyj')).toBe(phoneticKey('zelenskyy'));
    expect(phoneticKey('jinping')).not.toBe(phoneticKey('yinping'));
    expect(phoneticKey('usama')).toBe(phoneticKey('osama'));
    expect(person('Usama bin Ladin', 'Osama bin Laden')).toBeGreaterThan(0.8);
    expect(person('Wolodymyr Selenskyj', 'Volodymyr Zelenskyy')).toBeGreaterThan(0.8);
  });
  it('accepts initials, short forms, split and joined words and digits written for letters', () => {
    expect(person('J. Smith', 'John Smith')).toBeGreaterThan(0.8);
    expect(person('Ted Doe', 'Theodore Doe')).toBeGreaterThan(0.8);
    expect(person('FridrichBuchenberg', 'Friedrich Buchenberg')).toBeGreaterThan(0.8);
    expect(person('Ig0r Sech1n', 'Igor Sechin')).toBeGreaterThan(0.8);
  });
  it('counts an omitted middle name mildly and a conflicting name in full', () => {
    expect(person('Sergey Viktorovich Lavrov', 'Sergey Lavrov')).toBeGreaterThan(0.8);
    expect(person('Octavian Scholz', 'Olaf Scholz')).toBeLessThan(0.7);
    expect(person('Angelo Cruz', 'Angela Merkel')).toBeLessThan(0.5);
  });
  it('compares names in a syllabic script character by character', () => {
    expect(person('习近平', '习近平')).toBe(1);
    expect(person('习近朋', '习近平')).toBeLessThan(0.5);
    expect(person('习近平', 'Xi Jinping')).toBe(1);
  });
  it('folds legal forms written out and dotted abbreviations', () => {
    expect(
      nameParts('Volkswagen Gesellschaft mit beschränkter Haftung', 'organization').map((p) => p.form),
    ).toEqual(['volkswagen', 'gmbh']);
    expect(org('OAO Gazprom', 'Open Joint Stock Company Gazprom')).toBeGreaterThan(0.9);
    expect(org('A.B.C. Company', 'ABC Co')).toBe(1);
  });
  it('handles words that are also property names of plain objects', () => {
    expect(person('Constructor ToString', 'Constructor Tostring')).toBe(1);
    expect(org('Hasownproperty Constructor Co', 'Constructor Co')).toBeGreaterThan(0);
  });
  it('counts a part on each side that pairs with nothing as a conflict, double', () => {
    // one different family name in five parts is another person
    expect(
      person('MOHAMMAD BARZAN IBRAHIM HASAN AL-MOSULI', 'MOHAMMAD BARZAN IBRAHIM HASAN AL-TIKRITI'),
    ).toBeLessThan(0.75);
    // a part left out is still mild
    expect(person('Sergey Viktorovich Lavrov', 'Sergey Lavrov')).toBeGreaterThan(0.85);
    // parts less similar than MIN_PART_SIM do not pair ("harbi" / "subhi")
    expect(
      person('AZZAM ABDULLAH ZUREIK AL-MAULID AL-HARBI', 'AZZAM ABDULLAH ZUREIK AL-MAULID AL-SUBHI'),
    ).toBeLessThan(0.8);
  });
  it('reads a first part "Ben" as a given name, "ben" later as the particle bin', () => {
    expect(person('Ben Netanyahu', 'Benjamin Netanyahu')).toBeGreaterThan(0.8);
    expect(nameParts('Habib Ben Ali', 'person').map((p) => [p.form, p.particle])).toEqual([
      ['habib', false],
      ['bin', true],
      ['ali', false],
    ]);
  });
  it('pairs a word split in two with one word even when both names have as many parts', () => {
    expect(person('Nikolai Patr ushev', 'Nikolai Platonovich Patrushev')).toBeGreaterThan(0.8);
  });
  it('pairs two initials written as one word with two given names', () => {
    expect(person('JC Juncker', 'Jean-Claude Juncker')).toBeGreaterThan(0.8);
    expect(person('JD Juncker', 'Jean-Claude Juncker')).toBeLessThan(0.8);
  });
  it('tells "X bin Y" from "Y bin X" (whose son is whom)', () => {
    expect(person('SALMAN BIN MUHAMMAD AL-RAWI', 'MUHAMMAD BIN SALMAN AL-RAWI')).toBeLessThan(0.6);
    expect(person('AL-RAWI, MUHAMMAD BIN SALMAN', 'MUHAMMAD BIN SALMAN AL-RAWI')).toBe(1);
  });
  it('reads compound number words and legal forms written out in organisation names', () => {
    expect(org('Brigade Forty-Four', 'Brigade 44')).toBe(1);
    expect(org('Brigade Forty-Four', 'Brigade 45')).toBeLessThan(0.8);
    expect(
      nameParts('Pro Traffic Societatea cu Răspundere Limitată', 'organization').map((p) => p.form),
    ).toEqual(['pro', 'traffic', 'srl']);
  });
  it('treats a different number as a conflict', () => {
    expect(org('Citigroup Capital Trust XV', 'Citigroup Capital Trust XX')).toBeLessThan(0.8);
  });
});

describe('screening persons by name parts', () => {
  const entity = (id: string, name: string, type: string, aliases: string[] = []): ListedEntity => ({
    id,
    list: 'SDN',
    source: 'Specially Designated Nationals (SDN) - Treasury Department',
    name,
    aliases,
    type,
    countries: [],
    addresses: [],
    programs: [],
  });
  const screener = buildScreener(
    [
      entity('sdn-1', 'GADDAFI, Muammar', 'Individual', ['QADHAFI, Muammar']),
      entity('sdn-2', 'Chemical Group', 'Entity'),
      entity('sdn-3', 'ZELENSKYY, Volodymyr Oleksandrovych', 'Individual'),
    ],
    { snapshot: 't', snapshotDate: 't' },
  );
  it('finds a transliteration variant of an Individual entry and explains it by parts', () => {
    const hit = screener.screen({ name: 'Moammar Qaddafi' })[0];
    expect(hit?.id).toBe('sdn-1');
    expect(hit?.explanation).toContain('by name parts');
  });
  it('scores compare() as screen() does for the same kind', () => {
    const s = screener.compare('Moammar Qaddafi', 'QADHAFI, Muammar', 'person').score;
    expect(screener.screen({ name: 'Moammar Qaddafi' })[0]?.score).toBeCloseTo(s, 3);
  });
  it('scores a person whose words all match in another order by parts when bin/ibn makes order matter', () => {
    expect(
      screener.compare('SALMAN BIN MUHAMMAD AL-RAWI', 'MUHAMMAD BIN SALMAN AL-RAWI', 'person').score,
    ).toBeLessThan(0.6);
    expect(screener.compare('Muammar Gaddafi', 'GADDAFI, Muammar', 'person').score).toBe(1);
  });
  it('does not let a part alignment pass an organisation that adds a distinctive word', () => {
    expect(screener.screen({ name: 'Wanhua Chemical Group' })).toEqual([]);
  });
});

describe('state-group short names in Chinese', () => {
  it('renders 中航 and 中电科 as the acronyms the listed English names use', async () => {
    const { normalizeName } = await import('./normalize.js');
    expect(normalizeName('中航光电科技股份有限公司').map((t) => t.key)).toContain('avic');
    expect(normalizeName('中电科思仪科技股份有限公司').map((t) => t.key)).toContain('cetc');
  });
});

describe('short name parts', () => {
  const part = (s: string) => computeParts(s, 'person')[0]!;
  it('do not pair on a shared phonetic key when they differ by more than one letter', () => {
    expect(partSimilarity(part('Chen'), part('Sun'))).toBeLessThan(0.62);
    expect(partSimilarity(part('Lee'), part('Lau'))).toBeLessThan(0.62);
  });
  it('still pair with one letter changed, and longer parts still pair by sound', () => {
    expect(partSimilarity(part('Liu'), part('Li'))).toBeGreaterThanOrEqual(0.62);
    expect(partSimilarity(part('Sergej'), part('Sergey'))).toBeGreaterThanOrEqual(0.9);
  });
});
