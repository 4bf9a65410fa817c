// People, organisations, places, groups: filled by the entities issue.
import { defineStage } from './stage.js';

export const mentionsStage = defineStage({
  name: 'mentions',
  produces: 'mentions',
  run: () => [],
});
