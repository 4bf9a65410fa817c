// Temporal expressions resolved against the dateline (doc.published): see src/time/index.ts.
import { defineStage } from './stage.js';
import { findTimes } from '../time/index.js';

export { acledTimePrecision } from '../time/index.js';

export const timesStage = defineStage({
  name: 'times',
  produces: 'times',
  run: (doc) => (doc.lang === 'other' ? [] : findTimes(doc.text, doc.lang, doc.published)),
});
