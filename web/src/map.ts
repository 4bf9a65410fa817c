// The map: Leaflet with no tile layer (nothing is fetched), a basemap of country shapes from
// world-atlas drawn as vector, and the events as circles coloured by ACLED type and sized by
// deaths, gathered into grid clusters that split as one zooms in.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { gridClusters, radiusForFatalities, type Cluster } from '../../src/ui/spans.js';
import type { Incident, StoredEvent } from './api.js';
import { colourOf, OTHER_TYPE, typeOf } from './colors.js';
import { t } from './i18n.js';

/** Cluster cell in screen pixels. */
const CELL = 38;
/** From this zoom on, events at the very same spot are laid in a ring instead of merged. */
const RING_ZOOM = 7;

export const eventKey = (e: StoredEvent): string => `${e.docId}/${e.id}`;

function located(e: StoredEvent): e is StoredEvent & { location: { lat: number; lon: number } } {
  return e.location?.lat != null && e.location?.lon != null;
}

/** Makes a Leaflet path reachable by keyboard, named for a screen reader. */
function focusable(layer: L.Path, label: string, activate: () => void): void {
  const node = layer.getElement() as SVGElement | undefined;
  if (!node) return;
  node.setAttribute('tabindex', '0');
  node.setAttribute('role', 'button');
  node.setAttribute('aria-label', label);
  node.addEventListener('keydown', (ev) => {
    const k = (ev as KeyboardEvent).key;
    if (k === 'Enter' || k === ' ') {
      ev.preventDefault();
      activate();
    }
  });
}

export class EventMap {
  private readonly map: L.Map;
  private readonly points = L.layerGroup();
  /** Incidents, drawn under the events (added first): a click on a point still reaches the point. */
  private readonly rings = L.layerGroup();
  private events: StoredEvent[] = [];
  private incidents: Incident[] = [];
  private selected: string | null = null;

  constructor(
    element: HTMLElement,
    private readonly onSelect: (key: string) => void,
    private readonly onIncident: (incident: Incident) => void = () => undefined,
  ) {
    this.map = L.map(element, { minZoom: 1, maxZoom: 12, worldCopyJump: true, attributionControl: true, zoomSnap: 1 });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution('Natural Earth · world-atlas');
    const topology = world as unknown as Topology<{ countries: GeometryCollection }>;
    L.geoJSON(feature(topology, topology.objects.countries), {
      interactive: false,
      style: { color: '#9aa5b1', weight: 0.6, fillColor: '#eef1f3', fillOpacity: 1 },
    }).addTo(this.map);
    this.rings.addTo(this.map);
    this.points.addTo(this.map);
    this.map.setView([15, 10], 2);
    this.map.on('zoomend', () => this.draw());
  }

  /** Shows these incidents as rings at their places (none when `shown` is false). */
  setIncidents(incidents: Incident[], shown: boolean): void {
    this.incidents = shown ? incidents : [];
    this.drawIncidents();
  }

  private drawIncidents(): void {
    this.rings.clearLayers();
    for (const inc of this.incidents) {
      const at = inc.place;
      if (at?.lat == null || at.lon == null) continue;
      const type = inc.eventType ?? OTHER_TYPE;
      const sources = inc.sources.length;
      // A ring, not a disc: the events it gathers stay visible (and clickable) inside it.
      const ring = L.circleMarker([at.lat, at.lon], {
        radius: 14 + 2 * Math.min(sources, 6),
        color: colourOf(type),
        weight: 2 + Math.min(sources, 5),
        opacity: 0.55,
        fill: false,
        dashArray: sources > 1 ? undefined : '4 4',
        className: 'inc-ring',
      });
      ring.on('click', () => this.onIncident(inc));
      ring.addTo(this.rings);
      const node = ring.getElement();
      node?.setAttribute('data-incident', inc.id);
      focusable(ring, t('incidentPoint', { type, place: at.name ?? '', date: inc.date ?? '', n: sources }), () => this.onIncident(inc));
    }
  }

  /** Shows these events and frames them. */
  setEvents(events: StoredEvent[]): void {
    this.events = events;
    const spots = events.filter(located).map((e) => L.latLng(e.location.lat, e.location.lon));
    if (spots.length) this.map.fitBounds(L.latLngBounds(spots).pad(0.3), { maxZoom: 6, animate: false });
    this.draw();
  }

  /** Marks an event and brings it into view, close enough to stand alone. */
  select(key: string | null): void {
    this.selected = key;
    const e = this.events.find((x) => eventKey(x) === key);
    if (e && located(e)) {
      const zoom = Math.max(this.map.getZoom(), RING_ZOOM);
      if (zoom !== this.map.getZoom()) {
        this.map.setView([e.location.lat, e.location.lon], zoom, { animate: false });
        return; // zoomend draws
      }
      this.map.panTo([e.location.lat, e.location.lon], { animate: false });
    }
    this.draw();
  }

  /** Events without a known place cannot be drawn; the caller says how many. */
  unplaced(): number {
    return this.events.filter((e) => !located(e)).length;
  }

  private draw(): void {
    this.points.clearLayers();
    const zoom = this.map.getZoom();
    const pts = this.events.filter(located).map((e) => {
      const p = this.map.project([e.location.lat, e.location.lon], zoom);
      return { x: p.x, y: p.y, item: e };
    });
    for (const c of gridClusters(pts, CELL)) {
      if (c.items.length === 1) this.drawEvent(c.items[0], null);
      else if (zoom >= RING_ZOOM || zoom >= this.map.getMaxZoom()) this.drawRing(c);
      else this.drawCluster(c);
    }
  }

  private drawEvent(e: StoredEvent & { location: { lat: number; lon: number } }, at: L.LatLng | null): void {
    const key = eventKey(e);
    const type = typeOf(e);
    const chosen = key === this.selected;
    const marker = L.circleMarker(at ?? [e.location.lat, e.location.lon], {
      radius: radiusForFatalities(e.fatalities),
      color: chosen ? '#111' : '#fff',
      weight: chosen ? 3 : 1,
      fillColor: colourOf(type),
      fillOpacity: 0.85,
      className: chosen ? 'ev-point selected' : 'ev-point',
    });
    marker.on('click', () => this.onSelect(key));
    marker.addTo(this.points);
    const node = marker.getElement();
    node?.setAttribute('data-key', key);
    node?.setAttribute('data-type', type);
    focusable(marker, t('eventPoint', { type, place: e.location.name ?? '', date: e.date ?? '' }), () => this.onSelect(key));
  }

  /** Several events in one cell at a close zoom: each drawn on a small ring around their centre. */
  private drawRing(c: Cluster<StoredEvent>): void {
    const zoom = this.map.getZoom();
    const n = c.items.length;
    const r = 12 + 3 * n;
    c.items.forEach((e, i) => {
      const angle = (2 * Math.PI * i) / n;
      const at = this.map.unproject([c.x + r * Math.cos(angle), c.y + r * Math.sin(angle)], zoom);
      this.drawEvent(e as StoredEvent & { location: { lat: number; lon: number } }, at);
    });
  }

  private drawCluster(c: Cluster<StoredEvent>): void {
    const zoom = this.map.getZoom();
    const centre = this.map.unproject([c.x, c.y], zoom);
    const n = c.items.length;
    // Coloured by the most frequent type among its events.
    const tally = new Map<string, number>();
    for (const e of c.items) tally.set(typeOf(e), (tally.get(typeOf(e)) ?? 0) + 1);
    const main = [...tally.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const marker = L.circleMarker(centre, {
      radius: Math.min(30, 12 + 2.5 * Math.sqrt(n)),
      color: colourOf(main),
      weight: 3,
      fillColor: '#ffffff',
      fillOpacity: 0.9,
      className: 'ev-cluster',
    });
    const zoomIn = () => {
      const bounds = L.latLngBounds(c.items.filter(located).map((e) => L.latLng(e.location.lat, e.location.lon)));
      const target = Math.min(this.map.getBoundsZoom(bounds.pad(0.2)), RING_ZOOM);
      this.map.setView(bounds.getCenter(), Math.max(target, zoom + 1), { animate: false });
    };
    marker.on('click', zoomIn);
    marker.addTo(this.points);
    marker.getElement()?.setAttribute('data-count', String(n));
    focusable(marker, t('cluster', { n }), zoomIn);
    // The count, drawn by Leaflet as a non-interactive label (a number: no text of a dispatch).
    const label = document.createElement('span');
    label.textContent = String(n);
    L.marker(centre, { icon: L.divIcon({ className: 'cluster-count', html: label, iconSize: [30, 16] }), interactive: false, keyboard: false }).addTo(this.points);
  }
}
