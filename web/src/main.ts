// The analyst's desk: filters → events → map, timeline and table; a chosen event opens its
// dispatch in the reader; a pasted or loaded dispatch is extracted and read at once, and stored
// when asked (with the server's token); who speaks, and their quotes; exports of what is shown.
import './style.css';
import {
  ApiError, EXPORT_FORMATS, exportHref, extractText, fetchDocument, fetchEvents, fetchHealth, fetchIncidents, storeText, type EventFilters,
  type Incident, type PostedDocument, type StoredDocument, type StoredEvent, type StoredQuote,
} from './api.js';
import { ACLED_TYPES, OTHER_TYPE } from './colors.js';
import { colourOf } from './colors.js';
import { initialUiLang, onUiLang, setUiLang, t, translate, uiLang } from './i18n.js';
import { EventMap, eventKey } from './map.js';
import { Reader, type ReaderDocument } from './reader.js';
import { SpeakersView } from './speakers.js';
import { EventTable } from './table.js';
import { Timeline } from './timeline.js';
import { readUpload, UploadProblem, MAX_UPLOAD_BYTES } from './upload.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const state = {
  filters: {} as EventFilters,
  day: null as string | null,
  events: [] as StoredEvent[],
  total: 0,
  selected: null as string | null,
};

const status = $('status');
function say(text: string): void {
  status.textContent = text;
}
function sayError(e: unknown): void {
  say(t('error', { msg: e instanceof ApiError || e instanceof Error ? e.message : String(e) }));
}

const reader = new Reader($('reader-body'));
const map = new EventMap($('map'), (key) => void select(key), (inc) => openIncident(inc));
const table = new EventTable($<HTMLTableElement>('events-table'), (key) => void select(key));
const timeline = new Timeline($('timeline'), (day) => {
  state.day = day;
  showEvents();
});

function visible(): StoredEvent[] {
  return state.day ? state.events.filter((e) => e.date === state.day) : state.events;
}

/** Map and table show the chosen day, the timeline always the whole range. */
function showEvents(): void {
  const shown = visible();
  map.setEvents(shown);
  table.setEvents(shown);
  timeline.setEvents(state.events, state.day);
  map.select(state.selected);
  table.select(state.selected);
  const parts = [t('nEventsShown', { n: shown.length, total: state.total })];
  if (state.day) parts.push(t('dayFilter', { day: state.day }));
  const off = map.unplaced();
  if (off) parts.push(t('noPlace', { n: off }));
  say(parts.join(' · '));
}

/** The export links follow the filters: what is downloaded is what is shown (without the day chosen). */
function updateExports(): void {
  for (const kind of ['events', 'incidents'] as const) {
    for (const format of EXPORT_FORMATS) {
      const a = $<HTMLAnchorElement>(`export-${kind}-${format}`);
      a.href = exportHref(kind, format, state.filters);
      a.title = t('exportTitle', { format: a.textContent ?? format });
    }
  }
}

async function load(): Promise<void> {
  say(t('loading'));
  updateExports();
  try {
    const { total, items } = await fetchEvents(state.filters);
    state.events = items;
    state.total = total;
    if (state.day && !items.some((e) => e.date === state.day)) state.day = null;
    showEvents();
  } catch (e) {
    sayError(e);
  }
  void loadIncidents();
}

function readable(doc: StoredDocument): ReaderDocument {
  return { title: doc.title ?? doc.id, meta: [doc.source, doc.published].filter(Boolean).join(' · '), text: doc.text, record: doc.record };
}

async function select(key: string): Promise<void> {
  state.selected = key;
  map.select(key);
  table.select(key);
  const e = state.events.find((x) => eventKey(x) === key);
  if (!e) return;
  try {
    reader.show(readable(await fetchDocument(e.docId)), e.id);
  } catch (err) {
    sayError(err);
  }
}

/** An incident opens on its first event: in the table and on the map when the filters show it, in the reader always. */
function openIncident(inc: Incident): void {
  const first = inc.events[0];
  if (!first) return;
  const key = `${first.docId}/${first.eventId}`;
  if (state.events.some((e) => eventKey(e) === key)) {
    void select(key);
    return;
  }
  void fetchDocument(first.docId).then((doc) => reader.show(readable(doc), first.eventId), sayError);
}

function readFilters(form: HTMLFormElement): EventFilters {
  const data = new FormData(form);
  const get = (name: string) => String(data.get(name) ?? '').trim() || undefined;
  return { type: get('type'), country: get('country')?.toUpperCase(), from: get('from'), to: get('to'), actor: get('actor'), speaker: get('speaker') };
}

function fillTypes(): void {
  const select = $<HTMLSelectElement>('f-type');
  const keep = select.value;
  select.replaceChildren();
  const any = document.createElement('option');
  any.value = '';
  any.textContent = t('anyType');
  select.append(any);
  for (const type of ACLED_TYPES) {
    const o = document.createElement('option');
    o.value = type;
    o.textContent = type;
    select.append(o);
  }
  select.value = keep;
}

function drawLegend(): void {
  const box = $('legend');
  box.replaceChildren();
  for (const type of [...ACLED_TYPES, OTHER_TYPE]) {
    const item = document.createElement('span');
    item.className = 'legend-item';
    const dot = document.createElement('span');
    dot.className = 'dot';
    dot.style.background = colourOf(type);
    item.append(dot, document.createTextNode(type));
    box.append(item);
  }
}

let incidents: Incident[] = [];

async function loadIncidents(): Promise<void> {
  try {
    incidents = (await fetchIncidents({ ...state.filters })).items;
  } catch {
    incidents = [];
  }
  drawIncidents();
  map.setIncidents(incidents, $<HTMLInputElement>('show-incidents').checked);
}

function drawIncidents(): void {
  const box = $('incidents');
  if (!incidents.length) {
    const p = document.createElement('p');
    p.className = 'hint';
    p.textContent = t('noIncidents');
    box.replaceChildren(p);
    return;
  }
  const list = document.createElement('ul');
  list.className = 'incident-list';
  for (const inc of incidents) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'incident';
    const place = inc.place?.name ? `${inc.place.name}${inc.place.country ? ` (${inc.place.country})` : ''}` : '—';
    b.textContent = `${inc.date ?? '—'} · ${inc.eventType ?? OTHER_TYPE} · ${place}`;
    b.dataset.incident = inc.id;
    b.addEventListener('click', () => openIncident(inc));
    const facts = document.createElement('span');
    facts.className = 'incident-facts';
    facts.textContent = `${t('sources')}: ${inc.sources.length} (${inc.sources.join(', ')}) · ${t('agree')}: ${inc.agree ? t('yes') : t('no')}`;
    li.append(b, facts);
    list.append(li);
  }
  box.replaceChildren(list);
}

function wire(): void {
  const form = $<HTMLFormElement>('filters');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!form.reportValidity()) return;
    state.filters = readFilters(form);
    state.day = null;
    void load();
  });
  form.addEventListener('reset', () => {
    state.filters = {};
    state.day = null;
    setTimeout(() => void load(), 0);
  });
  // A type chosen applies at once: the most common filter, one step.
  $<HTMLSelectElement>('f-type').addEventListener('change', () => form.requestSubmit());

  wirePaste();
  $<HTMLInputElement>('show-incidents').addEventListener('change', (ev) => map.setIncidents(incidents, (ev.target as HTMLInputElement).checked));
  const speakersForm = $<HTMLFormElement>('speakers-form');
  speakersForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void speakers.load({ name: $<HTMLInputElement>('speakers-name').value.trim() || undefined, named: $<HTMLInputElement>('speakers-named').checked });
  });

  const toggle = $<HTMLButtonElement>('lang-toggle');
  toggle.addEventListener('click', () => setUiLang(uiLang() === 'fr' ? 'en' : 'fr'));
  onUiLang(() => {
    toggle.textContent = t('switchTo');
    $('lang-current').textContent = t('current');
    fillTypes();
    table.refresh();
    timeline.refresh();
    reader.refresh();
    drawIncidents();
    speakers.refresh();
    updateExports();
    showStoreHint();
    if (state.events.length) showEvents();
  });
}

// ---- paste, load a file, store

const speakers = new SpeakersView($('speakers'), $('quotes'), {
  readQuote: (q: StoredQuote) => void fetchDocument(q.docId).then((doc) => {
    reader.showQuote(readable(doc), q.id);
    $('reader').focus();
  }, sayError),
  showEvents: (name: string) => {
    const form = $<HTMLFormElement>('filters');
    $<HTMLInputElement>('f-speaker').value = name;
    form.requestSubmit();
  },
  onError: sayError,
});

/** How the server takes writes: with its token, or not at all (GET /api/health says). */
let writes: 'token' | 'disabled' = 'disabled';
/** The title of a loaded page, sent with its text when it is stored. */
let loadedTitle: string | undefined;

function showStoreHint(): void {
  const box = $<HTMLInputElement>('store-it');
  box.disabled = writes === 'disabled';
  if (box.disabled) box.checked = false;
  $('token-label').hidden = !box.checked || writes !== 'token';
  $('store-hint').textContent = t(writes === 'token' ? 'storeHintToken' : 'storeHintDisabled');
}

function savedToken(): string {
  try {
    return sessionStorage.getItem('vigie.token') ?? '';
  } catch {
    return '';
  }
}

function keepToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem('vigie.token', token);
    else sessionStorage.removeItem('vigie.token');
  } catch {
    // private mode: the token lasts the page
  }
}

function wirePaste(): void {
  const paste = $<HTMLFormElement>('paste-form');
  const tokenInput = $<HTMLInputElement>('store-token');
  tokenInput.value = savedToken();
  $<HTMLInputElement>('store-it').addEventListener('change', () => {
    showStoreHint();
    if ($<HTMLInputElement>('store-it').checked && writes === 'token') tokenInput.focus();
  });
  $<HTMLInputElement>('upload-file').addEventListener('change', async (ev) => {
    const file = (ev.target as HTMLInputElement).files?.[0];
    if (!file) return;
    try {
      const doc = await readUpload(file);
      $<HTMLTextAreaElement>('paste-text').value = doc.text;
      if (doc.lang) $<HTMLSelectElement>('paste-lang').value = doc.lang;
      if (doc.published) $<HTMLInputElement>('paste-published').value = doc.published;
      loadedTitle = doc.title;
      say(t('uploadRead', { name: file.name, n: doc.text.length }));
    } catch (e) {
      if (!(e instanceof UploadProblem)) return sayError(e);
      const why = e.reason === 'tooBig' ? t('tooBig', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }) : t(e.reason);
      say(t('uploadRefused', { name: file.name, why }));
    }
  });
  // Typing in the box makes it another text than the file's: its title no longer applies.
  $<HTMLTextAreaElement>('paste-text').addEventListener('input', () => (loadedTitle = undefined));
  paste.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const posted: PostedDocument = {
      text: $<HTMLTextAreaElement>('paste-text').value,
      lang: $<HTMLSelectElement>('paste-lang').value || undefined,
      published: $<HTMLInputElement>('paste-published').value || undefined,
      ...(loadedTitle ? { title: loadedTitle } : {}),
    };
    const store = $<HTMLInputElement>('store-it').checked && writes === 'token';
    if (store && !tokenInput.value.trim()) {
      say(t('needToken'));
      tokenInput.focus();
      return;
    }
    say(t('extracting'));
    try {
      const record = await extractText(posted);
      reader.show({ title: t(store ? 'pastedStored' : 'pasted'), meta: [record.lang, record.published].filter(Boolean).join(' · '), text: posted.text, record });
      const parts = [t('nEvents', { n: record.events.length })];
      if (store) {
        const token = tokenInput.value.trim();
        try {
          const saved = await storeText(posted, token);
          keepToken(token);
          parts.push(t(saved.status === 'inserted' ? 'stored' : 'storedAgain', { id: saved.id, n: saved.events }));
          void load();
          void speakers.load();
        } catch (e) {
          // A refused token is forgotten, so the next try asks again.
          if (e instanceof ApiError && e.status === 401) keepToken(null);
          throw e;
        }
      }
      say(parts.join(' · '));
      $('reader').focus();
    } catch (e) {
      sayError(e);
    }
  });
}

wire();
drawLegend();
setUiLang(initialUiLang());
translate();
void load();
void speakers.load();
void fetchHealth().then((h) => {
  writes = h.writes === 'token' ? 'token' : 'disabled';
  showStoreHint();
}, () => showStoreHint());
