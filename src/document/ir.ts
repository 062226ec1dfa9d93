// The document model: what is on the page, never how a format draws it.
// Templates produce it, renderers consume it; it is the only thing renderers import.

import type { DataTable } from './records.js';

export interface Run {
  text: string;
  bold?: boolean;
  /** 傍線: a changed passage in a comparison table. */
  underline?: boolean;
  /** The address (a URL) the text links to: a reader can follow it. */
  link?: string;
}

export interface ListItem {
  runs: Run[];
  /** Blocks under the item's first line (e.g. the programmes of a category). */
  children: Block[];
}

export type ListMarker =
  | { kind: 'bullet' }
  /** A numbered list whose label is a pattern such as `（%1）`; `%1` is the item's number. */
  | { kind: 'numbered'; pattern: string; start: number };

export type Block =
  /** level 1: a numbered section band; 2: a column or sub-section title; 3: a list's caption. */
  | { kind: 'heading'; level: 1 | 2 | 3; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[]; align?: 'left' | 'center' | 'right'; role?: 'body' | 'note' }
  | { kind: 'list'; marker: ListMarker; items: ListItem[] }
  | { kind: 'box'; title: Run[]; children: Block[] }
  | { kind: 'columns'; columns: Column[] }
  | { kind: 'table'; widths: number[]; header: Cell[]; rows: Cell[][] }
  /** A QR code of a URL, for readers of the printed page; `alt` says what it is for those who cannot see it. */
  | { kind: 'qr'; value: string; alt: string };

export interface Column {
  title: Run[];
  /** Relative width: the columns share the line in proportion to these. */
  weight: number;
  children: Block[];
}

export interface Cell {
  children: Block[];
}

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  language: string;
  /** ISO date (YYYY-MM-DD) of the document: the only date written into the files. */
  date: string;
  /** The fiscal year (2023 for 令和５年度) the document is about, for formats that state it apart from the text. */
  fiscalYear?: number;
}

export interface Document {
  meta: DocumentMeta;
  page: { orientation: 'landscape' | 'portrait'; pageNumbers: boolean; maxPages?: number };
  /** 案 mark at the top right of the first page. */
  draft: boolean;
  /** 見本 watermark on every page. */
  sample: boolean;
  title: Run[];
  body: Block[];
  /** The records of a data document (./data.ts), which its formats write; the body shows them as a table. */
  data?: DataTable;
}

/** The label of a numbered item, e.g. `（%1）` and 3 → `（3）`. */
export function itemLabel(marker: ListMarker, index: number): string | undefined {
  if (marker.kind !== 'numbered') return undefined;
  return marker.pattern.replace('%1', String(marker.start + index));
}

export function runsText(runs: readonly Run[]): string {
  return runs.map((r) => r.text).join('');
}

/** What a block holds, in reading order: its own text and the blocks inside it. */
function parts(b: Block): (readonly Run[] | Block)[] {
  switch (b.kind) {
    case 'heading':
    case 'paragraph':
      return [b.runs];
    case 'list':
      return b.items.flatMap((it) => [it.runs, ...it.children]);
    case 'box':
      return [b.title, ...b.children];
    case 'columns':
      return b.columns.flatMap((c) => [c.title, ...c.children]);
    case 'table':
      return [...b.header, ...b.rows.flat()].flatMap((cell) => cell.children);
    case 'qr':
      return [];
  }
}

const isRuns = (p: readonly Run[] | Block): p is readonly Run[] => Array.isArray(p);

/** Every run of a document in reading order; used by checks that read all text. */
export function* walkRuns(doc: Document): Generator<Run> {
  yield* doc.title;
  const visit = function* (b: Block): Generator<Run> {
    for (const p of parts(b)) {
      if (isRuns(p)) yield* p;
      else yield* visit(p);
    }
  };
  for (const b of doc.body) yield* visit(b);
}

/**
 * Every text of a document in reading order (the title, then each block's titles and runs), by the
 * identity of its runs: what the fit says of a text block (its letter spacing) is said by this
 * place, which every writer finds the same way.
 */
export function textBlocks(doc: Document): Map<readonly Run[], number> {
  const out = new Map<readonly Run[], number>();
  for (const runs of [doc.title, ...textsOf(doc.body)]) if (!out.has(runs)) out.set(runs, out.size);
  return out;
}

/** The texts (runs) of some blocks, in reading order, with those of the blocks inside them. */
export function textsOf(blocks: readonly Block[]): (readonly Run[])[] {
  const out: (readonly Run[])[] = [];
  const visit = (b: Block): void => {
    for (const p of parts(b)) {
      if (isRuns(p)) out.push(p);
      else visit(p);
    }
  };
  blocks.forEach(visit);
  return out;
}

/** Every block of a document, each before the blocks inside it. */
export function* walkBlocks(doc: Pick<Document, 'body'>): Generator<Block> {
  const visit = function* (b: Block): Generator<Block> {
    yield b;
    for (const p of parts(b)) if (!isRuns(p)) yield* visit(p);
  };
  for (const b of doc.body) yield* visit(b);
}

/**
 * Where a title stands in the document's outline, the document's own title being 1: a numbered band
 * (a level-1 heading) and a box or caption that stands before any band open a section (2); what is
 * inside a section — a column's title, a caption, a box under a band — is one below (3). Every
 * format takes its heading levels from here, so that they agree and none skips a level.
 */
export type Rank = 2 | 3;

/** The rank of a titled part, for a writer: a title the outline does not know is the writer's bug. */
export function outlineRank(doc: Document): (b: Block | Column) => Rank {
  const ranks = outlineRanks(doc);
  return (b) => {
    const r = ranks.get(b);
    if (!r) throw new Error('a title that the outline does not rank');
    return r;
  };
}

/** The rank of every titled part of a document: level-1 headings and the others as placed. */
export function outlineRanks(doc: Document): Map<Block | Column, Rank> {
  const ranks = new Map<Block | Column, Rank>();
  const visit = (b: Block, inSection: boolean): void => {
    const rank: Rank = inSection ? 3 : 2;
    switch (b.kind) {
      case 'heading':
        ranks.set(b, b.level === 1 ? 2 : rank);
        return;
      case 'box':
        ranks.set(b, rank);
        for (const c of b.children) visit(c, true);
        return;
      case 'columns':
        for (const col of b.columns) {
          ranks.set(col, rank);
          for (const c of col.children) visit(c, true);
        }
        return;
      case 'list':
        for (const it of b.items) for (const c of it.children) visit(c, inSection);
        return;
      case 'table':
        for (const cell of [...b.header, ...b.rows.flat()]) for (const c of cell.children) visit(c, inSection);
        return;
      case 'paragraph':
      case 'qr':
        return;
    }
  };
  let inSection = false;
  for (const b of doc.body) {
    if (b.kind === 'heading' && b.level === 1) inSection = true;
    visit(b, inSection);
  }
  return ranks;
}
