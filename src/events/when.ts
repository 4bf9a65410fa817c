// When a happening took place: the time expression that governs the trigger's clause (else its
// sentence), read at the precision the text gives, with ACLED's time_precision; a campaign
// "depuis début mai" is dated by its start; without any, the dateline.
import type { TimeExpr } from '../types.js';
import { clauseRange, inSentence, sentenceRange, tokenAt, type EventContext } from './context.js';
import { matchAt } from './patterns.js';
import type { TriggerHit } from './triggers.js';

export interface EventDate {
  date: string | null;
  timePrecision: 1 | 2 | 3 | null;
  time: TimeExpr | null;
  rule: string;
  /** Dated by the start of a longer campaign ("since early May"). */
  background: boolean;
}

/** ISO date of the Monday of an ISO week. */
function isoWeekMonday(year: number, week: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const day = (jan4.getUTCDay() + 6) % 7;
  const monday = new Date(jan4.getTime() + ((week - 1) * 7 - day) * 86400000);
  return monday.toISOString().slice(0, 10);
}

/** A TIMEX3 value read as an event date with ACLED's precision; null when it names no date. */
export function dateOfValue(value: string): { date: string; precision: 1 | 2 | 3 } | null {
  let m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  if (m) return { date: m[1], precision: 1 };
  m = /^(\d{4})-W(\d{2})/.exec(value);
  if (m) return { date: isoWeekMonday(Number(m[1]), Number(m[2])), precision: 2 };
  m = /^(\d{4}-\d{2})$/.exec(value);
  if (m) return { date: m[1], precision: 3 };
  m = /^(\d{4})(?:$|-(?:Q\d|H\d|SP|SU|FA|WI))/.exec(value);
  if (m) return { date: m[1], precision: 3 };
  return null;
}

const DATED_TYPES = new Set(['DATE', 'TIME']);

interface DatedTime {
  t: TimeExpr;
  tok: number;
  campaign: boolean;
}

/** The time expressions of the document that name a date, read once: token, campaign start. */
function datedTimes(ctx: EventContext): DatedTime[] {
  if (!ctx.cache.datedTimes) {
    ctx.cache.datedTimes = ctx.ann.times
      .filter((t) => DATED_TYPES.has(t.type) && dateOfValue(t.value))
      .map((t) => {
        const tok = tokenAt(ctx, t.start);
        return { t, tok, campaign: opensCampaign(ctx, tok) };
      });
  }
  return ctx.cache.datedTimes;
}

/** The dated time expressions of one sentence (token range [from, to)). */
function datedTimesIn(ctx: EventContext, from: number, to: number): DatedTime[] {
  return inSentence(ctx, datedTimes(ctx), (x) => x.t, ctx.sent[from]).filter((x) => x.tok >= from && x.tok < to);
}

/** "depuis début mai", "since early May": the time opens a campaign rather than naming its day. */
function opensCampaign(ctx: EventContext, tok: number): boolean {
  // "depuis fin mars", "depuis le lancement fin mars", "since early March"
  for (let start = tok - 1; start >= Math.max(0, tok - 4); start--) {
    if (!ctx.isWord(start)) return false;
    for (const p of ctx.lex.background.candidatesAt(ctx, start)) {
      const end = matchAt(p, ctx, start, tok + 1);
      if (end >= 0 && end <= tok + 1) return true;
    }
  }
  return false;
}

export function dateOf(ctx: EventContext, hit: TriggerHit): EventDate {
  const [sa, sb] = sentenceRange(ctx, hit.first);
  const [ca, cb] = clauseRange(ctx, hit.first);
  // A pluperfect takes only a time told with it ("avait attaqué lundi"), not one of another phrase
  // of its clause ("Après la réunion de vendredi, X avait dénoncé Y").
  const earlier = pluperfect(ctx, hit);
  const all = datedTimesIn(ctx, sa, sb).filter((x) => !earlier || x.tok >= hit.first - 2);
  // A campaign's start ("depuis fin mars de leur campagne") dates the words right after it, or
  // a clause with no other time ("les combats se poursuivent depuis début avril").
  const own = all.filter((x) => !x.campaign || (hit.first > x.tok && hit.first - x.tok <= 6));
  const times = own.length ? own : all;
  if (times.length) {
    const inClause = times.filter((x) => x.tok >= ca && x.tok < cb);
    const pool = inClause.length ? inClause : times;
    const best = pool.reduce((a, b) => (distance(b.tok, hit) < distance(a.tok, hit) ? b : a));
    const d = dateOfValue(best.t.value)!;
    const background = best.campaign;
    return {
      date: d.date, timePrecision: background ? 3 : d.precision, time: best.t, background,
      rule: background ? 'date:campaign-start' : inClause.length ? 'date:same-clause' : 'date:same-sentence',
    };
  }
  const published = ctx.doc.published;
  if (published && pluperfect(ctx, hit)) {
    // "l'Arménie avait accusé son voisin": earlier than the news, on a day the text does not give.
    return { date: published.slice(0, 7), timePrecision: 3, time: null, rule: 'date:pluperfect-month-of-dateline', background: false };
  }
  if (published) return { date: published, timePrecision: 1, time: null, rule: 'date:dateline', background: false };
  return { date: null, timePrecision: null, time: null, rule: 'date:none', background: false };
}

/** A verb trigger in the pluperfect: its auxiliary a word or two before it. */
function pluperfect(ctx: EventContext, hit: TriggerHit): boolean {
  if (hit.entry.pos !== 'verb') return false;
  for (let j = hit.first - 1; j >= Math.max(0, hit.first - 3); j--) {
    if (ctx.lex.pluperfectAuxiliaries.has(ctx.keys[j])) return true;
    if (!ctx.isWord(j)) return false;
  }
  return false;
}

function distance(tok: number, hit: TriggerHit): number {
  return tok < hit.first ? hit.first - tok : Math.max(0, tok - hit.end + 1);
}

/** The date lies after the dateline at its own precision: the happening is yet to come. */
export function afterDateline(date: string | null, published: string | null): boolean {
  if (!date || !published) return false;
  return date > published.slice(0, date.length);
}

