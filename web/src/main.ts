// The analyst's desk: filters → events → map, timeline and table; a chosen event opens its
// dispatch in the reader; a pasted dispatch is extracted and read at once.
import './style.css';
import { ApiError, extractText, fetchDocument, fetchEvents, fetchIncidents, type EventFilters, type Incident, type StoredEvent } from './api.js';
import { ACLED_TYPES, OTHER_TYPE } from './colors.js';
import { colourOf } from './colors.js';
import { initialUiLang, onUiLang, setUiLang, t, translate, uiLang } from './i18n.js';
import { EventMap, eventKey } from './map.js';
import { Reader } from './reader.js';
import { EventTable } from './table.js';
import { Timeline } from './timeline.js';

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
const map = new EventMap($('map'), (key) => void select(key));
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

async function load(): Promise<void> {
  say(t('loading'));
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

async function select(key: string): Promise<void> {
  state.selected = key;
  map.select(key);
  table.select(key);
  const e = state.events.find((x) => eventKey(x) === key);
  if (!e) return;
  try {
    const doc = await fetchDocument(e.docId);
    const meta = [doc.source, doc.published].filter(Boolean).join(' · ');
    reader.show({ title: doc.title ?? doc.id, meta, text: doc.text, record: doc.record }, e.id);
  } catch (err) {
    sayError(err);
  }
}

function readFilters(form: HTMLFormElement): EventFilters {
  const data = new FormData(form);
  const get = (name: string) => String(data.get(name) ?? '').trim() || undefined;
  return { type: get('type'), country: get('country')?.toUpperCase(), from: get('from'), to: get('to'), actor: get('actor') };
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
    const first = inc.events[0];
    b.addEventListener('click', () => {
      if (!first) return;
      const key = `${first.docId}/${first.eventId}`;
      // The incident's event may be outside the current filters: read it all the same.
      if (!state.events.some((e) => eventKey(e) === key)) {
        void fetchDocument(first.docId).then((doc) => reader.show({ title: doc.title ?? doc.id, meta: [doc.source, doc.published].filter(Boolean).join(' · '), text: doc.text, record: doc.record }, first.eventId), sayError);
      } else void select(key);
    });
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

  const paste = $<HTMLFormElement>('paste-form');
  paste.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const text = $<HTMLTextAreaElement>('paste-text').value;
    const lang = $<HTMLSelectElement>('paste-lang').value || undefined;
    const published = $<HTMLInputElement>('paste-published').value || undefined;
    say(t('extracting'));
    try {
      const record = await extractText({ text, lang, published });
      reader.show({ title: t('pasted'), meta: [record.lang, record.published].filter(Boolean).join(' · '), text, record });
      say(t('nEvents', { n: record.events.length }));
      $('reader').focus();
    } catch (e) {
      sayError(e);
    }
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
    if (state.events.length) showEvents();
  });
}

wire();
drawLegend();
setUiLang(initialUiLang());
translate();
void load();
