export { comparePlans, type Change, type ChangeKind, type CompareOptions } from './compare.js';
export { diffChars, similarity, type Segment } from './chars.js';
export { formatChanges, type TextOptions } from './text.js';
