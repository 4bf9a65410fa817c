// `--format pretty`: the record as a person reads it, each field next to the words behind it.
import type { AnnotatedDocument } from './pipeline/index.js';
import type { Annotations, EventActor, Span, VEvent } from './types.js';

function excerpt(text: string, span: Span, max = 90): string {
  const s = text.slice(span.start, span.end).replace(/\s+/g, ' ');
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

const TIME_PRECISION: Readonly<Record<number, string>> = { 1: 'day', 2: 'week', 3: 'month+' };

function actors(main: EventActor | null, assoc: EventActor[]): string {
  return [main?.name ?? '?', ...assoc.map((a) => a.name)].join(' + ');
}

/** Who an event is attributed to: a quote's speaker (its full name when known), else the outlet. */
function attribution(e: VEvent, ann: Annotations): string {
  const mentions = new Map(ann.mentions.map((m) => [m.id, m]));
  const quotes = new Map(ann.quotes.map((q) => [q.id, q]));
  return e.attributedTo.map((id) => {
    const speaker = quotes.get(id)?.speaker;
    if (!speaker) return id;
    const m = speaker.mention ? mentions.get(speaker.mention) : undefined;
    return `${id} ${m ? m.canonical ?? m.text : speaker.text}`;
  }).join(', ');
}

/** One line an event, then the rules that made it. */
function eventLines(e: VEvent, ann: Annotations): string[] {
  const type = e.acled ? `${e.acled.eventType} / ${e.acled.subEventType}` : 'no ACLED type';
  const plover = `PLOVER ${e.plover.type}${e.plover.mode ? `/${e.plover.mode}` : ''}`;
  const who = `${actors(e.actor1, e.assocActor1)} → ${e.actor2 || e.assocActor2.length ? actors(e.actor2, e.assocActor2) : '-'}`;
  const place = e.place ? `@ ${ann.places.find((p) => p.id === e.place)?.name ?? e.place}` : '';
  const date = e.date ? `${e.date}${e.timePrecision ? ` (${TIME_PRECISION[e.timePrecision]})` : ''}` : 'date ?';
  const claimed = e.fatalitiesClaimedBy ? ` (claimed by ${e.fatalitiesClaimedBy})` : '';
  const dead = e.fatalities === null ? '' : `fatalities ${e.fatalities}${claimed}`;
  const per = e.attributedTo.length ? `per ${attribution(e, ann)}` : '';
  const head = [`"${e.trigger.text}"`, type, plover, who, place, date, dead, e.modality, per].filter(Boolean).join('  ');
  return [`  ${e.id} ${head}`, `      why: ${e.why.length ? e.why.join(', ') : '-'}`];
}

export function formatPretty({ doc, ann }: AnnotatedDocument): string {
  const t = doc.text;
  const lines: string[] = [];
  const how = ann.language.method === 'given' ? 'given' : `detected, confidence ${ann.language.confidence}`;
  lines.push(`# ${doc.id}  lang ${doc.lang} (${how})  published ${doc.published ?? '-'}  source ${doc.source ?? '-'}`);
  lines.push(`## ${ann.sentences.length} sentences`);
  ann.sentences.forEach((s, i) => lines.push(`  ${String(i + 1).padStart(3)} [${s.start}-${s.end}] ${excerpt(t, s)}`));
  lines.push(`## ${ann.mentions.length} mentions`);
  for (const m of ann.mentions) {
    const extra = [m.canonical && m.canonical !== m.text ? `= ${m.canonical}` : '', m.role ? `role: ${m.role}` : ''].filter(Boolean).join('  ');
    lines.push(`  ${m.id} ${m.type.padEnd(4)} [${m.start}-${m.end}] ${m.text}  ${extra}`);
  }
  lines.push(`## ${ann.quotes.length} quotes`);
  const byId = new Map(ann.mentions.map((m) => [m.id, m]));
  for (const q of ann.quotes) {
    const named = q.speaker?.mention ? byId.get(q.speaker.mention) : undefined;
    const full = named ? named.canonical ?? named.text : null;
    const who = !q.speaker ? '(speaker unknown)' : full && full !== q.speaker.text ? `${q.speaker.text} → ${full}` : q.speaker.text;
    const extra = [q.cue ? `cue ${q.cue.lemma}` : '', q.channel ? `channel ${q.channel}` : '', q.addressee ? `to ${q.addressee}` : ''].filter(Boolean).join(', ');
    lines.push(`  ${q.id} ${q.kind} [${q.content.start}-${q.content.end}] "${excerpt(t, q.content, 70)}" — ${who}${extra ? ` (${extra})` : ''}`);
  }
  lines.push(`## ${ann.times.length} times`);
  for (const x of ann.times) lines.push(`  ${x.id} ${x.type} [${x.start}-${x.end}] ${x.text} → ${x.value} (${x.precision})`);
  lines.push(`## ${ann.places.length} places`);
  for (const p of ann.places) {
    const where = [p.admin1, p.country].filter(Boolean).join(', ');
    const at = p.lat != null && p.lon != null ? ` @ ${p.lat.toFixed(3)},${p.lon.toFixed(3)}` : '';
    lines.push(`  ${p.id} [${p.start}-${p.end}] ${p.text} → ${p.name}${where ? ` (${where})` : ''}${at} ${p.featureCode ?? ''} precision ${p.geoPrecision}${p.metonym ? ' metonym' : ''}`);
  }
  lines.push(`## ${ann.events.length} events`);
  for (const e of ann.events) lines.push(...eventLines(e, ann));
  return lines.join('\n') + '\n';
}
