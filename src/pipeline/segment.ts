// The segmentation stages: sentences and tokens of the document, from the text library
// (src/text), in the document's language.
import { splitSentences, tokenize } from '../text/index.js';
import { defineStage } from './stage.js';

export const sentencesStage = defineStage({
  name: 'sentences',
  produces: 'sentences',
  run: (doc) => splitSentences(doc.text, doc.lang),
});

export const tokensStage = defineStage({
  name: 'tokens',
  produces: 'tokens',
  run: (doc) => tokenize(doc.text, doc.lang),
});
