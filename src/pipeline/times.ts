// Temporal expressions resolved against the dateline: filled by the time issue.
import { defineStage } from './stage.js';

export const timesStage = defineStage({
  name: 'times',
  produces: 'times',
  run: () => [],
});
