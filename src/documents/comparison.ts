import { basename } from 'node:path';
import { runsText, type Document } from '../document/ir.js';
import type { Segment } from '../diff/chars.js';
import { countChanges, type Change, type Row } from '../diff/documents.js';
import type { PageKind } from './kind.js';

// The 新旧対照表 of one document: two versions of it (as the templates made them) and the rows that
// src/diff found between them. The template decides the wording; this only orders the two sides as
// the theme asks (改正後 left by default) and gives each side what it shows.

export type Side = 'after' | 'before';

export interface ComparedDocument {
  /** The compared document's stem: summary, handouts/13-tokyo. */
  stem: string;
  /** The file its changes come from, for problems. */
  source: string;
  inputs: string[];
  before?: Document;
  after?: Document;
  rows: Row[];
}

export interface ComparisonInput {
  documents: ComparedDocument[];
  /** Left to right. */
  order: readonly [Side, Side];
}

/** comparison for the summary, comparison-13-tokyo for handouts/13-tokyo. */
export const comparisonStem = (stem: string) => (stem === 'summary' ? 'comparison' : `comparison-${basename(stem)}`);

const sideView = (row: Row, side: Side) => {
  if (row.kind === 'omitted') return { omitted: true, after: side === 'after', place: null, blank: false, bullet: false, label: null, segments: [] };
  const c = row as Change;
  const segments: Segment[] | null = c[side];
  return {
    omitted: false,
    after: side === 'after',
    place: c.place || null,
    // The side that has nothing: （削る） on the new side, （新設） on the old (the template words it).
    blank: segments === null,
    bullet: c.style === 'bullet',
    label: c.label ?? null,
    segments: segments ?? [],
  };
};

export function comparisonContext(d: ComparedDocument, order: readonly [Side, Side]) {
  const shown = (d.after ?? d.before)!;
  return {
    title: runsText(shown.title),
    author: shown.meta.author,
    published: shown.meta.date,
    fiscalYear: shown.meta.fiscalYear ?? null,
    sample: Boolean(d.after?.sample || d.before?.sample),
    columns: order.map((side) => ({ after: side === 'after' })),
    counts: countChanges(d.rows),
    rows: d.rows.map((row) => ({ sides: order.map((side) => sideView(row, side)) })),
  };
}

/** One table per changed document. */
export const comparison: PageKind<ComparisonInput> = {
  name: 'comparison',
  template: 'comparison',
  instances: ({ documents, order }) =>
    documents
      .filter((d) => d.rows.length)
      .map((d) => ({
        kind: 'comparison',
        stem: comparisonStem(d.stem),
        source: d.source,
        inputs: d.inputs,
        context: comparisonContext(d, order),
        problems: [],
      })),
};
