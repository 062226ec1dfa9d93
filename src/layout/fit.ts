import { pageMargins } from '../theme/furniture.js';
import { runsText, textBlocks, textsOf, walkBlocks, type Block, type Document } from '../document/ir.js';
import type { Problem } from '../core/problem.js';
import { pageSize } from '../document/paper.js';
import type { Theme } from '../theme/theme.js';
import { columnMeasures } from './metrics.js';
import type { Fit } from './decisions.js';
import type { BlockLines, Laid, LayoutEngine, Measured, Setting } from './engine.js';

// Fitting the page, a step on the document before any writer. A document with a page limit is laid
// out by the layout engine (engine.ts: the one that decides where lines break), without drawing, and the
// fitter chooses within the theme's bounds, in this order:
//   1. the columns' weights, so that the columns end level (the tallest decides the page) and their
//      lines need no spreading beyond the theme's maxSpread and leave no short last line;
//   2. the largest body size at which the content keeps to its pages. A document of one page (the
//      summary) grows up to sizes.maxBody to fill it, and then takes the largest leading, up to
//      maxLineHeight, that keeps it there, so that it ends near its bottom margin. A document of
//      more pages is one of a series (the handouts): it keeps the theme's size and leading, and
//      shrinks, down to sizes.minBody, only when it would run over its pages.
// The content's height is affine in the leading at a given size (the lines do not change, only
// their pitch and the spaces that grow with it), so the leading is solved from two layouts rather
// than searched. Short last lines are the line breaker's (pdfmake/line-fill.ts) where the spread allows.
// The choice is a value (decisions.ts) every writer is given, so that all set the same sizes, pitch and measures.

/** Points to millimetres, for people who measure paper with a ruler. */
const MM_PER_PT = 25.4 / 72;
/** Leading is chosen to this precision. */
const LEADING_STEP = 0.01;

export interface Fitted {
  /** The decisions; absent when the document cannot be made to fit (see problems). */
  fit?: Fit;
  pages?: number;
  problems: Problem[];
  /** When it does not fit: the top-level blocks of the section to shorten (the tallest). */
  section?: number[];
  /** The engine's own format, written by its last layout at the fit when it was asked to (engine.ts Laid). */
  written?: Uint8Array;
}

/** How far the fitter may go: the body size and the leading, each between the theme's bounds. */
export function typeBounds(theme: Theme) {
  const s = theme.sizes;
  return { body: s.body, minBody: s.minBody, maxBody: s.maxBody ?? s.body, leading: theme.lineHeight, maxLeading: theme.maxLineHeight ?? theme.lineHeight };
}

/** Body sizes in half points (what Word can hold) from `from` to `to`, in either direction. */
function sizes(from: number, to: number): number[] {
  const out: number[] = [];
  const step = from <= to ? 0.5 : -0.5;
  const start = (step > 0 ? Math.ceil(from * 2) : Math.floor(from * 2)) / 2;
  for (let s = start; step > 0 ? s <= to + 1e-9 : s >= to - 1e-9; s += step) out.push(s);
  return out;
}

const round = (n: number, step: number) => Math.round(n / step) * step;
const rounded = (fit: Fit): Fit => ({ ...fit, leading: round(fit.leading, LEADING_STEP) });

/** `theme`: the page rules (paper, margins, the bounds of size and leading); `engine`: what lays the pages out. */
export async function fitDocument<B extends BlockLines>(doc: Document, theme: Theme, engine: LayoutEngine<B>): Promise<Fitted> {
  const b = typeBounds(theme);
  const max = doc.page.maxPages;
  const base: Fit = { scale: 1, leading: b.leading };
  // Without a page limit there is nothing to fit: the writers lay it out when they write.
  if (!max) return { fit: rounded(base), problems: [] };

  const [mTop, , mBottom] = pageMargins(theme, doc.page);
  const page = pageSize(theme.page.size, doc.page.orientation);
  /** The room between the top and bottom margins. */
  const room = page.height - mTop - mBottom;
  const endless = (fit: Fit) => engine.measure(doc, rounded(fit), true);
  const height = (m: Measured<B>) => m.bottom - mTop;
  const scaleOf = (size: number) => size / b.body;
  const columns = new Columns(doc, theme, page.width, engine);

  const fits = (m: Measured<B>) => height(m) <= room;
  /**
   * A fit laid out, its columns weighed from that layout, and laid out again with the weights; but
   * when the weighing foretells that even the best weights leave it too tall for one page, it is
   * not laid out again (`short` is then false).
   */
  const settle = async (f: Fit): Promise<{ fit: Fit; at: Measured<B>; short: boolean }> => {
    const m = await endless(f);
    if (!columns.any) return { fit: f, at: m, short: fits(m) };
    // The columns may take what the page leaves them: no more than that is worth a better setting.
    const weighed = columns.weigh(f, m, room - (height(m) - columns.tallest(m)));
    if (height(m) - (columns.tallest(m) - weighed.tallest) > room) return { fit: weighed.fit, at: m, short: false };
    const again = await endless(weighed.fit);
    return columns.tallest(again) <= columns.tallest(m) + 0.01 ? { fit: weighed.fit, at: again, short: fits(again) } : { fit: f, at: m, short: fits(m) };
  };
  /** The pages a fit takes: one when its content is no taller than the page's room. */
  const pagesOf = async (f: Fit, m: Measured<B>) => (fits(m) ? 1 : (await engine.measure(doc, rounded(f))).pages);

  // The largest type and leading the theme allows: a short document that keeps to one page so set
  // (most handouts) needs nothing else. Without columns to weigh, that is tried on its real pages.
  const grows = max === 1;
  const largest: Fit = { scale: scaleOf(Math.floor(b.maxBody * 2) / 2), leading: b.maxLeading };
  if (grows && (largest.scale > base.scale || largest.leading > base.leading)) {
    if (!columns.any) {
      const fitted = rounded(largest);
      const laid = await engine.lay(doc, fitted);
      if (laid.pages === 1) return finished(fitted, laid);
    } else {
      const top = await settle(largest);
      if (top.short) return written(top.fit, 1);
    }
  }

  // A document of a series without columns to weigh (the handouts) keeps the theme's size and
  // leading whenever they keep it to its pages: laid out once on its real pages, that is known, and
  // the layout is the one written. Only one that runs over is measured further.
  if (!grows && !columns.any) {
    const fitted = rounded(base);
    const laid = await engine.lay(doc, fitted);
    if (laid.pages <= max) return finished(fitted, laid);
  }

  let { fit, at } = await settle(base);
  let pages = await pagesOf(fit, at);
  if (pages > max) {
    // Over the limit: the largest size below the body's at which it keeps to its pages, from the top.
    // When the first does not do, the least is tried next: the fitter takes it that smaller type never
    // needs more pages, so a document that runs over even at the least size is an overflow without
    // being laid out at the sizes between (a save that makes a text far too long is told so at once).
    // A column weighing that came out worse at the least size than above it would make that a false
    // overflow; none is known, and the least size has about half the area of the body's.
    const candidates = sizes(b.body - 0.5, b.minBody);
    const least = candidates.at(-1);
    const tried = new Map<number, { fit: Fit; at: Measured<B>; pages: number }>();
    const triedAt = async (size: number) => {
      if (!tried.has(size)) {
        const t = await settle({ ...fit, scale: scaleOf(size) });
        tried.set(size, { fit: t.fit, at: t.at, pages: t.short ? 1 : await pagesOf(t.fit, t.at) });
      }
      return tried.get(size)!;
    };
    let chosen: { fit: Fit; at: Measured<B>; pages: number } | undefined;
    for (const [i, size] of candidates.entries()) {
      const t = await triedAt(size);
      if (t.pages <= max) {
        chosen = t;
        break;
      }
      if (i === 0 && least !== undefined && least !== size && (await triedAt(least)).pages > max) break;
    }
    if (!chosen) return overflow(doc, theme, engine, scaleOf(Math.ceil(b.minBody * 2) / 2), max);
    ({ fit, at, pages } = chosen);
  } else if (pages === 1 && grows) {
    // One page with room to spare: the largest size that keeps it to the page. Lines grow with the
    // type and so does their count: a size the square rule rules out is not laid out.
    for (const size of sizes(b.maxBody, b.body + 0.5)) {
      if (height(at) * (size / b.body) ** 2 > room * 1.05) continue;
      const tried = await settle({ ...fit, scale: scaleOf(size) });
      if (tried.short) {
        ({ fit, at } = tried);
        break;
      }
    }
  }
  // One page: then the largest leading that keeps it there, so that it ends near the bottom margin.
  if (pages === 1 && grows && b.maxLeading > fit.leading) fit = await widen(fit, at, b.maxLeading, room, endless, height);
  return written(fit, pages);

  /**
   * The fit as it will be written, laid out on its real pages: if they disagree with the measuring
   * page (a table row that moves as a whole), the leading steps back until they agree.
   */
  async function written(chosen: Fit, expected: number): Promise<Fitted> {
    for (let f = chosen; ; f = { ...f, leading: Math.max(b.leading, f.leading - LEADING_STEP) }) {
      const fitted = rounded(f);
      const laid = await engine.lay(doc, fitted);
      if (laid.pages <= expected || f.leading <= b.leading) return finished(fitted, laid);
    }
  }
}

/** The fit as laid out, with the lines that layout ended early (for the Word writer: decisions.ts EarlyLine). */
function finished(fit: Fit, laid: Laid): Fitted {
  const earlyLines = [...laid.blocks].flatMap(([block, b]) => (b.early ?? []).map((e) => ({ block, ...e })));
  return { fit: earlyLines.length ? { ...fit, earlyLines } : fit, pages: laid.pages, problems: [], ...(laid.written ? { written: laid.written } : {}) };
}

/**
 * The largest leading up to `max` at which the content keeps to `room`, solved from the layout at
 * the current leading and one at `max` (the height is affine in the leading). The real layout that
 * is then written checks it.
 */
async function widen<M>(fit: Fit, at: M, max: number, room: number, endless: (f: Fit) => Promise<M>, height: (m: M) => number): Promise<Fit> {
  const top = await endless({ ...fit, leading: max });
  if (height(top) <= room) return { ...fit, leading: max };
  const h0 = height(at);
  const h1 = height(top);
  const leading = Math.floor((fit.leading + ((room - h0) / (h1 - h0)) * (max - fit.leading)) / LEADING_STEP + 1e-9) * LEADING_STEP;
  return { ...fit, leading: Math.max(fit.leading, leading) };
}

/**
 * The columns blocks of a document and what each column holds. The fitter weighs them so that they
 * end level: one layout tells, for every paragraph of a column, its words as measured, the room
 * its lines had and their pitch; the engine's own line filling (LayoutEngine.refill) then says how
 * many lines each would take at any other width, so that every division of the width can be tried
 * without laying the document out again. The layout that follows checks the choice.
 */
class Columns<B extends BlockLines> {
  /** Each columns block's weights as the template gave them, in walkBlocks order. */
  private readonly template: number[][];
  /** The blocks at the top level (only those have a place the layout reports: their `block-N` id). */
  private readonly blocks: { index: number; top: string; texts: number[][] }[] = [];

  constructor(doc: Document, private readonly theme: Theme, private readonly width: number, private readonly engine: LayoutEngine<B>) {
    const texts = textBlocks(doc);
    const all = [...walkBlocks(doc)].filter((x): x is Extract<Block, { kind: 'columns' }> => x.kind === 'columns');
    this.template = all.map((block) => block.columns.map((col) => col.weight));
    all.forEach((block, index) => {
      const topLevel = doc.body.indexOf(block);
      if (topLevel < 0) return;
      this.blocks.push({
        index,
        top: `block-${topLevel}`,
        texts: block.columns.map((col) => [col.title, ...textsOf(col.children)].map((r) => texts.get(r)).filter((n): n is number => n !== undefined)),
      });
    });
  }

  get any(): boolean {
    return this.blocks.length > 0;
  }

  /** The tallest column of a layout, from the top of its block. */
  tallest(m: Measured<B>): number {
    return Math.max(0, ...this.blocks.flatMap((blk) => this.heights(m, blk)));
  }

  private heights(m: Measured<B>, blk: Columns<B>['blocks'][number]): number[] {
    const top = m.tops.get(blk.top)?.top ?? 0;
    return blk.texts.map((ids) => Math.max(0, ...ids.map((id) => m.blocks.get(id)?.bottom ?? 0)) - top);
  }

  /**
   * The weights, for the fit `m` was laid out with, under which the columns are set best: the
   * tallest column shortest (or up to a line taller, as long as it is no taller than `room`, when
   * that spares a short last line or a line spread beyond the theme's bound), then the fewest short
   * last lines and over-spread lines, then the least spreading, then the most level.
   */
  weigh(fit: Fit, m: Measured<B>, room = 0): { fit: Fit; tallest: number } {
    if (!this.blocks.length) return { fit, tallest: this.tallest(m) };
    let tallest = 0;
    const [, mRight, , mLeft] = this.theme.page.margins;
    const usable = this.width - mLeft - mRight;
    const next = this.template.map((w, k) => fit.columns?.[k] ?? w);
    for (const blk of this.blocks) {
      const measures = columnMeasures(this.theme, usable, next[blk.index]);
      const total = measures.reduce((a, x) => a + x, 0);
      const heights = this.heights(m, blk);
      // Each column's height, short last lines and spreading at every width of a grid, from its paragraphs.
      const lo = Math.ceil((total * MIN_COLUMN_SHARE) / GRID);
      const hi = Math.floor((total * (1 - MIN_COLUMN_SHARE * (measures.length - 1))) / GRID);
      let pitch = 0;
      const profiles = blk.texts.map((ids, i) => {
        const paragraphs = ids.map((id) => m.blocks.get(id)).filter((b): b is NonNullable<typeof b> => b !== undefined)
          .map((b) => ({ block: b, pitch: b.pitch, indent: measures[i] - b.maxWidth, bound: this.engine.spreadBound(b), at: this.engine.refill(b, b.maxWidth).lines, set: undefined as Setting | undefined }));
        for (const p of paragraphs) pitch = Math.max(pitch, p.pitch);
        const out: Profile = [];
        for (let g = lo; g <= hi; g++) {
          let height = heights[i];
          let short = 0;
          let spread = 0;
          for (const p of paragraphs) {
            // The widths only grow: a setting the engine says holds up to a width is not asked for again below it.
            const width = g * GRID - p.indent;
            const set = p.set?.below !== undefined && width < p.set.below ? p.set : (p.set = this.engine.refill(p.block, width));
            height += p.pitch * (set.lines - p.at);
            short += set.short;
            if (set.spread > p.bound + 1e-6) short += 1;
            spread = Math.max(spread, Number.isFinite(p.bound) && p.bound > 0 ? set.spread / p.bound : 0);
          }
          out[g] = { height, short, spread };
        }
        return out;
      });
      const chosen = divide(profiles, lo, hi, Math.floor(total / GRID), pitch, room - (m.tops.get(blk.top)?.top ?? 0) + (m.tops.get(this.blocks[0].top)?.top ?? 0));
      if (chosen) next[blk.index] = chosen.map((g) => g * GRID);
      tallest = Math.max(tallest, ...(chosen ? chosen.map((g, i) => profiles[i][g].height) : heights));
    }
    return { fit: { ...fit, columns: next }, tallest };
  }
}

/** Columns are weighed on a grid of this many points of measure. */
const GRID = 1;
/** No column is made narrower than this share of the columns' width. */
const MIN_COLUMN_SHARE = 0.12;

/**
 * A column at each width: its height, its faults (short last lines and lines spread beyond the
 * bound) and its widest spreading as a share of the bound.
 */
type Profile = { height: number; short: number; spread: number }[];

/**
 * Grid widths for the columns, summing to at most `total`. The least height at which the columns
 * fit, and the heights up to a line (`pitch`) above it that are no taller than `room`, are tried; of each, the widths that give
 * the spare width to one column or share it out. The best is the one with the fewest faults, then
 * the least height, then the least spreading, then the least difference between the tallest and
 * the shortest column.
 */
function divide(profiles: Profile[], lo: number, hi: number, total: number, pitch: number, room: number): number[] | undefined {
  // For each column, the least width at which it is no taller than a given height.
  const least = (p: Profile, height: number) => {
    for (let g = lo; g <= hi; g++) if (p[g].height <= height + 1e-6) return g;
    return undefined;
  };
  const score = (w: number[]) => {
    const at = w.map((g, i) => profiles[i][Math.min(hi, g)]);
    const tall = Math.max(...at.map((x) => x.height));
    return { tall, short: at.reduce((a, x) => a + x.short, 0), spread: Math.max(...at.map((x) => x.spread)), level: tall - Math.min(...at.map((x) => x.height)) };
  };
  const candidates = [...new Set(profiles.flatMap((p) => p.slice(lo).map((x) => Math.round(x.height * 100) / 100)))].sort((a, b) => a - b);
  let first: number | undefined;
  const tried: { w: number[]; s: ReturnType<typeof score> }[] = [];
  for (const height of candidates) {
    if (first !== undefined && (height > first + pitch + 1e-6 || height > room + 1e-6)) break;
    const need = profiles.map((p) => least(p, height));
    if (need.some((g) => g === undefined)) continue;
    const sum = (need as number[]).reduce((a, g) => a + g, 0);
    if (sum > total) continue;
    first ??= height;
    const spare = total - sum;
    const ways: number[][] = [
      need as number[],
      (need as number[]).map((g) => Math.min(hi, g + Math.floor((spare * g) / sum))),
      ...profiles.map((_, i) => (need as number[]).map((g, k) => (k === i ? Math.min(hi, g + spare) : g))),
    ];
    for (const w of ways) {
      const s = score(w);
      if (s.tall <= height + 1e-6) tried.push({ w, s });
    }
  }
  return tried.sort((a, b) => a.s.short - b.s.short || a.s.tall - b.s.tall || a.s.spread - b.s.spread || a.s.level - b.s.level)[0]?.w;
}

/** Top-level blocks grouped into sections: a box alone, a level-1 heading with the blocks after it. */
function sections(doc: Document): number[][] {
  const out: number[][] = [];
  doc.body.forEach((b, i) => {
    const opens = b.kind === 'box' || (b.kind === 'heading' && b.level === 1);
    const last = out[out.length - 1];
    if (!last || opens || doc.body[last[0]].kind === 'box') out.push([i]);
    else last.push(i);
  });
  return out;
}

async function overflow<B extends BlockLines>(doc: Document, theme: Theme, engine: LayoutEngine<B>, scale: number, maxPages: number): Promise<Fitted> {
  // Lay the content out on one endless page to see how tall it is and how tall each part is.
  const tall = await engine.measure(doc, rounded({ scale, leading: theme.lineHeight }), true);
  const [mTop, , mBottom] = pageMargins(theme, doc.page);
  const usable = pageSize(theme.page.size, doc.page.orientation).height - mTop - mBottom;
  const limit = mTop + usable * maxPages;
  const end = tall.tops.get('end')?.top ?? limit;
  const top = (i: number) => tall.tops.get(i < doc.body.length ? `block-${i}` : 'end')?.top ?? end;
  // The section that takes the most room is the one to shorten, not the one the page happens to end in.
  const height = (section: number[]) => top(section[section.length - 1] + 1) - top(section[0]);
  const tallest = sections(doc).reduce((a, b) => (height(b) > height(a) ? b : a), [0]);
  const excess = Math.max(0, end - limit);
  const s = theme.sizes;
  return {
    section: tallest,
    problems: [{
      severity: 'error',
      code: 'layout/overflow',
      message:
        `文書が ${maxPages} ページに収まりません（本文を下限の ${(s.body * scale).toFixed(1)}pt まで縮めても）。` +
        `いちばん場所を取っているのは「${describeBlock(doc, tallest[0])}」の節です。`,
      document: `${runsText(doc.title)}（約 ${excess.toFixed(0)}pt、${(excess * MM_PER_PT).toFixed(0)}mm はみ出す）`,
      hint: 'その節の文言を短くするか、templates/theme.yaml の sizes.minBody を見直してください。',
    }],
  };
}

function describeBlock(doc: Document, index: number): string {
  // Name a block by the heading that introduces it, so the message points at a section people know.
  for (let i = index; i >= 0; i--) {
    const b = doc.body[i];
    if (b.kind === 'heading') return runsText(b.runs);
    if (b.kind === 'box') return runsText(b.title);
  }
  return runsText(doc.title);
}
