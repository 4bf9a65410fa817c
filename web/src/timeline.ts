// The timeline: events per day stacked by ACLED type, a small SVG of its own. Each day is a
// button: choosing it filters the map and the table to that day, choosing it again lifts that.
import { eventsPerDay } from '../../src/ui/spans.js';
import type { StoredEvent } from './api.js';
import { ALL_TYPES, colourOf, typeOf } from './colors.js';
import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const HEIGHT = 110;
const AXIS = 18;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

export class Timeline {
  private events: StoredEvent[] = [];
  private chosen: string | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly onChoose: (day: string | null) => void,
  ) {}

  setEvents(events: StoredEvent[], chosen: string | null): void {
    this.events = events;
    this.chosen = chosen;
    this.draw();
  }

  refresh(): void {
    this.draw();
  }

  private draw(): void {
    const days = eventsPerDay(this.events.map((e) => ({ date: e.date, type: typeOf(e) })), ALL_TYPES);
    if (!days.length) {
      const p = document.createElement('p');
      p.className = 'hint';
      p.textContent = t('noData');
      this.root.replaceChildren(p);
      return;
    }
    const barW = Math.max(6, Math.min(28, Math.floor(900 / days.length)));
    const width = days.length * barW;
    const max = Math.max(...days.map((d) => d.total));
    const scale = (HEIGHT - AXIS - 4) / max;
    const chart = svg('svg', { class: 'timeline-chart', viewBox: `0 0 ${width} ${HEIGHT}`, width, height: HEIGHT, role: 'group' });
    chart.setAttribute('aria-label', t('timeline'));
    days.forEach((d, i) => {
      const g = svg('g', { class: d.day === this.chosen ? 'day chosen' : 'day', 'data-day': d.day });
      const x = i * barW;
      // The whole column answers a click, not only its coloured part.
      g.append(svg('rect', { class: 'day-hit', x, y: 0, width: barW, height: HEIGHT - AXIS }));
      let y = HEIGHT - AXIS;
      d.counts.forEach((n, k) => {
        if (!n) return;
        const h = n * scale;
        y -= h;
        g.append(svg('rect', { x: x + 1, y, width: barW - 2, height: h, fill: colourOf(ALL_TYPES[k]) }));
      });
      const title = svg('title', {});
      title.textContent = t('dayBar', { day: d.day, n: d.total });
      g.append(title);
      if (d.total) {
        g.setAttribute('tabindex', '0');
        g.setAttribute('role', 'button');
        g.setAttribute('aria-label', t('dayBar', { day: d.day, n: d.total }));
        g.setAttribute('aria-pressed', String(d.day === this.chosen));
        const choose = () => this.onChoose(d.day === this.chosen ? null : d.day);
        g.addEventListener('click', choose);
        g.addEventListener('keydown', (ev) => {
          if (ev.key === 'Enter' || ev.key === ' ') {
            ev.preventDefault();
            choose();
          }
        });
      }
      chart.append(g);
    });
    // Dates under the first, the last and a few days between.
    const step = Math.max(1, Math.ceil(days.length / 6));
    days.forEach((d, i) => {
      if (i % step !== 0 && i !== days.length - 1) return;
      const label = svg('text', { x: i * barW + barW / 2, y: HEIGHT - 4, 'text-anchor': i === 0 ? 'start' : i === days.length - 1 ? 'end' : 'middle', class: 'axis' });
      label.textContent = d.day.slice(5);
      chart.append(label);
    });
    this.root.replaceChildren(chart);
  }
}
