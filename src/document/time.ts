import type { DocumentMeta } from './ir.js';

// The one moment written into a file's metadata (PDF CreationDate and ModDate, Word's core
// properties and the times of its zip entries). Never the clock: the same inputs give the same bytes.
// The caller decides the moment (SOURCE_DATE_EPOCH is read once, at the command line); without one
// it is midnight in Japan on the document's own date (the plan's `published`).

export function documentTime(meta: Pick<DocumentMeta, 'date'>, fixed?: Date): Date {
  return fixed ?? new Date(`${meta.date}T00:00:00+09:00`);
}
