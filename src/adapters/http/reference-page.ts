/**
 * A browsable API reference rendered on the server from the OpenAPI document: no external scripts or
 * stylesheets, so it works offline.
 */
type Doc = {
  info: { title: string; version: string; description?: string };
  paths?: Record<
    string,
    Record<
      string,
      {
        summary?: string;
        tags?: string[];
        requestBody?: unknown;
        parameters?: { name: string; in: string }[];
        responses?: Record<string, { description?: string }>;
      }
    >
  >;
};

/** The reference page's inline stylesheet (allowed by its hash in the CSP, src/adapters/http/app.ts). */
export const REFERENCE_STYLE =
  'body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#111}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:6px;text-align:left;vertical-align:top}code{background:#f3f3f3;padding:1px 4px}';

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string,
  );

export function referencePage(doc: Doc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'other';
      const params = (op.parameters ?? []).map((p) => `${esc(p.name)} (${esc(p.in)})`).join(', ');
      const codes = Object.keys(op.responses ?? {}).join(' ');
      const row = `<tr><td><code>${esc(method.toUpperCase())}</code></td><td><code>${esc(path)}</code></td><td>${esc(op.summary)}${params ? `<br><small>parameters: ${params}</small>` : ''}${op.requestBody ? '<br><small>JSON body</small>' : ''}</td><td><small>${esc(codes)}</small></td></tr>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), row]);
    }
  }
  const sections = [...byTag.entries()]
    .map(
      ([tag, rows]) =>
        `<h2 id="${esc(tag)}">${esc(tag)}</h2><table><thead><tr><th>Method</th><th>Path</th><th>What</th><th>Responses</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)} reference</title>
<style>${REFERENCE_STYLE}</style>
</head><body><h1>${esc(doc.info.title)} ${esc(doc.info.version)}</h1><p>${esc(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Sign in with <code>POST /api/v1/auth/sign-in</code>, then send <code>Authorization: Bearer &lt;token&gt;</code>. Errors are <code>application/problem+json</code> with a stable <code>code</code> and the <code>field</code> at fault.</p>
<nav>${[...byTag.keys()].map((t) => `<a href="#${esc(t)}">${esc(t)}</a>`).join(' · ')}</nav>
${sections}
</body></html>`;
}
