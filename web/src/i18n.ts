// Interface strings in French and English. Elements carry data-i18n="key" (text) or
// data-i18n-aria="key" (aria-label); code asks t(key). Dispatch text is never translated or
// passed through here.

const fr = {
  tagline: "Ce qui s'est passé, où, quand — et les mots qui le disent.",
  skipToReader: 'Aller au lecteur',
  apiDocs: "Documentation de l'API",
  switchTo: 'English',
  current: 'Interface en français',
  filters: 'Filtres',
  type: 'Type',
  anyType: 'Tous les types',
  country: 'Pays (ISO)',
  from: 'Du',
  to: 'Au',
  actor: 'Acteur',
  apply: 'Filtrer',
  reset: 'Effacer',
  map: 'Carte',
  mapLabel: 'Carte des événements',
  timeline: 'Chronologie',
  timelineHint: 'Un jour choisi filtre la carte et le tableau ; le choisir à nouveau lève le filtre.',
  reader: 'Lecteur',
  readerEmpty: 'Choisissez un événement sur la carte ou dans le tableau.',
  events: 'Événements',
  paste: 'Coller une dépêche',
  pasteLabel: 'Texte de la dépêche',
  language: 'Langue',
  auto: 'détectée',
  dateline: 'Date de la dépêche',
  extract: 'Extraire',
  incidents: 'Incidents',
  loading: 'Chargement…',
  nEvents: '{n} événement(s)',
  nEventsShown: '{n} événement(s) sur {total}',
  noPlace: '{n} sans lieu connu (absents de la carte)',
  dayFilter: 'Jour choisi : {day}',
  error: 'Erreur : {msg}',
  date: 'Date',
  subType: 'Sous-type',
  actor1: 'Acteur 1',
  actor2: 'Acteur 2',
  place: 'Lieu',
  fatalities: 'Morts',
  source: 'Source',
  trigger: 'Déclencheur',
  modality: 'Modalité',
  attribution: 'Attribution',
  tag: 'Mention',
  assocActor1: 'Acteur associé 1',
  assocActor2: 'Acteur associé 2',
  sortBy: 'Trier par {col}',
  cluster: '{n} événements ici : zoomer',
  eventPoint: '{type} — {place}, {date}',
  dayBar: '{day} : {n} événement(s)',
  fieldsHint: 'Cliquez un champ pour surligner les mots qui le fondent.',
  eventsInDoc: 'Événements de la dépêche',
  noEvents: 'Aucun événement trouvé dans ce texte.',
  legendMentions: 'entités',
  legendQuotes: 'citations',
  legendTimes: 'dates',
  legendPlaces: 'lieux',
  legendTriggers: 'déclencheurs',
  saidBy: 'dit par {who}',
  unknownSpeaker: 'locuteur inconnu',
  pasted: 'Dépêche collée (non enregistrée)',
  extracting: 'Extraction…',
  sources: 'Sources',
  agree: 'Accord',
  yes: 'oui',
  no: 'non',
  noIncidents: 'Aucun incident.',
  noData: 'Aucun événement pour ces filtres.',
  open: 'Ouvrir',
  fieldValue: '{field} : {value}',
};

export type Key = keyof typeof fr;

const en: Record<Key, string> = {
  tagline: 'What happened, where, when — and the words that say so.',
  skipToReader: 'Skip to the reader',
  apiDocs: 'API documentation',
  switchTo: 'Français',
  current: 'Interface in English',
  filters: 'Filters',
  type: 'Type',
  anyType: 'All types',
  country: 'Country (ISO)',
  from: 'From',
  to: 'To',
  actor: 'Actor',
  apply: 'Filter',
  reset: 'Clear',
  map: 'Map',
  mapLabel: 'Map of the events',
  timeline: 'Timeline',
  timelineHint: 'A chosen day filters the map and the table; choosing it again lifts the filter.',
  reader: 'Reader',
  readerEmpty: 'Choose an event on the map or in the table.',
  events: 'Events',
  paste: 'Paste a dispatch',
  pasteLabel: 'Text of the dispatch',
  language: 'Language',
  auto: 'detected',
  dateline: 'Dateline',
  extract: 'Extract',
  incidents: 'Incidents',
  loading: 'Loading…',
  nEvents: '{n} event(s)',
  nEventsShown: '{n} event(s) of {total}',
  noPlace: '{n} without a known place (not on the map)',
  dayFilter: 'Chosen day: {day}',
  error: 'Error: {msg}',
  date: 'Date',
  subType: 'Sub-type',
  actor1: 'Actor 1',
  actor2: 'Actor 2',
  place: 'Place',
  fatalities: 'Deaths',
  source: 'Source',
  trigger: 'Trigger',
  modality: 'Modality',
  attribution: 'Attribution',
  tag: 'Note',
  assocActor1: 'Associated actor 1',
  assocActor2: 'Associated actor 2',
  sortBy: 'Sort by {col}',
  cluster: '{n} events here: zoom in',
  eventPoint: '{type} — {place}, {date}',
  dayBar: '{day}: {n} event(s)',
  fieldsHint: 'Click a field to highlight the words behind it.',
  eventsInDoc: 'Events of the dispatch',
  noEvents: 'No event found in this text.',
  legendMentions: 'entities',
  legendQuotes: 'quotes',
  legendTimes: 'dates',
  legendPlaces: 'places',
  legendTriggers: 'triggers',
  saidBy: 'said by {who}',
  unknownSpeaker: 'unknown speaker',
  pasted: 'Pasted dispatch (not stored)',
  extracting: 'Extracting…',
  sources: 'Sources',
  agree: 'Agree',
  yes: 'yes',
  no: 'no',
  noIncidents: 'No incident.',
  noData: 'No event for these filters.',
  open: 'Open',
  fieldValue: '{field}: {value}',
};

const dictionaries = { fr, en } as const;
export type UiLang = keyof typeof dictionaries;

let current: UiLang = 'fr';
const listeners: (() => void)[] = [];

export function uiLang(): UiLang {
  return current;
}

/** The string for `key` in the interface language, with {name} slots filled. */
export function t(key: Key, vars: Record<string, string | number> = {}): string {
  return dictionaries[current][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

/** Fills every data-i18n element under `root` (textContent: never markup). */
export function translate(root: ParentNode = document): void {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n as Key);
  });
  root.querySelectorAll<HTMLElement>('[data-i18n-aria]').forEach((el) => {
    el.setAttribute('aria-label', t(el.dataset.i18nAria as Key));
  });
}

export function setUiLang(lang: UiLang): void {
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem('vigie.lang', lang);
  } catch {
    // private mode: the choice lasts the page
  }
  translate();
  for (const f of listeners) f();
}

/** Called after each change of language, to redraw what code built. */
export function onUiLang(f: () => void): void {
  listeners.push(f);
}

export function initialUiLang(): UiLang {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem('vigie.lang');
  } catch {
    saved = null;
  }
  if (saved === 'fr' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
