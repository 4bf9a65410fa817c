// Hostile inputs: texts built so that any stage whose work grows faster than the text shows it.
// Each generator fills about `bytes` bytes (UTF-8) by repeating or drawing a pattern; the inputs
// that a user once reported as stalls are here, with more of our own (nesting, long capitalised
// runs, digits, mixed scripts, cue runs, one huge word). Used by `npm run bench -- --adversarial` (bench/run.ts), which runs
// each input in a child process of its own (bench/adversarial-one.ts) so that a runaway input can
// be stopped and its peak memory read apart from the others.

import { prng } from './corpus.js';

export interface AdversarialInput {
  name: string;
  lang: 'fr' | 'en';
  /** What the input stresses, for the report. */
  about: string;
  make: (bytes: number) => string;
}

/** `unit` repeated until the text holds about `bytes` bytes. */
function repeat(unit: string, bytes: number): string {
  const n = Math.max(1, Math.round(bytes / Buffer.byteLength(unit, 'utf8')));
  return unit.repeat(n);
}

/** Words drawn at random from `words` until about `bytes` bytes, joined by `sep`. */
function draw(words: readonly string[], bytes: number, sep = ' ', seed = 7): string {
  const rnd = prng(seed);
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const w = words[Math.floor(rnd() * words.length)];
    out.push(w);
    size += Buffer.byteLength(w, 'utf8') + sep.length;
  }
  return out.join(sep);
}

// Ordinary French wire prose of our own, for the "long text" inputs.
const FRENCH_PROSE = [
  'Des affrontements ont opposé mardi soir les forces de sécurité à des manifestants dans le centre de la capitale, selon des témoins.',
  '« Nous ne reculerons pas », a déclaré le porte-parole du mouvement, Jean-Marc Lefèvre, lors d\'une conférence de presse.',
  'Le gouverneur de la province a annoncé un couvre-feu de 20 h 00 à 6 h 00 jusqu\'au 15 mars.',
  'Au moins trois personnes ont été tuées et une dizaine blessées dans l\'explosion d\'un engin artisanal près du marché, a indiqué la police.',
  'Le ministre de l\'Intérieur s\'est rendu jeudi à Lyon, où il a rencontré les élus locaux.',
  'Selon un bilan provisoire, les pluies ont fait quarante morts depuis début février dans le nord du pays.',
];

const CAPITALISED = ['Jean', 'Paul', 'Marie', 'Kaboul', 'Nations', 'Unies', 'Conseil', 'Général', 'Pierre', 'Lagos', 'Banque', 'Centrale', 'Front', 'National', 'Armée'];
const MIXED_SCRIPTS = ['Москва', 'القاهرة', '北京', 'Αθήνα', 'Paris', 'ירושלים', 'दिल्ली', '서울', 'Zürich', '🙂', 'Kyïv', 'İstanbul', '東京', 'Ñuñoa'];

export const ADVERSARIAL: readonly AdversarialInput[] = [
  { name: 'abbrev-run', lang: 'fr', about: '"M. " repeated: one paragraph of abbreviations', make: (b) => repeat('M. ', b) },
  { name: 'quote-cue-run', lang: 'fr', about: '"«a», a-t-il dit. " repeated: a quote and its cue, over and over', make: (b) => repeat('«a», a-t-il dit. ', b) },
  { name: 'newlines', lang: 'fr', about: 'nothing but line breaks', make: (b) => '\n'.repeat(b) },
  { name: 'one-line-prose', lang: 'fr', about: 'ordinary French prose on one line, no paragraph break', make: (b) => draw(FRENCH_PROSE, b) },
  { name: 'paragraph-prose', lang: 'fr', about: 'the same prose with a paragraph break after every sentence', make: (b) => draw(FRENCH_PROSE, b, '\n\n') },
  { name: 'no-whitespace', lang: 'fr', about: 'letters and periods without a single space', make: (b) => draw(['abc.', 'Xyz', 'qrs,', 'Tuv.'], b, '') },
  { name: 'according-to-run', lang: 'fr', about: '"selon Jean Dupont, " repeated: one name, thousands of attributions', make: (b) => repeat('selon Jean Dupont, ', b) },
  { name: 'date-run', lang: 'fr', about: '"le 3 mai 2021, " repeated: thousands of dates in one sentence', make: (b) => repeat('le 3 mai 2021, ', b) },
  { name: 'nested-quotes', lang: 'fr', about: 'quotation marks opened 1/4 of the text deep, then closed', make: (b) => { const n = Math.floor(b / 8); return '« '.repeat(n) + 'a' + ' »'.repeat(n); } },
  { name: 'nested-brackets', lang: 'en', about: 'brackets nested half the text deep', make: (b) => { const n = Math.floor(b / 2); return '('.repeat(n) + ')'.repeat(n); } },
  { name: 'capitalised-run', lang: 'fr', about: 'capitalised words in one unbroken run (a 100k-token "name")', make: (b) => draw(CAPITALISED, b) },
  { name: 'digits', lang: 'en', about: 'megabytes of digits in one token', make: (b) => repeat('1234567890', b) },
  { name: 'digit-groups', lang: 'en', about: 'clock times and ISO dates separated by spaces', make: (b) => draw(['12:30', '2021-05-03', '07/07/2021', '3.5', '1,000', '20h00'], b) },
  { name: 'mixed-scripts', lang: 'en', about: 'words of a dozen scripts, emoji and accents, in one paragraph', make: (b) => draw(MIXED_SCRIPTS, b) },
  { name: 'said-run', lang: 'en', about: '"\\"Yes,\\" he said. " repeated', make: (b) => repeat('"Yes," he said. ', b) },
  { name: 'weekday-run', lang: 'fr', about: '"mardi " repeated', make: (b) => repeat('mardi ', b) },
  { name: 'cue-run', lang: 'fr', about: '"il a dit " repeated: thousands of cues, no punctuation', make: (b) => repeat('il a dit ', b) },
  { name: 'long-word', lang: 'fr', about: 'one word of a megabyte after a cue ("Il a xxxx…")', make: (b) => 'Il a ' + 'x'.repeat(Math.max(1, b - 6)) + ' .' },
];
