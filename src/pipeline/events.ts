// ACLED / PLOVER events: filled by the events issue.
import { defineStage } from './stage.js';

export const eventsStage = defineStage({
  name: 'events',
  produces: 'events',
  run: () => [],
});
