// The reader: a dispatch with its annotations drawn over the text from their offsets, and its
// events with one button per field that lights the words behind it (the event's evidence).
// The text is only ever put in the page as text nodes and textContent: a dispatch holding
// "<script>" shows those characters and runs nothing.
import { runsOf, type Layer } from '../../src/ui/spans.js';
import type { ExtractRecord, VEvent } from './api.js';
import { colourOf, typeOf } from './colors.js';
import { t, type Key } from './i18n.js';

export interface ReaderDocument {
  title: string;
  /** Outlet and dateline, already joined. */
  meta: string;
  text: string;
  record: ExtractRecord;
}

/** Fields shown as buttons, in this order; others present in the evidence follow. */
const FIELD_ORDER = ['trigger', 'actor1', 'actor2', 'assocActor1', 'assocActor2', 'place', 'date', 'fatalities', 'tag', 'modality', 'attribution'];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** What the field says, in a few words, for its button. */
function fieldValue(doc: ReaderDocument, e: VEvent, field: string, fallback: string): string {
  switch (field) {
    case 'trigger':
      return e.trigger.text;
    case 'actor1':
      return e.actor1?.name ?? fallback;
    case 'actor2':
      return e.actor2?.name ?? fallback;
    case 'place':
      return doc.record.places.find((p) => p.id === e.place)?.name ?? fallback;
    case 'date':
      return e.date ?? fallback;
    case 'fatalities':
      return e.fatalities === null ? fallback : String(e.fatalities);
    case 'modality':
      return e.modality;
    default:
      return fallback;
  }
}

function fieldLabel(field: string): string {
  const known: readonly string[] = ['trigger', 'actor1', 'actor2', 'assocActor1', 'assocActor2', 'place', 'date', 'fatalities', 'tag', 'modality', 'attribution'];
  return known.includes(field) ? t(field as Key) : field;
}

export class Reader {
  private doc: ReaderDocument | null = null;
  private eventId: string | null = null;
  private field: string | null = null;
  /** A quote lit instead of an event's field (opened from the speakers view). */
  private quoteId: string | null = null;
  private textBox: HTMLElement | null = null;

  constructor(private readonly root: HTMLElement) {}

  /** Opens a document; `eventId` selects one of its events and lights its trigger. */
  show(doc: ReaderDocument, eventId: string | null = null): void {
    this.doc = doc;
    this.quoteId = null;
    this.eventId = eventId ?? doc.record.events[0]?.id ?? null;
    this.field = this.eventId ? 'trigger' : null;
    this.render();
  }

  /** Opens a document with one of its quotes lit and brought into view. */
  showQuote(doc: ReaderDocument, quoteId: string): void {
    this.doc = doc;
    this.quoteId = quoteId;
    this.eventId = null;
    this.field = null;
    this.render();
    this.textBox?.querySelector('.hl-evidence')?.scrollIntoView({ block: 'nearest' });
  }

  clear(message: string): void {
    this.doc = null;
    this.root.replaceChildren(el('p', 'hint', message));
  }

  /** Redraws in the current interface language. */
  refresh(): void {
    if (this.doc) this.render();
  }

  private event(): VEvent | null {
    return this.doc?.record.events.find((e) => e.id === this.eventId) ?? null;
  }

  private render(): void {
    const doc = this.doc!;
    const head = el('header', 'reader-head');
    head.append(el('h3', 'reader-title', doc.title));
    if (doc.meta) head.append(el('p', 'reader-meta', doc.meta));
    head.append(this.legend());
    const events = el('section', 'reader-events');
    events.append(el('h4', undefined, t('eventsInDoc')));
    if (!doc.record.events.length) events.append(el('p', 'hint', t('noEvents')));
    else events.append(el('p', 'hint', t('fieldsHint')));
    for (const e of doc.record.events) events.append(this.eventBlock(doc, e));
    this.textBox = el('div', 'reader-text');
    this.textBox.setAttribute('lang', doc.record.lang === 'other' ? '' : doc.record.lang);
    this.drawText();
    this.root.replaceChildren(head, events, this.textBox);
  }

  private legend(): HTMLElement {
    const box = el('p', 'reader-legend');
    const items: [string, Key][] = [['hl-mention', 'legendMentions'], ['hl-quote', 'legendQuotes'], ['hl-time', 'legendTimes'], ['hl-place', 'legendPlaces'], ['hl-trigger', 'legendTriggers']];
    for (const [cls, key] of items) box.append(el('span', `swatch ${cls}`, t(key)), ' ');
    return box;
  }

  private eventBlock(doc: ReaderDocument, e: VEvent): HTMLElement {
    const block = el('div', 'reader-event');
    block.dataset.event = e.id;
    if (e.id === this.eventId) block.classList.add('selected');
    const type = typeOf(e);
    const title = el('p', 'reader-event-title');
    const dot = el('span', 'dot');
    dot.style.background = colourOf(type);
    title.append(dot, el('strong', undefined, e.acled ? `${e.acled.eventType} — ${e.acled.subEventType}` : `${type} (${e.plover.type})`));
    if (e.modality !== 'asserted') title.append(' ', el('em', undefined, `(${e.modality})`));
    block.append(title);
    const fields = el('div', 'fields');
    const present = [...new Set(e.evidence.map((x) => x.field))].sort((a, b) => rank(a) - rank(b));
    for (const field of present) {
      const words = e.evidence.filter((x) => x.field === field);
      const b = el('button', 'field', t('fieldValue', { field: fieldLabel(field), value: fieldValue(doc, e, field, words[0].text) }));
      b.type = 'button';
      b.dataset.field = field;
      const on = e.id === this.eventId && field === this.field;
      b.setAttribute('aria-pressed', String(on));
      b.addEventListener('click', () => {
        this.eventId = e.id;
        this.field = field;
        this.quoteId = null;
        this.root.querySelectorAll('.reader-event').forEach((x) => x.classList.toggle('selected', (x as HTMLElement).dataset.event === e.id));
        this.root.querySelectorAll('button.field').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
        this.drawText();
        this.textBox?.querySelector('.hl-evidence')?.scrollIntoView({ block: 'nearest' });
      });
      fields.append(b);
    }
    block.append(fields);
    return block;
  }

  /** The text as runs under its annotations, the chosen field's words lit. */
  private drawText(): void {
    const doc = this.doc!;
    const r = doc.record;
    const layers: Layer[] = [
      ...r.quotes.map((q) => ({ start: q.start, end: q.end, key: `quote:${q.id}` })),
      ...r.mentions.map((m) => ({ start: m.start, end: m.end, key: `mention:${m.id}` })),
      ...r.times.map((x) => ({ start: x.start, end: x.end, key: `time:${x.id}` })),
      ...r.places.map((p) => ({ start: p.start, end: p.end, key: `place:${p.id}` })),
      ...r.events.map((e) => ({ start: e.trigger.start, end: e.trigger.end, key: `trigger:${e.id}` })),
    ];
    const e = this.event();
    if (e && this.field) e.evidence.filter((x) => x.field === this.field).forEach((x, i) => layers.push({ start: x.start, end: x.end, key: `evidence:${i}` }));
    const lit = r.quotes.find((q) => q.id === this.quoteId);
    if (lit) layers.push({ start: lit.content.start, end: lit.content.end, key: 'evidence:quote' });
    const speakerAt = new Map<number, string>();
    for (const q of r.quotes) speakerAt.set(q.start, speakerName(r, q));
    const box = this.textBox!;
    box.replaceChildren();
    for (const run of runsOf(doc.text.length, layers)) {
      const speaker = speakerAt.get(run.start);
      if (speaker !== undefined) {
        // Said by whom, shown before the quote; aria-hidden text would be lost to a screen reader, so it is plain text.
        box.append(el('span', 'speaker-tag', t('saidBy', { who: speaker })));
        speakerAt.delete(run.start);
      }
      const words = doc.text.slice(run.start, run.end);
      if (!run.keys.length) {
        box.append(document.createTextNode(words));
        continue;
      }
      const span = el('span', undefined, words);
      span.className = run.keys.map((k) => classOf(r, k)).join(' ');
      span.title = run.keys.map((k) => describe(r, k)).filter(Boolean).join(' · ');
      box.append(span);
    }
  }
}

function rank(field: string): number {
  const i = FIELD_ORDER.indexOf(field);
  return i < 0 ? FIELD_ORDER.length : i;
}

function classOf(r: ExtractRecord, key: string): string {
  const [kind, id] = key.split(':');
  if (kind === 'mention') return `hl-mention hl-${r.mentions.find((m) => m.id === id)?.type ?? 'MISC'}`;
  return `hl-${kind}`;
}

/** The tooltip of an annotation: what the pipeline made of these words. */
function describe(r: ExtractRecord, key: string): string {
  const [kind, id] = key.split(':');
  if (kind === 'mention') {
    const m = r.mentions.find((x) => x.id === id);
    return m ? `${m.type}${m.canonical && m.canonical !== m.text ? ` → ${m.canonical}` : ''}` : '';
  }
  if (kind === 'time') return `${t('date')} ${r.times.find((x) => x.id === id)?.value ?? ''}`;
  if (kind === 'place') {
    const p = r.places.find((x) => x.id === id);
    return p ? `${t('place')} ${p.name}${p.country ? ` (${p.country})` : ''}` : '';
  }
  if (kind === 'trigger') {
    const e = r.events.find((x) => x.id === id);
    return e ? `${t('trigger')} ${typeOf(e)}` : '';
  }
  if (kind === 'quote') {
    const q = r.quotes.find((x) => x.id === id);
    return q?.speaker ? t('saidBy', { who: speakerName(r, q) }) : '';
  }
  return '';
}

/** Who said a quote: the speaker's words, and the name they stand for when it differs ("il (Awa Diarra)"). */
function speakerName(r: ExtractRecord, q: ExtractRecord['quotes'][number]): string {
  if (!q.speaker) return t('unknownSpeaker');
  const m = q.speaker.mention ? r.mentions.find((x) => x.id === q.speaker!.mention) : undefined;
  const full = m ? (m.canonical ?? m.text) : null;
  return full && full !== q.speaker.text ? `${q.speaker.text} (${full})` : q.speaker.text;
}
