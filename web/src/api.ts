// The calls the page makes: all to its own origin (relative URLs), JSON in and out.

export interface Span {
  start: number;
  end: number;
}
export interface TextSpan extends Span {
  text: string;
}
export interface Actor {
  name: string;
  inter: number | null;
}
export interface Evidence extends TextSpan {
  field: string;
}
export interface VEvent {
  id: string;
  trigger: TextSpan;
  acled: { eventType: string; subEventType: string } | null;
  plover: { type: string; mode: string | null };
  actor1: Actor | null;
  actor2: Actor | null;
  assocActor1?: Actor[];
  assocActor2?: Actor[];
  place: string | null;
  date: string | null;
  fatalities: number | null;
  tags: string[];
  modality: string;
  attributedTo: string[];
  evidence: Evidence[];
}
export interface StoredEvent extends VEvent {
  docId: string;
  location: { name: string | null; lat: number | null; lon: number | null; country: string | null; admin1: string | null } | null;
  document: { source: string | null; published: string | null; title: string | null; lang: string | null };
}
export interface Mention extends TextSpan {
  id: string;
  type: string;
  canonical: string | null;
}
export interface Quote extends Span {
  id: string;
  kind: string;
  content: Span;
  speaker: (TextSpan & { mention: string | null }) | null;
  cue?: (Span & { lemma: string }) | null;
}
export interface Time extends TextSpan {
  id: string;
  value: string;
}
export interface Place extends TextSpan {
  id: string;
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
}
export interface ExtractRecord {
  id: string;
  lang: string;
  published: string | null;
  source: string | null;
  mentions: Mention[];
  quotes: Quote[];
  times: Time[];
  places: Place[];
  events: VEvent[];
}
export interface StoredDocument {
  id: string;
  title: string | null;
  source: string | null;
  published: string | null;
  text: string;
  record: ExtractRecord;
}
export interface Incident {
  id: string;
  eventType: string | null;
  date: string | null;
  place: { name: string | null; country: string | null; lat: number | null; lon: number | null } | null;
  eventCount: number;
  actor1: string | null;
  actor2: string | null;
  sources: string[];
  agree: boolean;
  events: { docId: string; eventId: string }[];
}

export interface EventFilters {
  type?: string;
  country?: string;
  from?: string;
  to?: string;
  actor?: string;
  speaker?: string;
}

/** A page of a listing, as every list route answers. */
export interface Page<T> {
  total: number;
  items: T[];
  nextCursor: string | null;
}

export interface Speaker {
  name: string;
  type: string | null;
  quotes: number;
  documents: number;
  sources: number;
  firstPublished: string | null;
  lastPublished: string | null;
  topics: { topic: string; count: number }[];
  cues: { cue: string; count: number }[];
}

export interface StoredQuote {
  docId: string;
  id: string;
  kind: string;
  content: Span;
  text: string;
  speaker: { name: string | null; text: string; type: string | null } | null;
  cue: string | null;
  topics: string[];
  document: { lang: string | null; source: string | null; published: string | null; title: string | null };
}

export interface Health {
  ok: boolean;
  /** Whether POST /api/documents takes a token ('token') or is refused ('disabled'). */
  writes?: 'token' | 'disabled';
}

/** What a posted dispatch is: its text and what the desk knows of it. */
export interface PostedDocument {
  text: string;
  lang?: string;
  published?: string;
  title?: string;
  source?: string;
}

/** A refusal of the server, with the detail of its problem document. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function json<T>(res: Response): Promise<T> {
  if (res.ok) return (await res.json()) as T;
  let detail = `${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as { detail?: string; error?: string };
    detail = body.detail ?? body.error ?? detail;
  } catch {
    // not JSON: keep the status line
  }
  throw new ApiError(res.status, detail);
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Every page of events for the filters (following their cursors), up to `cap` events. */
export async function fetchEvents(filters: EventFilters, cap = 5000): Promise<{ total: number; items: StoredEvent[] }> {
  const items: StoredEvent[] = [];
  let total = 0;
  let cursor: string | undefined;
  do {
    const page = await json<Page<StoredEvent>>(await fetch(`/api/events${query({ ...filters, limit: 1000, cursor })}`));
    total = page.total;
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < cap);
  return { total, items };
}

export async function fetchDocument(id: string): Promise<StoredDocument> {
  return json<StoredDocument>(await fetch(`/api/documents/${encodeURIComponent(id)}`));
}

export async function extractText(body: PostedDocument): Promise<ExtractRecord> {
  return json<ExtractRecord>(
    await fetch('/api/extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  );
}

/** Stores a dispatch (POST /api/documents with the server's token): its id, and whether it was new. */
export async function storeText(body: PostedDocument, token: string): Promise<{ id: string; status: string; events: number }> {
  return json<{ id: string; status: string; events: number }>(
    await fetch('/api/documents', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }),
  );
}

export async function fetchHealth(): Promise<Health> {
  return json<Health>(await fetch('/api/health'));
}

export async function fetchIncidents(filters: EventFilters): Promise<Page<Incident>> {
  return json<Page<Incident>>(await fetch(`/api/incidents${query({ ...filters, limit: 200 })}`));
}

export async function fetchSpeakers(q: { name?: string; named?: boolean; cursor?: string }): Promise<Page<Speaker>> {
  return json<Page<Speaker>>(await fetch(`/api/speakers${query({ name: q.name, named: q.named ? 'true' : undefined, cursor: q.cursor, limit: 30 })}`));
}

export async function fetchQuotes(speaker: string, cursor?: string): Promise<Page<StoredQuote>> {
  return json<Page<StoredQuote>>(await fetch(`/api/quotes${query({ speaker, cursor, limit: 20 })}`));
}

export const EXPORT_FORMATS = ['jsonl', 'acled-csv', 'geojson'] as const;

/** The download of the listing under these filters (the server streams it, Content-Disposition: attachment). */
export function exportHref(kind: 'events' | 'incidents', format: (typeof EXPORT_FORMATS)[number], filters: EventFilters): string {
  return `/api/${kind}/export${query({ ...filters, format })}`;
}
