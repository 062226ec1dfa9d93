import { runsText, type Block, type Column, type Run } from '../document/ir.js';
import type { FontChain, FontChains } from '../fonts/chain.js';
import type { Theme } from '../theme/theme.js';
import { BULLET_EM, LABEL_EM, LAST_LINE_MIN } from './metrics.js';

// Widths for the columns of a wide screen that make them end together. The PDF's weights are fitted
// to its own font engine and page; a browser sets the same text at another size and measure, so the
// columns are balanced for the screen's own setting: each column's text is laid out in estimate (its
// width in the fonts the page asks for first, wrapped at the measure, at the stylesheet's sizes, line
// heights and spaces), and the line is shared so that the tallest column is as short as it can be.

/** A piece of text as the stylesheet sets it: its characters' advances in ems of its size, its indent and spaces in rem. */
interface Piece {
  /** The advance of each character, in ems. */
  advances: number[];
  /** Whether each character may begin a line (not a closing bracket or punctuation, by line-break: strict). */
  opens: boolean[];
  /** Its size relative to the body's. */
  size: number;
  lineHeight: number;
  indent: number;
  /** Space before and after it (rem): adjoining margins collapse into the larger, as CSS has them. */
  before: number;
  after: number;
  /** Whether the browser justifies its lines (body text; headings are set ragged, broken between phrases). */
  justified?: boolean;
}

/** How the stylesheet sets a screen (style.ts), in rem where it is a length. */
export interface ScreenSetting {
  /** Line height of the body text. */
  lineHeight: number;
  /** Line height of headings. */
  headingLineHeight: number;
  /** Space after a column's title, before and after a caption or sub-heading, after a list and a numbered item. */
  space: { frameTitle: number; headingBefore: number; headingAfter: number; list: number; item: number };
}

interface Setting extends ScreenSetting {
  theme: Theme;
  fonts: FontChains;
}

function pieces(bs: readonly Block[], set: Setting, indent: number): Piece[] {
  const s = set.theme.sizes;
  const text = (runs: readonly Run[], size: number, heading: boolean, after: number, at = indent, before = 0): Piece => ({
    ...characters(runsText(runs), heading ? set.fonts.heading : set.fonts.body, heading),
    size: size / s.body,
    lineHeight: heading ? set.headingLineHeight : set.lineHeight,
    indent: at,
    before,
    after,
    justified: !heading && set.theme.justify,
  });
  const headingSizes = [s.heading1, s.heading2, s.heading3];
  return bs.flatMap((b): Piece[] => {
    switch (b.kind) {
      case 'heading':
        return [text(b.runs, headingSizes[b.level - 1], true, set.space.headingAfter, indent, b.level === 1 ? 0 : set.space.headingBefore)];
      case 'paragraph':
        return [text(b.runs, b.role === 'note' ? s.note : s.body, false, 0)];
      case 'list': {
        const numbered = b.marker.kind !== 'bullet';
        const inner = indent + (numbered ? LABEL_EM : BULLET_EM);
        const items = b.items.flatMap((it) => [text(it.runs, s.body, false, numbered ? set.space.item : 0, inner), ...pieces(it.children, set, inner)]);
        return [...items, { advances: [], opens: [], size: 0, lineHeight: 0, indent, before: 0, after: set.space.list }];
      }
      case 'box':
        return [text(b.title, s.heading2, true, set.space.frameTitle), ...pieces(b.children, set, indent)];
      case 'columns':
        return b.columns.flatMap((c) => [text(c.title, s.heading2, true, set.space.frameTitle), ...pieces(c.children, set, indent)]);
      case 'table':
        return [...b.header, ...b.rows.flat()].flatMap((c) => pieces(c.children, set, indent));
      case 'qr':
        return [{ advances: [], opens: [], size: s.qr / s.body, lineHeight: 1, indent, before: 0, after: 0 }];
    }
  });
}

/** Characters a line may not begin with (JIS X 4051's closing brackets, punctuation, small kana). */
const CLOSING = /[、。，．・：；？！）」』】〕〉》ー々ゝゞぁぃぅぇぉっゃゅょァィゥェォッャュョ),.:;?!]/u;

function characters(text: string, chain: FontChain, bold: boolean): Pick<Piece, 'advances' | 'opens'> {
  const chars = [...text];
  return { advances: chars.map((c) => chain.advance(c, bold)), opens: chars.map((c) => !CLOSING.test(c)) };
}

/**
 * Lines of a piece at a measure (ems of its size): filled greedily, a line never begun by a closing
 * mark, the last LAST_LINE_MIN characters together; and the most a justified line of it spreads, in
 * ems between two characters (the room a line leaves, shared among its gaps, as Chromium's
 * inter-character justification shares it).
 */
function lines(p: Piece, room: number): { count: number; spread: number } {
  // Sums run left to right from 0, as the estimate always summed them: the widths chosen depend on
  // the last bit of these numbers, and the pages must not change with the speed of the loop.
  const advances = p.advances;
  const n = advances.length;
  const glued = n - LAST_LINE_MIN;
  let count = 1;
  let width = 0;
  let start = 0;
  let spread = 0;
  for (let i = 0; i < n; i++) {
    if (width + advances[i] > room && i > start) {
      // Back to where a line may begin: not before a closing mark, nor inside the paragraph's tail.
      let at = i;
      while (at > start + 1 && (!p.opens[at] || (at > glued && glued > start))) at--;
      if (p.justified && at - start > 1) {
        let kept = 0;
        for (let k = start; k < at; k++) kept += advances[k];
        spread = Math.max(spread, (room - kept) / (at - start - 1));
      }
      count++;
      start = at;
      width = 0;
      for (let k = at; k < i; k++) width += advances[k];
    }
    width += advances[i];
  }
  return { count, spread };
}

/** The height in rem of pieces set at a measure (rem), and the most any of their lines spreads (ems). */
function setting(ps: readonly Piece[], measure: number): { height: number; spread: number } {
  let h = 0;
  let margin = 0;
  let spread = 0;
  for (const p of ps) {
    let lineCount = 1;
    if (p.advances.length) {
      const set = lines(p, Math.max(1, (measure - p.indent) / p.size));
      lineCount = set.count;
      spread = Math.max(spread, set.spread);
    }
    h += Math.max(margin, p.before) + lineCount * p.size * p.lineHeight;
    margin = p.advances.length || p.size ? p.after : Math.max(margin, p.after);
  }
  return { height: h, spread };
}

/** The height in rem of pieces set at a measure (rem). */
const height = (ps: readonly Piece[], measure: number): number => setting(ps, measure).height;

/**
 * The widths (rem, summing to `total`) at which the columns' text ends at about the same height:
 * the least height that every column can reach within the line, found by halving, each column given
 * the narrowest measure that reaches it.
 */
export function balancedWidths(columns: readonly Column[], total: number, set: Setting): number[] {
  const texts = columns.map((c) => pieces([{ kind: 'box', title: c.title, children: c.children }], set, 0));
  const narrowest = (ps: readonly Piece[], h: number) => {
    let lo = 1;
    let hi = total;
    if (height(ps, hi) > h) return Infinity;
    while (hi - lo > 0.01) {
      const mid = (lo + hi) / 2;
      if (height(ps, mid) <= h) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  let lo = Math.max(...texts.map((ps) => height(ps, total)));
  let hi = Math.max(...texts.map((ps) => height(ps, total / columns.length)));
  while (hi - lo > 0.05) {
    const mid = (lo + hi) / 2;
    if (texts.reduce((sum, ps) => sum + narrowest(ps, mid), 0) <= total) hi = mid;
    else lo = mid;
  }
  const widths = texts.map((ps) => narrowest(ps, hi));
  // What is left of the line goes where it keeps the ends closest: shared out in proportion, or all
  // to one column (lines come whole, so more width may shorten a column by a line or not at all).
  const spare = total - widths.reduce((a, w) => a + w, 0);
  const candidates = [widths.map((w) => w + (spare * w) / (total - spare)), ...widths.map((_, i) => widths.map((w, j) => (i === j ? w + spare : w)))];
  const ends = (ws: readonly number[]) => {
    const hs = texts.map((ps, i) => height(ps, ws[i]));
    return Math.max(...hs) - Math.min(...hs);
  };
  const closest = candidates.reduce((best, c) => (ends(c) < ends(best) - 1e-9 ? c : best));
  // The stylesheet shares out what a column lacks of the tallest among the gaps between its blocks
  // (style.ts), so the columns' ends may be a line apart for widths that spread no line too far.
  return unspread(closest, texts, set.theme.maxSpread, Math.max(ends(closest), set.lineHeight) + END_SLACK);
}

/** What the columns' ends may be apart beyond a line of body text (rem), for widths whose lines need no spreading beyond the bound. */
const END_SLACK = 0.25;
/** The steps (rem) by which width passes from one column to another in that search, and how many either way. */
const STEP = 0.1;
const STEPS = 20;

/**
 * Widths near `closest` whose justified lines the browser spreads least (ems): a line shortened to
 * keep a paragraph's tail together (or before a closing mark) is spread across the measure, and a
 * narrow column shows it; a little more or less measure usually avoids it. Width passes between
 * columns by up to STEPS steps, once or twice (three columns need two moves to change all their
 * widths); the ends may be `limit` apart at most. Among the widths that stay within it, the least
 * spread (to a hundredth of an em; any below half the bound is as good), then the closest ends,
 * then the least width moved.
 */
function unspread(closest: number[], texts: readonly Piece[][], bound: number, limit: number): number[] {
  // Thousands of divisions are tried, but each column takes only a few hundred widths: each column's
  // height and widest spread at a width is set once (keyed by the exact width, so nothing is conflated).
  const known = texts.map(() => new Map<number, { height: number; spread: number }>());
  const column = (i: number, w: number) => {
    let c = known[i].get(w);
    if (!c) {
      c = setting(texts[i], w);
      known[i].set(w, c);
    }
    return c;
  };
  const ends = (ws: readonly number[]) => {
    const hs = ws.map((w, i) => column(i, w).height);
    return Math.max(...hs) - Math.min(...hs);
  };
  const widest = (ws: readonly number[]) => {
    const most = Math.max(0, ...ws.map((w, i) => column(i, w).spread));
    return Math.round(Math.max(most, bound / 2) * 100) / 100;
  };
  const n = closest.length;
  const moves: number[][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) for (let m = -STEPS; m <= STEPS; m++) if (m) moves.push(closest.map((_, k) => (k === i ? m * STEP : k === j ? -m * STEP : 0)));
  let best = { ws: closest, spread: widest(closest), ends: ends(closest), moved: 0 };
  if (best.spread <= bound / 2) return closest;
  // Each division is tried in place (two arrays for all of them): the same sums, in the same order,
  // as one new array per division made.
  const d = new Array<number>(n);
  const ws = new Array<number>(n);
  const consider = () => {
    let tall = -Infinity;
    let short = Infinity;
    for (let k = 0; k < n; k++) {
      ws[k] = closest[k] + d[k];
      const h = column(k, ws[k]).height;
      tall = Math.max(tall, h);
      short = Math.min(short, h);
    }
    const e = tall - short;
    if (e > limit) return;
    let most = 0;
    let moved = 0;
    for (let k = 0; k < n; k++) {
      most = Math.max(most, column(k, ws[k]).spread);
      moved += Math.abs(d[k]);
    }
    const x = Math.round(Math.max(most, bound / 2) * 100) / 100;
    const better = x < best.spread || (x === best.spread && (e < best.ends - 1e-9 || (e < best.ends + 1e-9 && moved < best.moved - 1e-9)));
    if (better) best = { ws: ws.slice(), spread: x, ends: e, moved };
  };
  for (let a = 0; a < moves.length; a++) {
    const first = moves[a];
    for (let k = 0; k < n; k++) d[k] = first[k];
    consider();
    for (let b = a + 1; b < moves.length; b++) {
      const second = moves[b];
      for (let k = 0; k < n; k++) d[k] = first[k] + second[k];
      consider();
    }
  }
  return best.ws;
}
