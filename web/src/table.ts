// The event table: sortable by any column (buttons in the header), a row chosen by click or
// keyboard selects the event on the map and opens it in the reader.
import { compareValues } from '../../src/ui/spans.js';
import type { StoredEvent } from './api.js';
import { colourOf, typeOf } from './colors.js';
import { t, type Key } from './i18n.js';
import { eventKey } from './map.js';

interface Column {
  key: Key;
  value: (e: StoredEvent) => string | number | null;
}

const COLUMNS: Column[] = [
  { key: 'date', value: (e) => e.date },
  { key: 'type', value: (e) => typeOf(e) },
  { key: 'subType', value: (e) => e.acled?.subEventType ?? e.plover.type },
  { key: 'actor1', value: (e) => e.actor1?.name ?? null },
  { key: 'actor2', value: (e) => e.actor2?.name ?? null },
  { key: 'place', value: (e) => e.location?.name ?? null },
  { key: 'country', value: (e) => e.location?.country ?? null },
  { key: 'fatalities', value: (e) => e.fatalities },
  { key: 'source', value: (e) => e.document.source },
];

/** Rows drawn at most: the table is for reading, the export is for everything. */
const MAX_ROWS = 500;

export class EventTable {
  private events: StoredEvent[] = [];
  private sortKey: Key = 'date';
  private dir: 1 | -1 = -1;
  private selected: string | null = null;

  constructor(
    private readonly table: HTMLTableElement,
    private readonly onSelect: (key: string) => void,
  ) {}

  setEvents(events: StoredEvent[]): void {
    this.events = events;
    this.draw();
  }

  select(key: string | null): void {
    this.selected = key;
    this.table.querySelectorAll<HTMLTableRowElement>('tbody tr').forEach((tr) => {
      const on = tr.dataset.key === key;
      tr.classList.toggle('selected', on);
      tr.setAttribute('aria-selected', String(on));
      if (on) tr.scrollIntoView({ block: 'nearest' });
    });
  }

  refresh(): void {
    this.draw();
  }

  private draw(): void {
    const head = document.createElement('thead');
    const hr = document.createElement('tr');
    for (const c of COLUMNS) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.setAttribute('aria-sort', c.key === this.sortKey ? (this.dir === 1 ? 'ascending' : 'descending') : 'none');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'sort';
      b.dataset.col = c.key;
      b.textContent = t(c.key === 'country' ? 'country' : c.key) + (c.key === this.sortKey ? (this.dir === 1 ? ' ▲' : ' ▼') : '');
      b.title = t('sortBy', { col: t(c.key) });
      b.addEventListener('click', () => {
        if (this.sortKey === c.key) this.dir = this.dir === 1 ? -1 : 1;
        else {
          this.sortKey = c.key;
          this.dir = c.key === 'date' || c.key === 'fatalities' ? -1 : 1;
        }
        this.draw();
        this.table.querySelector<HTMLButtonElement>(`button[data-col="${c.key}"]`)?.focus();
      });
      th.append(b);
      hr.append(th);
    }
    head.append(hr);
    const col = COLUMNS.find((c) => c.key === this.sortKey)!;
    const rows = [...this.events].sort((a, b) => compareValues(col.value(a), col.value(b), this.dir)).slice(0, MAX_ROWS);
    const body = document.createElement('tbody');
    for (const e of rows) {
      const tr = document.createElement('tr');
      const key = eventKey(e);
      tr.dataset.key = key;
      tr.tabIndex = 0;
      if (key === this.selected) tr.classList.add('selected');
      for (const c of COLUMNS) {
        const td = document.createElement('td');
        const v = c.value(e);
        if (c.key === 'type') {
          const dot = document.createElement('span');
          dot.className = 'dot';
          dot.style.background = colourOf(typeOf(e));
          td.append(dot);
        }
        td.append(document.createTextNode(v === null ? '—' : String(v)));
        tr.append(td);
      }
      tr.addEventListener('click', () => this.onSelect(key));
      tr.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          this.onSelect(key);
        }
      });
      body.append(tr);
    }
    this.table.replaceChildren(head, body);
  }
}
