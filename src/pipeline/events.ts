// Events: what happened, coded in ACLED and PLOVER (src/events/find.ts and the modules beside it).
export { eventsStage, findEvents } from '../events/find.js';
