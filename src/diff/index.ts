export { compareDocuments, changesOf, passages, PLACE_SEPARATOR, type Change, type ChangeKind, type Omitted, type Passage, type Row } from './documents.js';
export { diffChars, similarity, type Segment } from './chars.js';
export { formatChanges, formatComparison, type ComparedText, type TextOptions } from './text.js';
