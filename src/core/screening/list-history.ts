/**
 * List history from Federal Register citations: when a listed entry was added and amended, read from the
 * citations its list entry prints ("84 FR 22961, 85 FR 29852") and a citation-to-date table kept as data
 * (regulations/lists/fr-citation-dates.json, each date with its source). A citation not in the table is
 * placed between the nearest dated pages of its volume (pages are numbered in order of publication), and
 * at worst within its volume's year (volume N is 1935 + N). Pure.
 */

export interface CitationDateEntry {
  cite: string; // "84 FR 22963"
  published: string | null;
  sources?: string[];
  outOfOrderWith?: string[];
}

export interface CitationDatesFile {
  sources: { id: string; what: string }[];
  entries: CitationDateEntry[];
}

/** The table, indexed: per volume, the reliable dated pages in page order. */
export interface CitationDates {
  exact: Map<string, string>;
  byVolume: Map<number, { page: number; date: string }[]>;
  sources: string;
}

export function indexCitationDates(file: CitationDatesFile): CitationDates {
  const exact = new Map<string, string>();
  const byVolume = new Map<number, { page: number; date: string }[]>();
  for (const e of file.entries) {
    if (!e.published || e.outOfOrderWith?.length) continue;
    exact.set(e.cite, e.published);
    const [vol, page] = e.cite.split(' FR ').map(Number) as [number, number];
    let list = byVolume.get(vol);
    if (!list) byVolume.set(vol, (list = []));
    list.push({ page, date: e.published });
  }
  for (const list of byVolume.values()) list.sort((a, b) => a.page - b.page);
  return { exact, byVolume, sources: file.sources.map((s) => s.id).join('; ') };
}

export interface DatedCitation {
  cite: string;
  /** Earliest and latest possible publication dates (equal when known exactly). */
  from: string;
  to: string;
  how: 'table' | 'entry' | 'page order' | 'volume year';
}

const CITE = /(\d{2,3})\s*F\.?\s*R\.?\s*(\d[\d,]*)(?:[,.]?\s+(\d{1,2})\/(\d{1,2})\/(\d{2,4}))?/g;
const pad = (n: number) => String(n).padStart(2, '0');

/** The citations an entry prints, each with the dates it can have. */
export function datedCitations(fr: string, table?: CitationDates): DatedCitation[] {
  const out: DatedCitation[] = [];
  for (const m of fr.matchAll(CITE)) {
    const vol = Number(m[1]);
    const page = Number((m[2] as string).replace(/,/g, ''));
    const cite = `${vol} FR ${page}`;
    const year = 1935 + vol;
    const exact = table?.exact.get(cite);
    if (exact) {
      out.push({ cite, from: exact, to: exact, how: 'table' });
      continue;
    }
    if (m[5]) {
      let y = Number(m[5]);
      if (y < 100) y += y > 50 ? 1900 : 2000;
      if (y === year) {
        const d = `${y}-${pad(Number(m[3]))}-${pad(Number(m[4]))}`;
        out.push({ cite, from: d, to: d, how: 'entry' });
        continue;
      }
    }
    const pages = table?.byVolume.get(vol) ?? [];
    let lo = `${year}-01-01`;
    let hi = `${year}-12-31`;
    for (const p of pages) {
      if (p.page <= page) lo = p.date;
      else {
        hi = p.date;
        break;
      }
    }
    out.push({ cite, from: lo, to: hi, how: pages.length ? 'page order' : 'volume year' });
  }
  return out;
}

export type Membership =
  | { status: 'listed'; added: DatedCitation; amended: DatedCitation[] }
  | { status: 'not-yet'; added: DatedCitation }
  | { status: 'unconfirmed'; added: DatedCitation }
  | { status: 'undated' };

/**
 * Whether an entry was on its list on `asOf`, from its earliest citation (the addition; later ones amend it).
 * Removals are not in the data: an entry in the snapshot was not removed before it.
 */
export function membershipOn(fr: string | undefined, asOf: string, table?: CitationDates): Membership {
  const cites = fr ? datedCitations(fr, table) : [];
  if (!cites.length) return { status: 'undated' };
  const added = cites.reduce((a, b) => (b.to < a.to || (b.to === a.to && b.from < a.from) ? b : a));
  if (asOf < added.from) return { status: 'not-yet', added };
  if (asOf < added.to) return { status: 'unconfirmed', added };
  return { status: 'listed', added, amended: cites.filter((c) => c !== added) };
}
