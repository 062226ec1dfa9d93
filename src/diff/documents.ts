import { itemLabel, runsText, type Block, type Document } from '../document/ir.js';
import { diffChars, lcsTable, similarity, type Segment } from './chars.js';

// Two versions of one document → the rows of its 新旧対照表. Pure: it reads only the document model,
// so the table uses the documents' own wording (eras, numbers, brackets as the templates wrote them)
// and covers every document the templates make, not one hand-written list of fields.
//
// A document is read as a sequence of passages (the title, headings, paragraphs, list items, table
// rows), each named by the headings above it as the document names them (「２．中小企業支援事業　《国の
// 事業》　（1）経営の診断…」). The two sequences are aligned on heading and text; in a gap, a passage
// pairs first with the removed one at the same place under the same heading (an item whose wording
// changed entirely is still one changed item), then with its most alike removed one of the same style.

export type PassageStyle = 'heading' | 'bullet' | 'numbered' | 'text';

export interface Passage {
  /** The headings above it, outermost first: 「２．中小企業支援事業」「《国の事業》」「（1）」. */
  place: string[];
  style: PassageStyle;
  /** A numbered item's label, such as （3）; kept out of the compared text, as numbers shift. */
  label?: string;
  text: string;
}

export type ChangeKind = 'modified' | 'added' | 'removed';

export interface Change {
  kind: ChangeKind;
  /** Where the passage stands: its headings joined by a full-width space; empty for the title. */
  place: string;
  style: PassageStyle;
  label?: string;
  /** 改正後: null when the passage was removed. Changed stretches are underlined. */
  after: Segment[] | null;
  /** 改正前: null when the passage is new. */
  before: Segment[] | null;
}

/** Unchanged passages between changes, shortened in the table to （略）. */
export interface Omitted {
  kind: 'omitted';
}

export type Row = Change | Omitted;

export const PLACE_SEPARATOR = '　';

/** Sentences that are at least this alike are one sentence edited, not one removed and one added. */
const SAME_PASSAGE = 0.5;

/** The passages of a document in reading order. */
export function passages(doc: Document): Passage[] {
  const out: Passage[] = [{ place: [], style: 'heading', text: runsText(doc.title) }];
  walk(doc.body, [], out);
  return out;
}

function walk(blocks: readonly Block[], base: string[], out: Passage[]): void {
  // The headings seen so far in this container, by level: a heading closes those below it.
  const levels: (string | undefined)[] = [];
  const here = (below = 4) => [...base, ...levels.slice(1, below).filter((h): h is string => h !== undefined)];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading': {
        const text = runsText(b.runs);
        out.push({ place: here(b.level), style: 'heading', text });
        levels[b.level] = text;
        levels.length = b.level + 1;
        break;
      }
      case 'paragraph':
        out.push({ place: here(), style: 'text', text: runsText(b.runs) });
        break;
      case 'list':
        b.items.forEach((it, i) => {
          const label = itemLabel(b.marker, i);
          const text = runsText(it.runs);
          out.push({ place: here(), style: label ? 'numbered' : 'bullet', ...(label ? { label } : {}), text });
          // Its children are named by the item as the document shows it: （1）経営の診断又は…
          walk(it.children, [...here(), label ? `${label}${text}` : text], out);
        });
        break;
      case 'box': {
        const title = runsText(b.title);
        out.push({ place: here(), style: 'heading', text: title });
        walk(b.children, [...here(), title], out);
        break;
      }
      case 'columns':
        for (const c of b.columns) {
          const title = runsText(c.title);
          out.push({ place: here(), style: 'heading', text: title });
          walk(c.children, [...here(), title], out);
        }
        break;
      case 'table': {
        const row = (cells: { children: Block[] }[]) => cells.map((c) => textOf(c.children)).join('　');
        if (b.header.length) out.push({ place: here(), style: 'heading', text: row(b.header) });
        for (const r of b.rows) out.push({ place: here(), style: 'text', text: row(r) });
        break;
      }
      case 'qr':
        // The URL it encodes is printed beside it as text, and compared there.
        break;
    }
  }
}

/** A cell's text as one line: its passages joined with a full-width space. */
function textOf(blocks: readonly Block[]): string {
  const inner: Passage[] = [];
  walk(blocks, [], inner);
  return inner.map((p) => p.text).join('　');
}

interface Pair {
  old?: Passage;
  new?: Passage;
}

const placeOf = (p: Passage) => p.place.join(PLACE_SEPARATOR);

/**
 * Pair two sequences in order on heading and text (LCS); in a gap, a new passage pairs with the
 * removed one of its style at the same place (the k-th new under a heading with the k-th removed),
 * else with its most alike removed one.
 */
function align(a: readonly Passage[], b: readonly Passage[]): Pair[] {
  const key = (p: Passage) => `${placeOf(p)}\u0000${p.text}`;
  const [ka, kb] = [a.map(key), b.map(key)];
  const dp = lcsTable(ka, kb);
  const raw: Pair[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && ka[i] === kb[j]) raw.push({ old: a[i++], new: b[j++] });
    else if (j >= b.length || (i < a.length && dp[i + 1][j] >= dp[i][j + 1])) raw.push({ old: a[i++] });
    else raw.push({ new: b[j++] });
  }
  const out: Pair[] = [];
  for (let k = 0; k < raw.length; ) {
    if (raw[k].old && raw[k].new) {
      out.push(raw[k++]);
      continue;
    }
    const dels: Passage[] = [];
    const ins: Passage[] = [];
    for (; k < raw.length && !(raw[k].old && raw[k].new); k++) {
      if (raw[k].old) dels.push(raw[k].old!);
      else ins.push(raw[k].new!);
    }
    out.push(...pairGap(dels, ins));
  }
  return out;
}

/** One gap of the alignment: its removed and new passages paired where they are one passage changed. */
function pairGap(dels: readonly Passage[], ins: readonly Passage[]): Pair[] {
  const match = new Map<number, number>();
  const used = new Set<number>();
  const take = (k: number, x: number) => {
    match.set(k, x);
    used.add(x);
  };
  // By position under the same heading first, then by text.
  ins.forEach((s, k) => {
    const x = dels.findIndex((d, x) => !used.has(x) && d.style === s.style && placeOf(d) === placeOf(s));
    if (x >= 0) take(k, x);
  });
  ins.forEach((s, k) => {
    if (match.has(k)) return;
    let best = -1;
    let bestSim = SAME_PASSAGE;
    dels.forEach((d, x) => {
      if (used.has(x) || d.style !== s.style) return;
      const sim = similarity(d.text, s.text);
      if (sim >= bestSim && (best < 0 || sim > bestSim)) [best, bestSim] = [x, sim];
    });
    if (best >= 0) take(k, best);
  });
  const out: Pair[] = [];
  let d = 0;
  ins.forEach((s, k) => {
    const x = match.get(k);
    if (x === undefined) {
      out.push({ new: s });
      return;
    }
    for (; d < x; d++) if (!used.has(d)) out.push({ old: dels[d] });
    out.push({ old: dels[x], new: s });
    d = Math.max(d, x + 1);
  });
  for (; d < dels.length; d++) if (!used.has(d)) out.push({ old: dels[d] });
  return out;
}

const whole = (text: string): Segment[] => [{ text, changed: true }];

/**
 * The rows of the 新旧対照表 of one document: its changes in reading order, with unchanged passages
 * between them shortened to one （略） row. Either side may be absent (a document added or removed).
 * No change at all gives no rows.
 */
export function compareDocuments(before: Document | undefined, after: Document | undefined): Row[] {
  const pairs = align(before ? passages(before) : [], after ? passages(after) : []);
  const rows: Row[] = [];
  let skipped = false;
  for (const p of pairs) {
    if (p.old && p.new && p.old.text === p.new.text) {
      skipped = true;
      continue;
    }
    if (skipped) rows.push({ kind: 'omitted' });
    skipped = false;
    const at = (p.new ?? p.old)!;
    const base = { place: at.place.join(PLACE_SEPARATOR), style: at.style, ...(at.label ? { label: at.label } : {}) };
    if (!p.old) rows.push({ kind: 'added', ...base, after: whole(p.new!.text), before: null });
    else if (!p.new) rows.push({ kind: 'removed', ...base, after: null, before: whole(p.old.text) });
    else rows.push({ kind: 'modified', ...base, ...diffChars(p.old.text, p.new.text) });
  }
  if (!rows.length) return [];
  if (skipped) rows.push({ kind: 'omitted' });
  return rows;
}

export const changesOf = (rows: readonly Row[]): Change[] => rows.filter((r): r is Change => r.kind !== 'omitted');

/** How many rows of each kind: 改正 (modified), 新設 (added), 削除 (removed). */
export interface ChangeCounts {
  modified: number;
  added: number;
  removed: number;
}

export function countChanges(rows: readonly Row[]): ChangeCounts {
  const changes = changesOf(rows);
  return { modified: changes.filter((c) => c.kind === 'modified').length, added: changes.filter((c) => c.kind === 'added').length, removed: changes.filter((c) => c.kind === 'removed').length };
}
