// The OpenAPI document and the docs page: generated from the routes, complete, offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import { escapeHtml, renderDocsPage } from '../src/server/docs-page.js';

async function app() {
  const store = await openStore('sqlite::memory:');
  return buildApp({ store, webRoot: null });
}

/** Every route of the API, as the spec must list it. */
const ROUTES = [
  'get /api/health',
  'get /api/documents',
  'post /api/documents',
  'get /api/documents/{id}',
  'get /api/events',
  'get /api/events/export',
  'get /api/incidents',
  'get /api/incidents/export',
  'get /api/incidents/{id}',
  'get /api/places',
  'get /api/actors',
  'get /api/speakers',
  'get /api/speakers/{name}',
  'get /api/quotes',
  'get /api/status',
  'post /api/extract',
];

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: { maximum?: number; pattern?: string } }[];
  responses?: Record<string, { description?: string }>;
  requestBody?: unknown;
  security?: unknown[];
}

test('GET /api/openapi.json is an OpenAPI 3 document listing every route, each with a summary, a tag and described answers', async () => {
  const a = await app();
  const res = await a.inject({ url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /application\/json/);
  const spec = JSON.parse(res.body) as { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, Operation>>; components?: { securitySchemes?: Record<string, unknown> } };
  assert.match(spec.openapi, /^3\.\d+\.\d+$/);
  assert.equal(spec.info.title, 'Vigie');
  assert.match(spec.info.version, /^\d+\.\d+\.\d+/);
  const listed = Object.entries(spec.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m} ${path}`));
  assert.deepEqual(listed.sort(), [...ROUTES].sort());
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const where = `${method} ${path}`;
      assert.ok(op.summary && op.summary.length > 5, `${where} has a summary`);
      assert.ok(op.tags?.length, `${where} has a tag`);
      assert.ok(op.responses && Object.keys(op.responses).length, `${where} has responses`);
      for (const [code, r] of Object.entries(op.responses)) {
        assert.match(code, /^[1-5]\d\d$/);
        assert.ok(r.description && r.description !== 'Default Response', `${where} ${code} is described`);
      }
      // A path parameter is declared as one, required.
      for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
        assert.ok(op.parameters?.some((p) => p.in === 'path' && p.name === name && p.required), `${where} declares {${name}}`);
      }
      const names = (op.parameters ?? []).map((p) => `${p.in}:${p.name}`);
      assert.equal(new Set(names).size, names.length, `${where}: no parameter twice`);
    }
  }
  // The doc routes and the UI are not API operations.
  assert.ok(!('/api/openapi.json' in spec.paths) && !('/api/docs' in spec.paths) && !('/' in spec.paths));
  await a.close();
});

test('the spec carries the query filters with their constraints, the write token and the posted body', async () => {
  const a = await app();
  const spec = (await a.inject({ url: '/api/openapi.json' })).json();
  const events = spec.paths['/api/events'].get as Operation;
  const byName = new Map((events.parameters ?? []).map((p) => [p.name, p]));
  for (const name of ['type', 'subType', 'plover', 'country', 'admin1', 'from', 'to', 'bbox', 'actor', 'speaker', 'modality', 'lang', 'source', 'doc', 'limit', 'offset', 'cursor']) {
    assert.ok(byName.has(name), `events filter ${name}`);
  }
  assert.equal(byName.get('limit')!.schema?.maximum, 1000);
  assert.equal(byName.get('country')!.schema?.pattern, '^[A-Za-z]{2}$');
  const post = spec.paths['/api/documents'].post as Operation;
  assert.deepEqual(post.security, [{ bearer: [] }]);
  assert.ok(spec.components.securitySchemes.bearer);
  assert.ok(post.requestBody, 'POST /api/documents describes its body');
  assert.ok(['200', '201', '401', '403'].every((c) => c in post.responses!));
  // Extract has no security requirement: it stores nothing.
  assert.equal(spec.paths['/api/extract'].post.security, undefined);
  await a.close();
});

test('describing the answers does not filter them: fields no schema names still reach the client', async () => {
  const store = await openStore('sqlite::memory:');
  const { extract } = await import('../src/pipeline/index.js');
  const d = { id: 'w1', text: 'Des soldats ont attaqué mardi un village près de Lyon, tuant trois civils.', published: '2024-05-07', source: 'Wire' };
  await store.putDocument(d, extract(d));
  const a = await buildApp({ store, webRoot: null });
  const doc = (await a.inject({ url: '/api/documents/w1' })).json();
  // The record's sentences and the event's why are not in the response schemas.
  assert.ok(Array.isArray(doc.record.sentences) && doc.record.sentences.length === 1);
  const events = (await a.inject({ url: '/api/events' })).json();
  assert.ok(events.items.length >= 1);
  assert.ok(Array.isArray(events.items[0].why), 'event.why kept');
  await a.close();
});

test('GET /api/docs is an HTML page of every operation that loads nothing from elsewhere', async () => {
  const a = await app();
  const res = await a.inject({ url: '/api/docs' });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /text\/html/);
  const html = res.body;
  for (const path of ['/api/events', '/api/documents/{id}', '/api/extract', '/api/incidents/export']) assert.ok(html.includes(`<code>${path}</code>`), path);
  assert.match(html, /Authorization: Bearer \$VIGIE_TOKEN/);
  // Every URL it names is on this server: no http(s)://, no protocol-relative //host.
  const urls = [...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]);
  assert.ok(urls.length >= 3);
  for (const u of urls) assert.match(u, /^(\/(?!\/)|#)/, u);
  assert.doesNotMatch(html, /<script/i);
  const css = await a.inject({ url: '/api/docs.css' });
  assert.equal(css.statusCode, 200);
  assert.match(css.headers['content-type'] as string, /text\/css/);
  await a.close();
});

test('the docs page escapes what the spec says', () => {
  assert.equal(escapeHtml(`<b a="1">&'</b>`), '&#60;b a=&#34;1&#34;&#62;&#38;&#39;&#60;/b&#62;');
  const html = renderDocsPage({
    openapi: '3.0.3',
    info: { title: 'T<script>', version: '1' },
    paths: { '/x': { get: { summary: '<img src=x onerror=alert(1)>', tags: ['t'], responses: { '200': { description: 'ok' } } } } },
  });
  assert.doesNotMatch(html, /<script>|<img/);
  assert.match(html, /&#60;img src=x/);
});
