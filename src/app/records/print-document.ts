/**
 * Printable documents (issue 15, item 5): one model — a title, sections of label/value rows, tables and
 * paragraphs — rendered as an HTML page with a print stylesheet and as a PDF (pdfkit). The End-User Statement
 * request and Statement, the license and the case file are built as this model (documents.ts), so the page and
 * the PDF say the same thing.
 *
 * PDF fonts: pdfkit's built-in Helvetica has no Chinese. The PDF uses a CJK font found at run time —
 * HTT_PDF_FONT (a .ttf, .otf or .ttc path, optionally `#PostScriptName` for a collection), else Debian's
 * fonts-noto-cjk (Noto Sans CJK SC), else DejaVu Sans. With none of them a document whose text Helvetica
 * cannot show is refused with DOC.FONT_MISSING and a message naming the package to install; nothing is
 * silently dropped. A document written in Chinese (`lang: 'zh'`) needs a CJK font (HTT_PDF_FONT or Noto Sans
 * CJK): DejaVu Sans has no Chinese, so without one it is refused with DOC.FONT_MISSING too. (The fonts are not shipped in the repository: Noto Sans CJK is 19 MB.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { HttError } from '../../core/errors.js';
import { DOCUMENT_STYLE } from '../page-styles.js';
import type { Lang } from '../../core/messages/messages.js';

export interface DocTable {
  head: string[];
  rows: (string | number | null | undefined)[][];
  /** relative column widths for the PDF (default: equal) */
  widths?: number[];
}

export interface DocSection {
  heading: string;
  rows?: [string, string | number | boolean | null | undefined][];
  table?: DocTable;
  paragraphs?: string[];
  /** shown when the section has nothing else */
  empty?: string;
}

export interface PrintDocument {
  /** The reader's language the document is written in (default English); the HTML root's lang. */
  lang?: Lang;
  title: string;
  /** the line under the title: who generated it, when, under what retention */
  subtitle: string;
  sections: DocSection[];
  /** the file name without extension, for downloads */
  fileName: string;
}

const escText = (v: unknown): string =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** Chinese, Japanese or Korean text, tagged so that a browser picks a CJK font and screen readers the voice. */
const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const CJK_RUNS = /([\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+)/;
/** In an English document: Chinese text (a name, an importer's text) tagged lang="zh". */
const cellEn = (v: unknown): string => {
  const text = escText(v);
  return CJK.test(String(v ?? '')) ? `<span lang="zh">${text}</span>` : text;
};
/**
 * In a Chinese document: what stays English — CFR citations, list entries, names and the evaluator's English —
 * tagged lang="en", run by run (a Latin run with a word of two letters or more; numbers and dates are neither).
 */
const cellZh = (v: unknown): string =>
  String(v ?? '')
    .split(CJK_RUNS)
    .map((run, i) => {
      if (i % 2 === 1 || !/[A-Za-z]{2}/.test(run)) return escText(run);
      const [lead, core, trail] = trimRun(run);
      return `${escText(lead)}<span lang="en">${escText(core)}</span>${escText(trail)}`;
    })
    .join('');
/** A run's English core, without the spaces around it and the brackets it does not close or open itself. */
function trimRun(run: string): [string, string, string] {
  const count = (s: string, c: string) => s.split(c).length - 1;
  let lead = /^[\s,;:]*/.exec(run)![0];
  let core = run.slice(lead.length);
  let trail = /[\s,;:]*$/.exec(core)![0];
  core = core.slice(0, core.length - trail.length);
  while (core.startsWith('(') && count(core, '(') > count(core, ')')) {
    lead += '(';
    core = core.slice(1).trimStart();
  }
  while (core.endsWith(')') && count(core, ')') > count(core, '(')) {
    trail = `)${trail}`;
    core = core.slice(0, -1).trimEnd();
  }
  return [lead, core, trail];
}
const shown = (v: unknown) => v !== undefined && v !== null && v !== '';

export function documentHtml(doc: PrintDocument): string {
  const lang = doc.lang ?? 'en';
  const cell = lang === 'zh' ? cellZh : cellEn;
  const esc = cell; // headings and labels: in the document's language, English parts tagged
  const section = (s: DocSection): string => {
    const rows = (s.rows ?? []).filter(([, v]) => shown(v));
    const parts = [
      rows.length
        ? `<table class="rows">${rows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${cell(v)}</td></tr>`).join('')}</table>`
        : '',
      s.table?.rows.length
        ? `<table><thead><tr>${s.table.head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${s.table.rows
            .map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`
        : '',
      ...(s.paragraphs ?? []).map((p) => `<p>${cell(p)}</p>`),
    ].join('');
    return `<section><h2>${esc(s.heading)}</h2>${parts || `<p class="none">${esc(s.empty ?? 'none')}</p>`}</section>`;
  };
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escText(doc.title)}</title>
<style>${DOCUMENT_STYLE}</style>
</head><body>
<h1>${cell(doc.title)}</h1>
<p class="sub">${cell(doc.subtitle)}</p>
${doc.sections.map(section).join('\n')}
</body></html>
`;
}

// ------------------------------------------------------------------------------------------------- PDF

interface FontChoice {
  data: Buffer;
  /** the face inside a collection */
  name?: string;
  path: string;
  /** it has the Chinese characters (a configured HTT_PDF_FONT is taken to have them) */
  cjk: boolean;
}

const CANDIDATES: [string, string | undefined][] = [
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', undefined],
];

let cached: FontChoice | null | undefined;

/** The font the PDFs are set in, looked up once; null when only pdfkit's Helvetica is available. */
export function pdfFont(env: NodeJS.ProcessEnv = process.env): FontChoice | null {
  if (env === process.env && cached !== undefined) return cached;
  let found: FontChoice | null = null;
  const configured = env.HTT_PDF_FONT;
  if (configured) {
    const [path, name] = configured.split('#') as [string, string | undefined];
    if (!existsSync(path))
      throw new HttError({
        code: 'DOC.FONT_MISSING',
        message: `HTT_PDF_FONT names ${path}, which does not exist`,
      });
    found = { path, name, data: readFileSync(path), cjk: true };
  } else {
    const hit = CANDIDATES.find(([p]) => existsSync(p));
    if (hit) found = { path: hit[0], name: hit[1], data: readFileSync(hit[0]), cjk: /CJK/.test(hit[0]) };
  }
  if (env === process.env) cached = found;
  return found;
}

/** Text Helvetica (WinAnsi) can set. */
const WIN_ANSI_EXTRA = new Set([...'\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac']);
const winAnsi = (s: string) => [...s].every((ch) => ch.codePointAt(0)! <= 0xff || WIN_ANSI_EXTRA.has(ch));

function allText(doc: PrintDocument): string {
  return [
    doc.title,
    doc.subtitle,
    ...doc.sections.flatMap((s) => [
      s.heading,
      s.empty ?? '',
      ...(s.rows ?? []).flatMap(([k, v]) => [k, String(v ?? '')]),
      ...(s.table ? [...s.table.head, ...s.table.rows.flat().map((c) => String(c ?? ''))] : []),
      ...(s.paragraphs ?? []),
    ]),
  ].join('\n');
}

/** The document as a PDF (A4). */
export async function documentPdf(doc: PrintDocument, font: FontChoice | null = pdfFont()): Promise<Buffer> {
  const text = allText(doc);
  if ((!font && !winAnsi(text)) || (doc.lang === 'zh' && !font?.cjk))
    throw new HttError({
      code: 'DOC.FONT_MISSING',
      message:
        'this document has Chinese (or other non-Latin) text and no font for it is installed: install Debian fonts-noto-cjk or set HTT_PDF_FONT to a CJK font file',
    });
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: doc.title, Creator: 'htt' },
    lang: doc.lang ?? 'en',
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  if (font) pdf.registerFont('body', font.data, font.name);
  const body = font ? 'body' : 'Helvetica';
  const bold = font ? 'body' : 'Helvetica-Bold';
  pdf.font(body);
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  const ensure = (h: number) => {
    if (pdf.y + h > bottom()) pdf.addPage();
  };
  /** one row of cells side by side, each wrapped in its column; returns nothing, moves y below the row */
  const row = (
    cells: string[],
    widths: number[],
    options: { font?: string; size?: number; fill?: string } = {},
  ) => {
    pdf.font(options.font ?? body).fontSize(options.size ?? 9);
    const pad = 3;
    const heights = cells.map((c, i) => pdf.heightOfString(c || ' ', { width: widths[i]! - 2 * pad }));
    const h = Math.max(...heights) + 2 * pad;
    ensure(h);
    const top = pdf.y;
    let x = left;
    cells.forEach((c, i) => {
      const w = widths[i]!;
      if (options.fill) pdf.rect(x, top, w, h).fill(options.fill).fillColor('#000');
      pdf.rect(x, top, w, h).lineWidth(0.5).strokeColor('#888').stroke();
      pdf.text(c || ' ', x + pad, top + pad, { width: w - 2 * pad });
      x += w;
    });
    pdf.x = left;
    pdf.y = top + h;
  };

  pdf.font(bold).fontSize(16).text(doc.title, { width });
  pdf.moveDown(0.3);
  pdf.font(body).fontSize(9).fillColor('#333').text(doc.subtitle, { width }).fillColor('#000');
  for (const s of doc.sections) {
    pdf.moveDown(0.8);
    ensure(40);
    pdf.font(bold).fontSize(12).text(s.heading, left, pdf.y, { width });
    pdf.moveDown(0.3);
    let any = false;
    const rows = (s.rows ?? []).filter(([, v]) => shown(v));
    for (const [k, v] of rows) row([k, String(v)], [width * 0.3, width * 0.7]);
    any ||= rows.length > 0;
    if (s.table?.rows.length) {
      const rel = s.table.widths ?? s.table.head.map(() => 1);
      const sum = rel.reduce((a, b) => a + b, 0);
      const widths = rel.map((r) => (width * r) / sum);
      row(s.table.head, widths, { font: bold, fill: '#eeeeee' });
      for (const r of s.table.rows)
        row(
          r.map((c) => String(c ?? '')),
          widths,
        );
      any = true;
    }
    for (const p of s.paragraphs ?? []) {
      pdf.font(body).fontSize(9).text(p, left, pdf.y, { width });
      pdf.moveDown(0.3);
      any = true;
    }
    if (!any)
      pdf
        .font(body)
        .fontSize(9)
        .text(s.empty ?? 'none', left, pdf.y, { width });
  }
  // page numbers
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    pdf
      .font(body)
      .fontSize(8)
      .fillColor('#555')
      .text(`${doc.title} — ${i + 1} / ${range.count}`, left, pdf.page.height - 35, {
        width,
        align: 'center',
        lineBreak: false,
      });
  }
  pdf.end();
  return done;
}
