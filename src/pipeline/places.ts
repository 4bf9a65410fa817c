// Toponyms resolved to GeoNames: filled by the places issue.
import { defineStage } from './stage.js';

export const placesStage = defineStage({
  name: 'places',
  produces: 'places',
  run: () => [],
});
