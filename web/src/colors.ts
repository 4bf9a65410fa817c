// ACLED's six event types, in a fixed order and colour (the legend, the map and the timeline
// agree), and a grey for events outside the taxonomy. Colours chosen to stay apart for the
// common kinds of colour blindness.

export const ACLED_TYPES = [
  'Battles',
  'Violence against civilians',
  'Explosions/Remote violence',
  'Riots',
  'Protests',
  'Strategic developments',
] as const;

export const OTHER_TYPE = 'Other';

const COLOURS: Record<string, string> = {
  Battles: '#c0392b',
  'Violence against civilians': '#7b3294',
  'Explosions/Remote violence': '#e67e22',
  Riots: '#b8860b',
  Protests: '#1f78b4',
  'Strategic developments': '#2c7f58',
  [OTHER_TYPE]: '#6c757d',
};

export function typeOf(e: { acled: { eventType: string } | null }): string {
  return e.acled?.eventType ?? OTHER_TYPE;
}

export function colourOf(type: string): string {
  return COLOURS[type] ?? COLOURS[OTHER_TYPE];
}

export const ALL_TYPES: readonly string[] = [...ACLED_TYPES, OTHER_TYPE];
