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
  paste: 'Coller ou charger une dépêche',
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
  pastedStored: 'Dépêche collée (enregistrée)',
  extracting: 'Extraction…',
  sources: 'Sources',
  agree: 'Accord',
  yes: 'oui',
  no: 'non',
  noIncidents: 'Aucun incident.',
  noData: 'Aucun événement pour ces filtres.',
  open: 'Ouvrir',
  fieldValue: '{field} : {value}',
  speaker: 'Locuteur',
  exportEvents: 'Exporter les événements :',
  exportIncidents: 'les incidents :',
  exportTitle: 'Télécharger ({format}) avec les filtres en cours',
  incidentsOnMap: 'Incidents sur la carte (anneaux : plus épais, plus de sources)',
  incidentPoint: 'Incident : {type} — {place}, {date}, {n} source(s)',
  uploadLabel: 'Charger un fichier (texte ou HTML)',
  uploadRead: 'Fichier lu : {name} ({n} caractères). Relisez, puis Extraire.',
  uploadRefused: 'Fichier refusé : {name} ({why})',
  notText: "ni texte ni HTML",
  tooBig: 'plus de {mb} Mo',
  noMainText: 'aucun texte trouvé',
  storeIt: "L'enregistrer dans la base",
  token: "Jeton d'écriture",
  storeHintToken: "Le serveur demande son jeton (VIGIE_TOKEN) pour enregistrer ; il est gardé le temps de l'onglet.",
  storeHintDisabled: "Ce serveur n'enregistre rien (démarré sans VIGIE_TOKEN) : l'extraction seule est possible.",
  needToken: "Donnez le jeton d'écriture pour enregistrer.",
  stored: 'Enregistrée sous {id} : {n} événement(s).',
  storedAgain: 'Déjà enregistrée, sous {id}.',
  speakers: 'Qui parle',
  speakerName: 'Nom',
  namedOnly: 'Nommés seulement',
  speakersHint: 'Qui est cité, combien de fois, et sur quoi (les événements que rapportent ses propos).',
  noSpeakers: 'Personne de cité.',
  speakerFacts: '{quotes} citation(s) · {documents} dépêche(s) · {sources} source(s)',
  onWhat: 'sur : {topics}',
  howSaid: 'verbes : {cues}',
  unnamed: 'source non nommée',
  quotesOf: 'Citations de {name}',
  moreSpeakers: 'Plus de locuteurs',
  moreQuotes: 'Plus de citations',
  readQuote: 'Lire la dépêche',
  eventsOfSpeaker: 'Ses événements',
  quoteIn: '{title} · {source} · {date}',
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
  paste: 'Paste or load a dispatch',
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
  pastedStored: 'Pasted dispatch (stored)',
  extracting: 'Extracting…',
  sources: 'Sources',
  agree: 'Agree',
  yes: 'yes',
  no: 'no',
  noIncidents: 'No incident.',
  noData: 'No event for these filters.',
  open: 'Open',
  fieldValue: '{field}: {value}',
  speaker: 'Speaker',
  exportEvents: 'Export the events:',
  exportIncidents: 'the incidents:',
  exportTitle: 'Download ({format}) with the current filters',
  incidentsOnMap: 'Incidents on the map (rings: thicker, more sources)',
  incidentPoint: 'Incident: {type} — {place}, {date}, {n} source(s)',
  uploadLabel: 'Load a file (text or HTML)',
  uploadRead: 'File read: {name} ({n} characters). Check it, then Extract.',
  uploadRefused: 'File refused: {name} ({why})',
  notText: 'neither text nor HTML',
  tooBig: 'over {mb} MB',
  noMainText: 'no text found',
  storeIt: 'Store it',
  token: 'Write token',
  storeHintToken: "The server asks for its token (VIGIE_TOKEN) to store; it is kept while this tab is open.",
  storeHintDisabled: 'This server stores nothing (started without VIGIE_TOKEN): extraction only.',
  needToken: 'Give the write token to store.',
  stored: 'Stored as {id}: {n} event(s).',
  storedAgain: 'Already stored, as {id}.',
  speakers: 'Who speaks',
  speakerName: 'Name',
  namedOnly: 'Named only',
  speakersHint: 'Who is quoted, how often, and on what (the events their words report).',
  noSpeakers: 'Nobody quoted.',
  speakerFacts: '{quotes} quote(s) · {documents} dispatch(es) · {sources} outlet(s)',
  onWhat: 'on: {topics}',
  howSaid: 'verbs: {cues}',
  unnamed: 'unnamed source',
  quotesOf: 'Quotes of {name}',
  moreSpeakers: 'More speakers',
  moreQuotes: 'More quotes',
  readQuote: 'Read the dispatch',
  eventsOfSpeaker: 'Their events',
  quoteIn: '{title} · {source} · {date}',
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
