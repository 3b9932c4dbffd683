/**
 * The inline stylesheets of the pages the server renders (the printable case file; the API reference has its
 * own in src/adapters/http/reference-page.ts). The HTTP adapter allows exactly these by their SHA-256 in the
 * Content-Security-Policy (no 'unsafe-inline'); the desk shows a case file in a sandboxed iframe, which
 * inherits the desk's policy.
 */
export const CASE_FILE_STYLE =
  'body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:1em 0;width:100%}th,td{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eee;width:14em}h1,h2{margin-top:1.5em}@media print{body{margin:0}}';
