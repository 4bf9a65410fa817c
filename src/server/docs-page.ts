// The API's docs page, rendered on the server from the OpenAPI document: plain HTML, no script,
// no asset from elsewhere, so it reads offline and under a Content-Security-Policy of 'self'.
// Every string from the spec is escaped: a description is data, not markup.

/** The parts of an OpenAPI 3 document this page reads. */
export interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
}

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string; enum?: unknown[]; default?: unknown; maximum?: number; minimum?: number; pattern?: string };
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: OpenApiParameter[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function schemaNote(p: OpenApiParameter): string {
  const s = p.schema ?? {};
  const parts: string[] = [];
  if (s.type) parts.push(s.type);
  if (s.enum) parts.push(`one of ${s.enum.map(String).join(', ')}`);
  if (s.pattern) parts.push(`pattern ${s.pattern}`);
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) parts.push(`≤ ${s.maximum}`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  return parts.join(' · ');
}

function renderOperation(path: string, method: string, op: OpenApiOperation): string {
  const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-');
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}${p.required ? ' (required)' : ''}</td>` +
        `<td>${escapeHtml(schemaNote(p))}</td><td>${escapeHtml(p.description ?? '')}</td></tr>`,
    )
    .join('');
  const responses = Object.entries(op.responses ?? {})
    .map(([code, r]) => `<li><code>${escapeHtml(code)}</code> ${escapeHtml(r.description ?? '')}</li>`)
    .join('');
  return [
    `<section class="op" id="${id}">`,
    `<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>`,
    op.summary ? `<p class="summary">${escapeHtml(op.summary)}</p>` : '',
    op.description ? `<p>${escapeHtml(op.description)}</p>` : '',
    op.security?.length ? '<p class="auth">Needs <code>Authorization: Bearer $VIGIE_TOKEN</code>.</p>' : '',
    params ? `<table><thead><tr><th>parameter</th><th>in</th><th>schema</th><th>description</th></tr></thead><tbody>${params}</tbody></table>` : '',
    op.requestBody ? '<p>Body: a JSON document <code>{text, id?, lang?, published?, source?, url?, title?}</code>.</p>' : '',
    responses ? `<ul class="responses">${responses}</ul>` : '',
    '</section>',
  ].join('\n');
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2733}
h1{margin-bottom:.2rem}code{background:#f1f3f5;padding:0 .25rem;border-radius:3px}
.op{border-top:1px solid #d9dee3;padding:.4rem 0}.method{display:inline-block;min-width:3.5rem;font-size:.8rem;color:#fff;background:#35618f;padding:.1rem .3rem;border-radius:3px;text-align:center}
.method.post{background:#2f7d4f}table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #d9dee3;padding:.2rem .4rem;text-align:left;vertical-align:top}
a:focus-visible{outline:3px solid #d9822b}`;

/**
 * The page: operations grouped by tag, each with its parameters and answers. The style sheet is
 * served from /api/docs.css (an inline <style> would need 'unsafe-inline' in the CSP).
 */
export function renderDocsPage(spec: OpenApiDoc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(renderOperation(path, method, op));
    }
  }
  const toc = [...byTag.keys()].map((t) => `<li><a href="#tag-${escapeHtml(t)}">${escapeHtml(t)}</a></li>`).join('');
  const body = [...byTag.entries()].map(([t, ops]) => `<h2 id="tag-${escapeHtml(t)}">${escapeHtml(t)}</h2>\n${ops.join('\n')}`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(spec.info.title)} — API</title><link rel="stylesheet" href="/api/docs.css"></head>
<body><h1>${escapeHtml(spec.info.title)} <small>${escapeHtml(spec.info.version)}</small></h1>
<p>${escapeHtml(spec.info.description ?? '')}</p>
<p>The machine-readable description: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${escapeHtml(spec.openapi)}). The web UI: <a href="/">/</a>.</p>
<nav><ul>${toc}</ul></nav>
${body}
</body></html>`;
}

export const DOCS_CSS = STYLE;
