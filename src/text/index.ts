// The text library: sentences and tokens with offsets into the original text, below the stages
// (src/pipeline) and the libraries that read tokens (src/entities, src/quotes). It knows the words
// of a language only through its segmentation lexicon.
export { segmentationRules, type SegmentationRules } from './rules.js';
export { splitSentences, type SegmentLimits } from './sentences.js';
export { tokenize } from './tokens.js';
