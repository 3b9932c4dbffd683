/**
 * The inline stylesheets of the pages the server renders (the printable documents; the API reference has its
 * own in src/adapters/http/reference-page.ts). The HTTP adapter allows exactly these by their SHA-256 in the
 * Content-Security-Policy (no 'unsafe-inline'); the desk shows a case file in a sandboxed iframe, which
 * inherits the desk's policy.
 */
/**
 * The printable documents (End-User Statement and its request, license, case file): screen and print. In
 * print: A4 with margins, black on white, tables that do not split a row across pages, headings kept with
 * what follows them, long words and hashes broken.
 */
export const DOCUMENT_STYLE =
  'body{font:14px/1.45 system-ui,"Noto Sans CJK SC","Noto Sans",sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#111}h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #999}.sub{color:#333}table{border-collapse:collapse;margin:.6em 0;width:100%}th,td{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}thead th{background:#eee}table.rows th{background:#f4f4f4;width:30%}.none{color:#444;font-style:italic}@page{size:A4;margin:16mm 14mm}@media print{body{margin:0;max-width:none;padding:0;font-size:10.5pt;color:#000}h2{break-after:avoid}tr{break-inside:avoid}thead{display:table-header-group}th,td{border-color:#000}}';

/** The case file is one of the printable documents. */
export const CASE_FILE_STYLE = DOCUMENT_STYLE;
