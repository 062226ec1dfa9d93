import type { DocumentMeta } from './ir.js';

// The one moment written into a file's metadata (PDF CreationDate and ModDate, Word's core
// properties and the times of its zip entries). Never the clock: the same inputs give the same bytes.
//
// SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/), when set, is that
// moment; otherwise it is midnight in Japan on the document's own date (the plan's `published`).

export class InvalidSourceDateEpoch extends Error {
  constructor(readonly value: string) {
    super(`SOURCE_DATE_EPOCH is not a number of seconds: ${value}`);
  }
}

/** The moment SOURCE_DATE_EPOCH names, undefined when it is unset or empty; throws when it is not whole seconds. */
export function sourceDateEpoch(value = process.env.SOURCE_DATE_EPOCH): Date | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  // Whole seconds since 1970, up to the year 9999 (PDF and zip dates have four-digit years).
  if (!/^\d{1,12}$/.test(value.trim()) || Number(value) > 253402300799) throw new InvalidSourceDateEpoch(value);
  return new Date(Number(value) * 1000);
}

export function documentTime(meta: DocumentMeta): Date {
  return sourceDateEpoch() ?? new Date(`${meta.date}T00:00:00+09:00`);
}
