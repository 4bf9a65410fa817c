// Quotes and their speakers: filled by the quotes issue.
import { defineStage } from './stage.js';

export const quotesStage = defineStage({
  name: 'quotes',
  produces: 'quotes',
  run: () => [],
});
