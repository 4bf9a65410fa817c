// The speakers view: who is quoted, how often, and on what (the kinds of the events their words
// report, the verbs that introduce them); a speaker chosen lists their quotes, each one a step
// from the dispatch it is in. Names and quotes are put in the page as text only.
import { fetchQuotes, fetchSpeakers, type Page, type Speaker, type StoredQuote } from './api.js';
import { t } from './i18n.js';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(className: string, text: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', className, text);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

export interface SpeakerActions {
  /** Open the dispatch holding a quote, the quote lit. */
  readQuote(q: StoredQuote): void;
  /** Filter the events to those attributed to this speaker. */
  showEvents(name: string): void;
  onError(e: unknown): void;
}

export class SpeakersView {
  private filter: { name?: string; named?: boolean } = {};
  private speakers: Speaker[] = [];
  private next: string | null = null;
  private chosen: string | null = null;
  private quotes: StoredQuote[] = [];
  private nextQuotes: string | null = null;

  constructor(
    private readonly list: HTMLElement,
    private readonly quotesBox: HTMLElement,
    private readonly actions: SpeakerActions,
  ) {}

  async load(filter: { name?: string; named?: boolean } = this.filter): Promise<void> {
    this.filter = filter;
    try {
      const page = await fetchSpeakers(filter);
      this.speakers = page.items;
      this.next = page.nextCursor;
    } catch (e) {
      this.speakers = [];
      this.next = null;
      this.actions.onError(e);
    }
    this.draw();
    if (this.chosen) await this.choose(this.chosen);
  }

  /** Redraws in the current interface language. */
  refresh(): void {
    this.draw();
    this.drawQuotes();
  }

  private async more(): Promise<void> {
    if (!this.next) return;
    try {
      const page = await fetchSpeakers({ ...this.filter, cursor: this.next });
      this.speakers.push(...page.items);
      this.next = page.nextCursor;
    } catch (e) {
      this.actions.onError(e);
    }
    this.draw();
    this.list.querySelectorAll<HTMLButtonElement>('button.speaker')[this.speakers.length - 1]?.focus();
  }

  private async choose(name: string, focus = false): Promise<void> {
    this.chosen = name;
    try {
      const page: Page<StoredQuote> = await fetchQuotes(name);
      this.quotes = page.items;
      this.nextQuotes = page.nextCursor;
    } catch (e) {
      this.quotes = [];
      this.nextQuotes = null;
      this.actions.onError(e);
    }
    this.list.querySelectorAll<HTMLButtonElement>('button.speaker').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.name === name)));
    this.drawQuotes();
    if (focus) this.quotesBox.querySelector<HTMLElement>('h3')?.focus();
  }

  private async moreQuotes(): Promise<void> {
    if (!this.chosen || !this.nextQuotes) return;
    try {
      const page = await fetchQuotes(this.chosen, this.nextQuotes);
      this.quotes.push(...page.items);
      this.nextQuotes = page.nextCursor;
    } catch (e) {
      this.actions.onError(e);
    }
    this.drawQuotes();
  }

  private draw(): void {
    if (!this.speakers.length) {
      this.list.replaceChildren(el('p', 'hint', t('noSpeakers')));
      return;
    }
    const ul = el('ul', 'speaker-list');
    for (const s of this.speakers) {
      const li = el('li');
      const b = button('speaker', s.name, () => void this.choose(s.name, true));
      b.dataset.name = s.name;
      b.setAttribute('aria-pressed', String(s.name === this.chosen));
      const facts = el('span', 'speaker-facts', t('speakerFacts', { quotes: s.quotes, documents: s.documents, sources: s.sources }));
      li.append(b, ' ', el('span', 'speaker-type', s.type ?? t('unnamed')), ' ', facts);
      const topics = s.topics.slice(0, 4).map((x) => `${x.topic} (${x.count})`).join(', ');
      if (topics) li.append(el('span', 'speaker-topics', t('onWhat', { topics })));
      const cues = s.cues.slice(0, 4).map((x) => `${x.cue} (${x.count})`).join(', ');
      if (cues) li.append(el('span', 'speaker-cues', t('howSaid', { cues })));
      ul.append(li);
    }
    const parts: HTMLElement[] = [ul];
    if (this.next) parts.push(button('more', t('moreSpeakers'), () => void this.more()));
    this.list.replaceChildren(...parts);
  }

  private drawQuotes(): void {
    if (!this.chosen) {
      this.quotesBox.replaceChildren();
      return;
    }
    const name = this.chosen;
    const head = el('h3', 'quotes-title', t('quotesOf', { name }));
    head.tabIndex = -1;
    const actions = el('p', 'quote-actions');
    actions.append(button('events-of', t('eventsOfSpeaker'), () => this.actions.showEvents(name)));
    const ol = el('ol', 'quote-list');
    for (const q of this.quotes) {
      const li = el('li');
      li.dataset.doc = q.docId;
      li.dataset.quote = q.id;
      const words = el('q', 'quote-text', q.text);
      const where = el('span', 'quote-where', t('quoteIn', { title: q.document.title ?? q.docId, source: q.document.source ?? '—', date: q.document.published ?? '—' }));
      li.append(words, ' ', where);
      if (q.topics.length) li.append(' ', el('span', 'quote-topics', t('onWhat', { topics: q.topics.join(', ') })));
      li.append(' ', button('read-quote', t('readQuote'), () => this.actions.readQuote(q)));
      ol.append(li);
    }
    const parts: HTMLElement[] = [head, actions, ol];
    if (this.nextQuotes) parts.push(button('more', t('moreQuotes'), () => void this.moreQuotes()));
    this.quotesBox.replaceChildren(...parts);
  }
}
