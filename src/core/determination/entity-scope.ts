/**
 * The License Requirement column of an Entity List entry (Supp. No. 4 to Part 744), read into a scope and
 * its carve-outs by a small grammar over the phrasings the list uses:
 *
 *   text      := head [tail]* ['.'] [reference] [sentence]*
 *   head      := ["For"] ("all" | "any") "items subject to the EAR" | "For items on the CCL and [EAR99 items]
 *                listed in supplement no. 7 to part 746"
 *   tail      := ", except [for][:] <carve-out>" | ", apart from <carve-out>" | " when used in projects
 *                specified in § 746.8(a)(4)" | " listed in supplement no. 2 to part 744" | ", with
 *                case-by-case basis for items listed on the CCL" | reference
 *   reference := "(See §… of the EAR)" | ", see §§ … of the EAR" (footnote numerals dropped)
 *   sentence  := the GOV sentence | the "wherever located worldwide" sentence | the Crimea definition
 *
 * What the grammar does not consume makes the text "not understood": the caller must then say so
 * (unconfirmed) rather than read "all items". Pure.
 */

/** One carve-out ("except ...", "apart from ..."), with what an item must be for it to apply. */
export interface CarveOut {
  text: string;
  /** Items of this ECCN only (e.g. EAR99). */
  eccn?: string;
  /** Items of this kind only (commodity, software, technology). */
  kind?: 'commodity' | 'software' | 'technology';
  /** Items whose Schedule B / HTS number starts with one of these codes. */
  hs?: string[];
  /** What else must be true, which the check input does not state (null: nothing else). */
  condition: string | null;
}

export type EntityScope =
  | {
      understood: true;
      /** all: every item subject to the EAR; supp2: Supp. No. 2 to Part 744 items; ccl-supp7-746: CCL items and the EAR99 items of Supp. No. 7 to Part 746. */
      scope: 'all' | 'supp2' | 'ccl-supp7-746';
      carveOuts: CarveOut[];
      /** A condition on the end use that the input does not state (e.g. projects of §746.8(a)(4)). */
      condition: string | null;
      references: string[];
      notes: string[];
    }
  | { understood: false; text: string; rest: string };

const clean = (s: string): string =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

// "(See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR)4" and its variants (missing bracket, footnotes)
const REFERENCE =
  /^[.,]?\s*(?:\(\s*see\s*(?:part)?\s*(§[^()]*(?:\([^()]*\)[^()]*)*?)\s*of the EAR\.?\s*(?:\)|$)|,?\s*see\s+(§.*?)\s*of the EAR)\s*\d?\s*\.?\s*/i;
const SENTENCES: { re: RegExp; note: (m: RegExpExecArray) => string }[] = [
  {
    re: /^This license requirement may be overcome by License Exception GOV under (§ ?740\.11.*?)(?:\.\s+(?=[A-Z])|\.?$)/i,
    note: (m) => `the entry says License Exception GOV (${m[1]}) may overcome this license requirement`,
  },
  {
    re: /^The license requirements under this entry also extend to any export, reexport and transfer \(in-country\) to the entity wherever located worldwide\.?\s*/i,
    note: () => 'the license requirement extends to the entity wherever located worldwide',
  },
  {
    re: /^Russia does not include the "Crimea region of Ukraine," as that term is defined in section 8\(d\) of E\.O\. 13685\.?\s*/i,
    note: () => 'Russia does not include the Crimea region of Ukraine (E.O. 13685 §8(d))',
  },
];

const UAV_TECH =
  /^EAR99-designated technology for the operation, maintenance, or repair of (.+?) released to this entity by the operator of the \S+$/i;
const OFAC_GL =
  /^items that are related to transactions that are authorized by the Department of the Treasury's Office of Foreign Assets Control pursuant to (General License No\. \w+ of [A-Z][a-z]+ \d{1,2}, \d{4})$/;
const HS_LIST =
  /^(.+?) under the following Harmonized System \(HS\) codes: ([\d, ]+); or (items required for the continued operation of .+)$/i;

function carveOut(text: string): CarveOut[] | null {
  const t = text.replace(/[.\s]+$/, '');
  let m = UAV_TECH.exec(t);
  if (m)
    return [
      {
        text: t,
        eccn: 'EAR99',
        kind: 'technology',
        condition: `the technology is for the operation, maintenance or repair of ${m[1]} and is released to the entity by the operator`,
      },
    ];
  m = OFAC_GL.exec(t);
  if (m) return [{ text: t, condition: `the transaction is authorized by OFAC ${m[1]}` }];
  m = HS_LIST.exec(t);
  if (m) {
    const hs = [...new Set((m[2] as string).split(/[,\s]+/).filter(Boolean))];
    return [
      { text: `${m[1]} under HS codes ${hs.join(', ')}`, hs, condition: null },
      { text: m[3] as string, condition: m[3] as string },
    ];
  }
  return null;
}

/** Read one License Requirement text. */
export function parseEntityScope(raw: string): EntityScope {
  const text = clean(raw);
  let rest = text;
  let scope: 'all' | 'supp2' | 'ccl-supp7-746';
  const carveOuts: CarveOut[] = [];
  const references: string[] = [];
  const notes: string[] = [];
  let condition: string | null = null;
  const fail = (): EntityScope => ({ understood: false, text, rest });

  let m = /^(?:for\s+)?(?:all|any) items? subject to the EAR/i.exec(rest);
  const ccl =
    /^for items on the CCL and (?:EAR99 items )?listed in supplement no\. 7 to part 746 of the EAR/i.exec(
      rest,
    );
  if (m) scope = 'all';
  else if (ccl) {
    scope = 'ccl-supp7-746';
    m = ccl;
  } else return fail();
  rest = rest.slice(m[0].length);

  for (let guard = 0; rest.trim() && guard < 12; guard++) {
    let x: RegExpExecArray | null;
    if ((x = /^\s*listed in supplement no\. 2 to part 744\b/i.exec(rest)) && scope === 'all') {
      scope = 'supp2';
    } else if ((x = /^,? with case-by-case basis for items listed on the CCL/i.exec(rest))) {
      notes.push('review policy: case-by-case for items listed on the CCL');
    } else if ((x = /^\s*when used in projects specified in (§ ?746\.8\(a\)\(4\)) of the EAR/i.exec(rest))) {
      condition = `the items are used in projects specified in ${x[1]}`;
    } else if ((x = /^\.?\s*\(See (§ ?746\.8\(a\)\(4\)) of the EAR\)/i.exec(rest)) && !condition) {
      // "For all items subject to the EAR. (See § 746.8(a)(4) of the EAR)": the reference states the scope
      references.push(x[1] as string);
      condition = `the items are used in projects specified in ${x[1]}`;
    } else if ((x = /^,?\s*(?:except(?: for)?:?|apart from) (.+?)(?=\.\s+[A-Z(]|\.?$)/i.exec(rest))) {
      const c = carveOut(x[1] as string);
      if (!c) return fail();
      carveOuts.push(...c);
    } else if ((x = REFERENCE.exec(rest)) && x[0].trim()) {
      references.push(clean((x[1] ?? x[2] ?? '').replace(/,\s?\d\s/g, ', ')));
    } else {
      const body = rest.replace(/^[.\s]+/, '');
      if (!body) break;
      const s = SENTENCES.map((d) => ({ d, mm: d.re.exec(body) })).find((y) => y.mm);
      if (!s?.mm) return fail();
      notes.push(s.d.note(s.mm));
      rest = body.slice(s.mm[0].length);
      continue;
    }
    rest = rest.slice(x[0].length);
  }
  rest = rest.replace(/^[.\s\d]+$/, '');
  if (rest.trim()) return fail();
  return { understood: true, scope, carveOuts, condition, references, notes };
}

/** How an entry's scope reaches one item: covered, carved out (certainly), or depending on a fact not given. */
export type ItemScope =
  | { status: 'covered' }
  | { status: 'outside'; why: string }
  | { status: 'carved-out'; carveOut: CarveOut }
  | { status: 'depends'; why: string };

export function scopeForItem(
  s: Extract<EntityScope, { understood: true }>,
  item: { eccn: string; kind?: string; scheduleB?: string },
  inSupp2: boolean,
): ItemScope {
  if (s.scope === 'supp2' && !inSupp2)
    return { status: 'outside', why: 'the entry reaches only items in Supp. No. 2 to Part 744' };
  if (s.scope === 'ccl-supp7-746' && item.eccn === 'EAR99')
    return {
      status: 'depends',
      why: 'the entry reaches EAR99 items only if listed in Supp. No. 7 to Part 746, which is not in our data',
    };
  for (const c of s.carveOuts) {
    if (c.eccn && c.eccn !== item.eccn) continue;
    if (c.kind && c.kind !== (item.kind ?? 'commodity')) continue;
    if (c.hs) {
      const code = (item.scheduleB ?? '').replace(/\D/g, '');
      if (code && c.hs.some((h) => code.startsWith(h) || h.startsWith(code))) {
        if (c.hs.some((h) => code.startsWith(h))) return { status: 'carved-out', carveOut: c };
        return { status: 'depends', why: `whether the item falls under the carve-out "${c.text}"` };
      }
      continue;
    }
    if (c.condition === null) return { status: 'carved-out', carveOut: c };
    return { status: 'depends', why: `the carve-out "${c.text}" applies if ${c.condition}` };
  }
  if (s.condition) return { status: 'depends', why: `the entry applies only if ${s.condition}` };
  return { status: 'covered' };
}
