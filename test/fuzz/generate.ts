// A seeded generator of hostile news dispatches for the property-based fuzz test (test/fuzz.test.ts).
//
// Every document is assembled from building blocks written here (French and English datelines,
// reported speech with several kinds of quotation marks and cues, dates and clock times, figures,
// places from a short list, people with titles, asides in brackets, lists), then, most of the time,
// damaged by a few random mutations: characters inserted or deleted, spans swapped, duplicated or
// cut, quotation marks left open, control and zero-width characters, emoji and other scripts, very
// long words, runs of punctuation, CRLF line ends, tabs, combining accents, case changes.
//
// The texts stay valid strings: no lone surrogates and no NUL (the input layer refuses those before
// the pipeline sees them). Same (seed, index), same document: each document has its own PRNG seeded
// from both, so one failing document can be regenerated alone.
import type { Document } from '../../src/types.js';
import { prng } from '../../bench/corpus.js';

/** mulberry32, the seedable PRNG of the bench corpus. */
export const mulberry32 = prng;

/** The seed of document `index` of a run seeded with `seed` (a 32-bit mix of both). */
export function caseSeed(seed: number, index: number): number {
  let h = (seed >>> 0) ^ Math.imul(index + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

type L = 'fr' | 'en';

// ---------------------------------------------------------------------------------------------
// Building blocks (all invented for this test).

const PLACES: Record<L, readonly string[]> = {
  fr: ['Paris', 'Lyon', 'Marseille', 'Bamako', 'Gao', 'Mopti', 'Tombouctou', 'Niamey', 'Ouagadougou',
    'Kaboul', 'Hérat', 'Kandahar', 'Mogadiscio', 'Goma', 'Bunia', 'Damas', 'Alep', 'Mossoul',
    'Bagdad', 'Kharkiv', 'Odessa', 'Londres', 'Saint-Étienne', 'Le Caire', 'İstanbul', 'Aïn Defla'],
  en: ['London', 'Lagos', 'Kano', 'Maiduguri', 'Abuja', 'Kabul', 'Herat', 'Mogadishu', 'Goma',
    'Damascus', 'Aleppo', 'Mosul', 'Baghdad', 'Kharkiv', 'Odesa', 'New York', 'Washington',
    'Cairo', 'Port Harcourt', 'Bamako', 'São Paulo', 'Zürich', 'Düsseldorf', 'İzmir'],
};

const REGIONS: Record<L, readonly string[]> = {
  fr: ['la région de Mopti', 'le nord du Mali', 'la province du Nord-Kivu', "l'est de l'Ukraine", 'le Sahel'],
  en: ['Borno state', 'northern Mali', 'North Kivu province', 'eastern Ukraine', 'the Sahel'],
};

const FIRST = ['Amadou', 'Fatoumata', 'Jean-Pierre', 'Moussa', 'Aïcha', 'Olena', 'Dmitri', 'Karim',
  'Sarah', 'Michael', 'Hamid', 'Zainab', 'Oumar', 'Élise', 'Chidi', 'Ngozi', 'Ahmad', 'Björn', 'Łukasz'];
const LAST = ['Traoré', 'Koné', 'Diallo', 'Martin', 'Kovalenko', 'Haddad', "O'Neill", 'Okafor',
  'Sánchez', 'Durand', 'Ben Salah', 'Mbala', 'Rahimi', 'Van der Berg', 'Nwosu', 'Strauß', 'Şahin'];

const TITLES: Record<L, readonly string[]> = {
  fr: ['le ministre de la Défense', 'la porte-parole du gouvernement', 'le gouverneur de {P}',
    'le colonel', 'le maire de {P}', 'un responsable local', "le chef de l'opposition",
    'le président', 'le général', 'la préfète', "le porte-parole de l'armée"],
  en: ['Defence Minister', 'government spokeswoman', 'Governor', 'Colonel', 'the mayor of {P}',
    'a local official,', 'President', 'police spokesman', 'General', 'Senator', 'army spokesman'],
};

const ORGS: Record<L, readonly string[]> = {
  fr: ["l'armée", 'les forces de sécurité', 'la police', 'des hommes armés', 'des jihadistes',
    'des rebelles', 'des manifestants', "l'ONU", 'la Croix-Rouge', 'Médecins sans frontières',
    'des militaires', 'une milice locale', 'les autorités'],
  en: ['the army', 'security forces', 'police', 'gunmen', 'militants', 'rebels', 'protesters',
    'the United Nations', 'the Red Cross', 'Doctors Without Borders', 'soldiers', 'a local militia',
    'the authorities'],
};

const MONTHS: Record<L, readonly string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
const MONTHS_SHORT_EN = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const DAYS: Record<L, readonly string[]> = {
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

const QUOTE_MARKS: readonly (readonly [string, string])[] = [
  ['«\u00a0', '\u00a0»'], ['« ', ' »'], ['«', '»'], ['"', '"'], ['“', '”'], ['‘', '’'],
  ['„', '“'], ["'", "'"], ['‹ ', ' ›'], ['»', '«'], ['«\u202f', '\u202f»'],
];

const CONTENTS: Record<L, readonly string[]> = {
  fr: ['Nous ne céderons pas', 'La situation est sous contrôle', 'Il y a eu des tirs toute la nuit, nous avions peur',
    'Nous avons perdu {N} hommes', 'Les négociations continuent', "Personne n'a été blessé",
    "C'est une attaque lâche et nous la condamnons", 'Je ne sais pas combien ils étaient',
    'Ils sont arrivés à moto vers {T} et ont tout brûlé', 'Nous demandons une enquête indépendante'],
  en: ["We will not give in", 'The situation is under control', 'There was shooting all night and we were afraid',
    'We lost {N} men', 'Talks are continuing', 'Nobody was hurt', 'This was a cowardly attack and we condemn it',
    "I don't know how many of them there were", 'They came on motorbikes at {T} and burned everything',
    'We are calling for an independent inquiry'],
};

const CUES_AFTER: Record<L, readonly string[]> = {
  fr: ['a déclaré', 'a affirmé', 'a indiqué', "a indiqué à l'AFP", 'a précisé', 'a ajouté', 'raconte', 'confie',
    'a assuré', 'a dénoncé', 'a expliqué par téléphone', 'a-t-il déclaré', 'a-t-elle affirmé', 'a-t-il ajouté',
    "a-t-on appris auprès de", 'selon'],
  en: ['said', 'told Reuters', 'said in a statement', 'added', 'told reporters', 'wrote on X', 'said on Tuesday',
    'explained', 'warned', 'according to'],
};

const ASIDES: Record<L, readonly string[]> = {
  fr: ['(AFP)', '[sic]', '(photo)', '(ndlr : {P})', '(de notre correspondant à {P})', '(avec AFP)', '(voir encadré)',
    '(lire aussi page 3)', '({N} km au nord de {P})', '(Mise à jour)'],
  en: ['(Reuters)', '[sic]', '(pictured)', '(Reporting by {PER}; Editing by {PER})', '(UPDATE 2)', '(see map)',
    '({N} miles north of {P})', '(AP Photo/{PER})', '[corrected]'],
};

const TIMES: Record<L, readonly string[]> = {
  fr: ['lundi', 'mardi soir', 'dimanche matin', 'hier', 'la veille', 'le {D} {M}', 'le {D} {M} {Y}', 'en {M}',
    'vers {H}h{MM}', 'à {H} h {MM}', 'depuis deux semaines', 'la semaine dernière', 'dans la nuit de samedi à dimanche',
    'le 1er {M}', 'il y a trois jours', 'chaque vendredi', 'entre le {D} et le {D2} {M}', 'cette année',
    "aujourd'hui", 'demain', 'en {Y}', 'au début des années 1990', 'le {Y}-0{d}-1{d}', 'à midi', 'pendant {N} heures'],
  en: ['on Monday', 'Tuesday evening', 'yesterday', 'on {M} {D}', '{M} {D}, {Y}', 'in {M}', 'at {H}:{MM} p.m.',
    'around {H} am', 'for two weeks', 'last week', 'overnight', 'on {MS} 1', 'three days ago', 'every Friday',
    'between {M} {D} and {D2}', 'this year', 'today', 'tomorrow', 'in {Y}', 'in the early 1990s', '{Y}-0{d}-1{d}',
    'at noon', 'for {N} hours', 'late on Saturday'],
};

const NUMBERS: Record<L, readonly string[]> = {
  fr: ['{n}', '1 200', '1\u202f200', '12,5', 'douze', 'des dizaines de', 'au moins {n}', 'une trentaine de', 'près de {n}',
    '3,5 millions de', '0', 'plus de {n}', '{n} à {n2}', 'deux', 'cent'],
  en: ['{n}', '1,200', '12.5', 'twelve', 'dozens of', 'at least {n}', 'about {n}', 'nearly {n}', '1.5 million',
    '0', 'more than {n}', '{n} to {n2}', 'two', 'a hundred'],
};

const EVENTS: Record<L, readonly string[]> = {
  fr: [
    '{NUM} personnes ont été tuées dans une attaque contre un poste militaire à {P}',
    '{ORG} a mené des frappes aériennes près de {P} {TIME}',
    'des affrontements ont opposé {ORG} à {ORG2} {TIME} à {P}',
    '{NUM} civils ont été enlevés {TIME} dans le village de {P}',
    'des milliers de manifestants ont défilé {TIME} dans les rues de {P}',
    'une explosion a fait {NUM} morts et {NUM} blessés {TIME} à {P}',
    "{ORG} n'a pas revendiqué l'attaque",
    "aucune victime n'a été signalée",
    '{ORG} pourrait lancer une offensive sur {P} {TIME}',
    '{NUM} soldats ont été tués lorsque leur véhicule a sauté sur une mine entre {P} et {P2}',
    '{ORG} ont tiré à balles réelles sur {ORG2} à {P}, faisant {NUM} morts',
    'le couvre-feu a été levé {TIME} à {P}',
    '{ORG} a démenti toute implication dans les violences qui ont éclaté dans {R}',
  ],
  en: [
    '{NUM} people were killed in an attack on an army post in {P}',
    '{ORG} carried out air strikes near {P} {TIME}',
    'clashes broke out between {ORG} and {ORG2} {TIME} in {P}',
    '{NUM} civilians were abducted {TIME} from the village of {P}',
    'thousands of protesters marched {TIME} through the streets of {P}',
    'an explosion killed {NUM} people and wounded {NUM} {TIME} in {P}',
    '{ORG} did not claim the attack',
    'no casualties were reported',
    '{ORG} could launch an offensive on {P} {TIME}',
    '{NUM} soldiers died when their vehicle hit a mine between {P} and {P2}',
    '{ORG} opened fire on {ORG2} in {P}, killing {NUM}',
    'the curfew was lifted {TIME} in {P}',
    '{ORG} denied any role in the violence that erupted in {R}',
  ],
};

const TRAILERS: Record<L, readonly string[]> = {
  fr: ['bur-xy/ab/cd', '--- fin ---', '© AFP', '(Avec AFP)', '#MALI #SAHEL', 'tll/jmr'],
  en: ['(Reporting by {PER}; Writing by {PER}; Editing by {PER})', '-- END --', '© Reuters', 'Our Standards: The Trust Principles.'],
};

// Damage material.
const CONTROL = ['\u0001', '\u0002', '\u0007', '\u0008', '\u000b', '\u000c', '\u000e', '\u001b', '\u001f', '\u007f', '\u0085', '\u2028', '\u2029', '\r'];
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069', '\u034f', '\ufe0f'];
const COMBINING = ['\u0300', '\u0301', '\u0302', '\u0308', '\u0327', '\u0331', '\u20dd', '\u036f', '\u0489'];
const EMOJI = ['😀', '🇫🇷', '👩‍👩‍👧', '✊🏿', '❤️', '🔥', '1️⃣', '𝐀', '𠜎', '🏳️‍🌈', '🫠'];
const SCRIPTS = ['بغداد', 'قال المتحدث', 'Киев', 'заявил', 'Москва', '北京', '他说', '東京都', 'ירושלים', 'दिल्ली',
  'กรุงเทพ', 'Αθήνα', 'İSTANBUL', 'Straße', 'ﬁnancement', 'ǅemal', 'ΣΊΣΥΦΟΣ', 'Ⅻ', '①②③', 'ﬀ', 'ᾼ', 'K'];
const SPACES = ['\u00a0', '\u202f', '\u2009', '\u3000', '\t', '\u2007', '\u205f', '  ', '\u1680'];
const PUNCT = ['.', ',', '!', '?', '…', ';', ':', '«', '»', '"', '“', '”', '‘', '’', "'", '(', ')', '[', ']', '{', '}',
  '-', '–', '—', '/', '\\', '*', '#', '@', '&', '%', '§', '¿', '¡', '。', '、', '؟', '،'];
const QUOTE_CHARS = new Set(['«', '»', '"', '“', '”', '‘', '’', '„', "'", '‹', '›']);
const LETTERS = 'abcdefghijklmnopqrstuvwxyzéèêàçùôîïABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

// ---------------------------------------------------------------------------------------------

function fill(r: Rng, lang: L, template: string, depth = 0): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case 'P': case 'P2': return r.pick(PLACES[lang]);
      case 'R': return r.pick(REGIONS[lang]);
      case 'ORG': case 'ORG2': return r.pick(ORGS[lang]);
      case 'PER': return person(r, lang);
      case 'N': case 'n': return String(r.chance(0.8) ? r.int(0, 60) : r.int(0, 2_000_000));
      case 'n2': return String(r.int(2, 500));
      case 'NUM': return depth > 2 ? '3' : fill(r, lang, r.pick(NUMBERS[lang]), depth + 1);
      case 'TIME': return depth > 2 ? '' : time(r, lang, depth + 1);
      case 'T': return `${r.int(0, 23)}h${String(r.int(0, 59)).padStart(2, '0')}`;
      case 'D': return String(r.chance(0.9) ? r.int(1, 28) : r.int(0, 40));
      case 'D2': return String(r.int(1, 31));
      case 'd': return String(r.int(0, 9));
      case 'M': return r.pick(MONTHS[lang]);
      case 'MS': return r.pick(MONTHS_SHORT_EN);
      case 'Y': return String(r.chance(0.85) ? r.int(1990, 2030) : r.pick([0, 1, 999, 1066, 1900, 2100, 9999, 20211]));
      case 'H': return String(r.chance(0.9) ? r.int(0, 23) : r.int(24, 99));
      case 'MM': return String(r.chance(0.9) ? r.int(0, 59) : r.int(60, 99)).padStart(2, '0');
      default: return key;
    }
  });
}

function time(r: Rng, lang: L, depth = 0): string {
  return fill(r, lang, r.pick(TIMES[lang]), depth);
}

function person(r: Rng, lang: L): string {
  const name = r.chance(0.15) ? r.pick(LAST) : `${r.pick(FIRST)} ${r.pick(LAST)}`;
  if (!r.chance(0.6)) return name;
  const title = fill(r, lang, r.pick(TITLES[lang]));
  if (lang === 'fr') return r.chance(0.5) ? `${title} ${name}` : `${name}, ${title},`;
  return r.chance(0.5) ? `${title} ${name}` : `${name}, ${title.replace(/,$/, '')},`;
}

function cap(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

function dateline(r: Rng, lang: L): string {
  const city = r.pick(PLACES[lang]);
  const upper = r.chance(0.8) ? city.toUpperCase() : city;
  const d = r.int(1, 31);
  const m = r.int(0, 11);
  const y = r.int(1995, 2030);
  const dash = r.pick([' -', ' –', ' —', ' -', '-', ' :']);
  if (lang === 'fr') {
    const agency = r.pick(['(AFP)', '(AFP)', '(Reuters)', '(APS)', '']);
    const date = r.pick([`${d} ${MONTHS.fr[m]} ${y}`, `${d} ${MONTHS.fr[m]}`, `${d === 1 ? '1er' : d} ${MONTHS.fr[m]} ${y}`, '']);
    return `${upper}${date ? `, ${date}` : ''} ${agency}${dash} `.replace(/ +/g, ' ');
  }
  const agency = r.pick(['(Reuters)', '(Reuters)', '(AP)', '(AFP)', '']);
  const date = r.pick([`${MONTHS_SHORT_EN[m]} ${d}`, `${MONTHS.en[m]} ${d}, ${y}`, `${d} ${MONTHS.en[m]}`, '']);
  return `${upper}${date ? `, ${date}` : ''} ${agency}${dash} `.replace(/ +/g, ' ');
}

function quoteSentence(r: Rng, lang: L): string {
  const [open, close] = r.pick(QUOTE_MARKS);
  const content = fill(r, lang, r.pick(CONTENTS[lang]));
  const content2 = fill(r, lang, r.pick(CONTENTS[lang]));
  const who = person(r, lang);
  const cue = r.pick(CUES_AFTER[lang]);
  const clause = fill(r, lang, r.pick(EVENTS[lang]));
  const form = r.int(0, 8);
  if (lang === 'fr') {
    switch (form) {
      case 0: return `${open}${content}${close}, ${cue} ${who}.`;
      case 1: return `${open}${content}${close}, ${r.pick(['a-t-il déclaré', 'a-t-elle affirmé', 'a-t-il ajouté', 'explique-t-il'])}.`;
      case 2: return `${cap(who)} a affirmé que ${clause}.`;
      case 3: return `Selon ${who}, ${clause}.`;
      case 4: return `${cap(who)} a déclaré : ${open}${content}.${close}`;
      case 5: return `${open}${content}, ${close}a poursuivi ${who}, ${open}${content2}.${close}`;
      case 6: return `${open}Il m'a dit "${content}" puis il est parti${close}, raconte ${who}.`;
      case 7: return `${cap(clause)}, ${r.pick(["a-t-on appris de source sécuritaire", 'selon un bilan officiel', "d'après des témoins"])}.`;
      default: return `${open}${content}${close}`;
    }
  }
  switch (form) {
    case 0: return `${open}${content},${close} ${who} ${cue}.`;
    case 1: return `${open}${content},${close} ${cue} ${who}.`;
    case 2: return `${cap(who)} said ${clause}.`;
    case 3: return `According to ${who}, ${clause}.`;
    case 4: return `${cap(who)} said in a statement: ${open}${content}.${close}`;
    case 5: return `${open}${content},${close} ${who} said. ${open}${content2}.${close}`;
    case 6: return `${open}He told me '${content}' and then he left,${close} ${who} said.`;
    case 7: return `${cap(clause)}, ${r.pick(['a security source said', 'officials said', 'witnesses told Reuters'])}.`;
    default: return `${open}${content}${close}`;
  }
}

function factSentence(r: Rng, lang: L): string {
  let s = cap(fill(r, lang, r.pick(EVENTS[lang])));
  if (r.chance(0.3)) s = `${cap(time(r, lang))}, ${s[0].toLowerCase()}${s.slice(1)}`;
  if (r.chance(0.25)) s += ` ${fill(r, lang, r.pick(ASIDES[lang]))}`;
  return `${s}${r.pick(['.', '.', '.', '!', ' ;', '...', ''])}`;
}

function list(r: Rng, lang: L): string {
  const bullet = r.pick(['- ', '• ', '* ', '1. ', '1) ', '— ', '', '\t']);
  const n = r.int(1, 6);
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    const b = bullet.startsWith('1') ? bullet.replace('1', String(i + 1)) : bullet;
    const item = r.pick([
      () => `${r.pick(PLACES[lang])} : ${fill(r, lang, '{NUM}')} ${lang === 'fr' ? 'morts' : 'dead'}`,
      () => person(r, lang),
      () => fill(r, lang, r.pick(EVENTS[lang])),
      () => time(r, lang),
      () => `${r.pick(PLACES[lang])}, ${r.pick(PLACES[lang])} ${lang === 'fr' ? 'et' : 'and'} ${r.pick(PLACES[lang])}`,
    ])();
    items.push(b + item);
  }
  return items.join(r.pick(['\n', '\n', '; ', '\n\n']));
}

function paragraph(r: Rng, lang: L): string {
  const n = r.int(1, 4);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = r.float();
    parts.push(k < 0.45 ? quoteSentence(r, lang) : k < 0.9 ? factSentence(r, lang) : fill(r, lang, r.pick(ASIDES[lang])));
  }
  return parts.join(r.pick([' ', ' ', '  ', '\n']));
}

function dispatch(r: Rng, lang: L): string {
  const out: string[] = [];
  if (r.chance(0.3)) out.push(fill(r, lang, r.pick(EVENTS[lang])).toUpperCase());
  let body = r.chance(0.85) ? dateline(r, lang) : '';
  const paras = r.int(1, 7);
  for (let i = 0; i < paras; i++) {
    // A bilingual dispatch now and then (a quote in the other language).
    const l: L = r.chance(0.08) ? (lang === 'fr' ? 'en' : 'fr') : lang;
    const p = r.chance(0.12) ? list(r, l) : paragraph(r, l);
    if (i === 0) body += p;
    else out.push(body), (body = p);
  }
  out.push(body);
  if (r.chance(0.3)) out.push(fill(r, lang, r.pick(TRAILERS[lang])));
  return out.join(r.pick(['\n\n', '\n', '\n\n', ' ', '\n \n']));
}

// ---------------------------------------------------------------------------------------------
// Mutations, on arrays of code points so that no surrogate pair is ever split.

type Mutation = (r: Rng, cps: string[]) => string[];

function span(r: Rng, cps: string[], max: number): [number, number] {
  const a = r.int(0, cps.length);
  const b = Math.min(cps.length, a + r.int(0, max));
  return [a, b];
}

function insertAt(r: Rng, cps: string[], piece: string): string[] {
  const at = r.int(0, cps.length);
  return [...cps.slice(0, at), ...Array.from(piece), ...cps.slice(at)];
}

function longWord(r: Rng): string {
  const n = r.int(100, r.chance(0.2) ? 20_000 : 3_000);
  const kind = r.int(0, 4);
  if (kind === 0) return 'a'.repeat(n);
  if (kind === 1) return '9'.repeat(n);
  if (kind === 2) return Array.from({ length: Math.ceil(n / 8) }, () => 'Traoré-').join('');
  if (kind === 3) return 'e\u0301'.repeat(Math.ceil(n / 2));
  let s = '';
  for (let i = 0; i < n; i++) s += LETTERS[r.int(0, LETTERS.length - 1)];
  return s;
}

const MUTATIONS: Record<string, Mutation> = {
  insertControl: (r, c) => insertAt(r, c, r.pick(CONTROL)),
  insertZeroWidth: (r, c) => insertAt(r, c, r.pick(ZERO_WIDTH)),
  insertCombining: (r, c) => insertAt(r, c, r.pick(COMBINING).repeat(r.chance(0.1) ? r.int(2, 50) : 1)),
  insertEmoji: (r, c) => insertAt(r, c, r.pick(EMOJI)),
  insertScript: (r, c) => insertAt(r, c, r.pick([' ', '', '«', '"']) + r.pick(SCRIPTS) + r.pick([' ', '', '»', '"', '.'])),
  insertPunct: (r, c) => insertAt(r, c, r.pick(PUNCT)),
  insertSpace: (r, c) => insertAt(r, c, r.pick(SPACES)),
  insertLongWord: (r, c) => insertAt(r, c, ` ${longWord(r)} `),
  insertPunctRun: (r, c) => insertAt(r, c, Array.from({ length: r.int(3, r.chance(0.2) ? 2000 : 40) }, () => r.pick(PUNCT)).join('')),
  insertSameRun: (r, c) => insertAt(r, c, r.pick(['.', '!', '?', '«', '»', '"', '-', ' ', '\n', '(', ')', '’', 'é', '\u200b']).repeat(r.int(3, r.chance(0.2) ? 5000 : 60))),
  insertNewlines: (r, c) => insertAt(r, c, r.pick(['\n', '\r\n', '\n\n\n', '\r', '\n \t\n'])),
  deleteSome: (r, c) => { const [a, b] = span(r, c, 6); return [...c.slice(0, a), ...c.slice(b)]; },
  deleteSpan: (r, c) => { const [a, b] = span(r, c, 200); return [...c.slice(0, a), ...c.slice(b)]; },
  replaceChar: (r, c) => {
    if (!c.length) return c;
    const i = r.int(0, c.length - 1);
    const pool = r.pick([CONTROL, ZERO_WIDTH, COMBINING, EMOJI, SPACES, PUNCT, SCRIPTS]);
    return [...c.slice(0, i), ...Array.from(r.pick(pool)), ...c.slice(i + 1)];
  },
  swapSpans: (r, c) => {
    const [a, b] = span(r, c, 80);
    const [x, y] = span(r, c, 80);
    if (b <= x) return [...c.slice(0, a), ...c.slice(x, y), ...c.slice(b, x), ...c.slice(a, b), ...c.slice(y)];
    if (y <= a) return [...c.slice(0, x), ...c.slice(a, b), ...c.slice(y, a), ...c.slice(x, y), ...c.slice(b)];
    return c;
  },
  duplicateSpan: (r, c) => { const [a, b] = span(r, c, 120); return [...c.slice(0, b), ...c.slice(a, b), ...c.slice(b)]; },
  truncateEnd: (r, c) => c.slice(0, r.int(0, c.length)),
  truncateStart: (r, c) => c.slice(r.int(0, c.length)),
  dropQuoteMark: (r, c) => {
    const at = c.map((ch, i) => (QUOTE_CHARS.has(ch) ? i : -1)).filter((i) => i >= 0);
    if (!at.length) return c;
    const i = r.pick(at);
    return [...c.slice(0, i), ...c.slice(i + 1)];
  },
  openQuote: (r, c) => insertAt(r, c, r.pick(['«', '« ', '"', '“', '‘', '„', '»', '”'])),
  crlf: (_r, c) => Array.from(c.join('').replace(/\r?\n/g, '\r\n')),
  loneCr: (_r, c) => Array.from(c.join('').replace(/\n/g, '\r')),
  tabs: (r, c) => c.map((ch) => (ch === ' ' && r.chance(0.3) ? '\t' : ch)),
  oddSpaces: (r, c) => { const s = r.pick(SPACES); return c.map((ch) => (ch === ' ' && r.chance(0.5) ? s : ch)); },
  noSpaces: (r, c) => { const [a, b] = span(r, c, 300); return [...c.slice(0, a), ...c.slice(a, b).filter((ch) => ch !== ' '), ...c.slice(b)]; },
  nfd: (_r, c) => Array.from(c.join('').normalize('NFD')),
  nfkc: (_r, c) => Array.from(c.join('').normalize('NFKC')),
  upper: (_r, c) => Array.from(c.join('').toUpperCase()),
  lower: (_r, c) => Array.from(c.join('').toLowerCase()),
  repeatDoc: (_r, c) => [...c, '\n\n', ...c],
  zeroWidthEverywhere: (r, c) => { const z = r.pick(ZERO_WIDTH); return c.flatMap((ch) => (r.chance(0.05) ? [ch, z] : [ch])); },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Random code points from every pool, for documents that are not prose at all. */
function noise(r: Rng): string {
  const n = r.int(0, 400);
  const pools = [CONTROL, ZERO_WIDTH, COMBINING, EMOJI, SCRIPTS, SPACES, PUNCT, [...LETTERS], ['\n', '\r\n', ' '], [...QUOTE_CHARS]];
  let s = '';
  for (let i = 0; i < n; i++) s += r.pick(r.pick(pools));
  return s;
}

/** No NUL, no lone surrogate (refused upstream): the input contract of the pipeline. */
export function sanitize(text: string): string {
  return text.replace(/\u0000/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

export interface FuzzCase {
  /** Run seed and index: `generateCase(seed, index)` gives this case again. */
  seed: number;
  index: number;
  doc: Document;
  /** How the text was made: 'fr'/'en'/'noise', then the mutations applied in order. */
  recipe: string[];
}

export function generateCase(seed: number, index: number): FuzzCase {
  const r = new Rng(caseSeed(seed, index));
  const recipe: string[] = [];
  const lang: L = r.chance(0.5) ? 'fr' : 'en';
  let text: string;
  if (r.chance(0.04)) {
    text = noise(r);
    recipe.push('noise');
  } else {
    text = dispatch(r, lang);
    recipe.push(lang);
  }
  if (r.chance(0.7)) {
    let cps = Array.from(text);
    const n = r.chance(0.15) ? r.int(7, 25) : r.int(1, 6);
    for (let i = 0; i < n; i++) {
      const name = r.pick(MUTATION_NAMES);
      recipe.push(name);
      cps = MUTATIONS[name](r, cps);
    }
    text = cps.join('');
  }
  text = sanitize(text);
  const given = r.float();
  const docLang = given < 0.6 ? lang : given < 0.7 ? (lang === 'fr' ? 'en' : 'fr') : given < 0.95 ? null
    : r.pick(['other', 'de', 'FR', 'fr-FR', 'en_GB', '', ' en ']);
  const published = r.pick<string | null>([
    null, '2021-05-03', '2021-07-07', '2024-02-29', '2019-12-31', '2023-01-01T08:30:00Z', '2022-06-15T23:59:59+02:00',
    `${r.int(1990, 2035)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
    '2021-02-30', '2023-13-01', '0000-01-01', 'yesterday', '',
  ]);
  const source = r.pick<string | null>(['AFP', 'Reuters', 'AP', null, null, '']);
  const doc: Document = { id: `fuzz-${seed}-${index}`, text, lang: docLang, published, source };
  if (r.chance(0.1)) doc.title = fill(r, lang, r.pick(EVENTS[lang]));
  return { seed, index, doc, recipe };
}
