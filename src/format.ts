// `--format pretty`: the record as a person reads it, each field next to the words behind it.
import type { AnnotatedDocument } from './pipeline/index.js';
import type { Span } from './types.js';

function excerpt(text: string, span: Span, max = 90): string {
  const s = text.slice(span.start, span.end).replace(/\s+/g, ' ');
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
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
  for (const e of ann.events) {
    const type = e.acled ? `${e.acled.eventType} / ${e.acled.subEventType}` : `PLOVER ${e.plover.type}`;
    lines.push(`  ${e.id} "${e.trigger.text}" ${type}  ${e.actor1?.name ?? '?'} → ${e.actor2?.name ?? '-'}  ${e.date ?? ''} ${e.modality}`);
  }
  return lines.join('\n') + '\n';
}
