import { graphemeCount, HANGING } from '../../text/kinsoku.js';
import { spacedBetween } from '../../text/spacing.js';
import { LATIN_SPACE_EM, SHORT_LAST_LINE } from '../metrics.js';
import type { Setting } from '../engine.js';
import { wrapPdfmake } from './hook.js';

// How pdfmake fills a line, in the one place that reaches into it (LayoutBuilder.buildNextLine:
// each line filled greedily with the words line-breaks.ts leaves, then justified). Before a
// paragraph's first line, its words get what the typesetting asks of them: a quarter em of room
// where Japanese meets a Latin word, and full stops and commas that may hang past the line's end; as
// each line is made, it may end early so that the last line is not stranded. setLines() fills lines
// as pdfmake and this hook do, so that the fitter (layout/fit.ts) can ask how a paragraph would set
// at another measure without laying the document out again.

// ---- no stranded last line (JLReq 3.5.4), no squeezed letters ---------------------------------
//
// pdfmake fills each line greedily (LayoutBuilder.buildNextLine) and justifies it by spreading the
// room left between its inlines. Letters are never set closer than their advance: an ideograph
// keeps its full width, so a line only ever spreads. A paragraph whose last line would be shorter
// than SHORT_LAST_LINE + 1 characters (「業）」, 「重要。」) has the line before it ended earlier, at a
// break before, so that the last line gets more characters (追い出し); the line so ended is
// justified to the full measure like any other, so it is ended early only when the room that
// spreads its gaps stays within the theme's bound (maxSpread, stamped on every inline as SPREAD).
// Nothing moves when the line was ended by a hard break, when what is left would not fit one line,
// or when the line would be left empty. A short last line that cannot be helped here is the
// fitter's to avoid (layout/fit.ts), by the measure it gives the column.

/** The most room a justified line may put between two of its inlines, in ems of its type (the theme's maxSpread). */
export const SPREAD = '_spread';
/** A line ended before it was full, so that the paragraph's last line is not too short (read back by measure.ts). */
export const EARLY_BREAK = '_earlyBreak';

export interface LineInline {
  text: string;
  width: number;
  /** pdfkit's font, once pdfmake has measured the inline. */
  font?: { widthOfString(text: string, size: number): number };
  /** How far its last character may hang past the line's end (ぶら下げ). */
  [HANG]?: number;
  [SPREAD]?: number;
  fontSize?: number;
  leadingCut?: number;
  trailingCut?: number;
  lineEnd?: boolean;
  noNewLine?: boolean;
  /**
   * Never cut by pdfmake's hard wrap: an inline whose end may be cut at a line's end (a hanging
   * mark, the room before a Latin word) is let onto a line wider than the room left, and pdfmake
   * would then cut the inline itself where it no longer fits, leaving 「。」 to start a line.
   */
  noWrap?: boolean;
}

/** What filling reads of each inline, in arrays: it runs for every paragraph at many widths. */
interface Counted {
  chars: number[];
  widths: number[];
  trailing: number[];
  leading: number[];
  bonded: boolean[];
  forced: boolean[];
}
const counted = new WeakMap<readonly LineInline[], Counted>();
function counts(inlines: readonly LineInline[]): Counted {
  let c = counted.get(inlines);
  if (!c) {
    c = {
      chars: inlines.map((i) => charsOf([i])),
      widths: inlines.map((i) => i.width),
      trailing: inlines.map((i) => i.trailingCut ?? 0),
      leading: inlines.map((i) => i.leadingCut ?? 0),
      bonded: inlines.map((i) => Boolean(i.noNewLine)),
      forced: inlines.map((i) => Boolean(i.lineEnd)),
    };
    counted.set(inlines, c);
  }
  return c;
}

/** The most room justification may put between two inlines of a paragraph, in points (SPREAD). */
export function spreadBound(inlines: readonly LineInline[]): number {
  const first = inlines[0];
  return (first?.[SPREAD] ?? Infinity) * (first?.fontSize ?? 0);
}

/** The room justification puts between the inlines of a line that is `width` wide and has `gaps` gaps. */
const spreadOf = (maxWidth: number, width: number, gaps: number) => (gaps > 0 ? Math.max(0, maxWidth - width) / gaps : 0);

/** Each line: its first inline, the inline after its last, its width as justified. */
type FilledLine = { start: number; end: number; width: number; forced: boolean };

/**
 * Lines filled greedily at a measure, and the measures at which they would be filled the same:
 * every fit test made while filling them (`from` ≤ the measure for those passed, `below` > it for
 * those failed) answers the same for any measure in [from, below). The fitter asks for every
 * paragraph at hundreds of measures a point apart (fit.ts Columns.weigh), and most of them fill the
 * same lines: only the short last line and the spreading are worked out again.
 */
interface Filled {
  lines: FilledLine[];
  from: number;
  below: number;
  /** Of one line: how it sets, which is the same at every measure the line holds at. */
  one?: Setting;
  /** Of more: what of their setting does not depend on the measure. */
  plan?: Plan;
}
/** The last lines filled for each paragraph's inlines. */
const filled = new WeakMap<readonly LineInline[], Filled>();

function fill({ widths, trailing, leading, bonded, forced }: Counted, maxWidth: number): Filled {
  const n = widths.length;
  const lines: FilledLine[] = [];
  let from = -Infinity;
  let below = Infinity;
  for (let i = 0; i < n;) {
    const start = i;
    let used = 0;
    const lead = leading[i];
    let ended = false;
    let bond = false;
    while (i < n) {
      if (i > start && !bond) {
        if (ended) break;
        let w = widths[i];
        let cut = trailing[i];
        if (bonded[i]) {
          for (let j = i + 1; j < n; j++) {
            w += widths[j];
            cut += trailing[j];
            if (!bonded[j]) break;
          }
        }
        const need = used + w - lead - cut;
        if (need > maxWidth) {
          if (need < below) below = need;
          break;
        }
        if (need > from) from = need;
      }
      used += widths[i];
      bond = bonded[i];
      ended ||= forced[i];
      i += 1;
    }
    lines.push({ start, end: i, width: used - lead - trailing[i - 1], forced: ended });
  }
  return { lines, from, below };
}

/**
 * What of the short-last-line rule does not depend on the measure, for lines as filled: for each
 * last line of a paragraph or of a part that is short, the inline the line before it would be ended
 * at, and the widths that decide at a measure whether it is (the rest of that line and the short
 * line together must fit; the line so ended must not spread beyond the bound). Which line ends
 * where, and so how many characters a line has, is the same at every measure the lines hold at:
 * only those two comparisons and the spreading are worked out for each measure.
 */
interface Plan {
  /** Each line's width as justified and its gaps, as filled. */
  widths: number[];
  gaps: number[];
  forced: boolean[];
  moves: Move[];
  /** The characters of the last line as filled. */
  lastChars: number;
}
interface Move {
  /** The line ended early (the short line is the one after it). */
  before: number;
  /** Whether any inline can be moved at all: when not, the short line stays, at any measure. */
  possible: boolean;
  /** The width of what the short line would hold, and of the line ended early, and that line's gaps. */
  joined: number;
  kept: number;
  keptGaps: number;
  /** The last line's characters when the short line is the paragraph's last and takes the moved inlines. */
  lastChars: number;
}

function plan({ chars, widths, trailing, leading, bonded }: Counted, lines: FilledLine[]): Plan {
  const n = widths.length;
  const sum = (a: number, b: number) => { let c = 0; for (let k = a; k < b; k++) c += chars[k]; return c; };
  const widthOf = (a: number, b: number) => { let w = 0; for (let k = a; k < b; k++) w += widths[k]; return w - leading[a] - trailing[b - 1]; };
  const moves: Move[] = [];
  lines.forEach((last, j) => {
    if (!last.forced && j < lines.length - 1) return;
    const tail = sum(last.start, last.end);
    const before = lines[j - 1];
    if (!before || before.forced || tail === 0 || tail > SHORT_LAST_LINE) return;
    let keep = before.end;
    let moved = tail;
    while (moved <= SHORT_LAST_LINE && keep > before.start) {
      keep -= 1;
      while (keep > before.start && bonded[keep - 1]) keep -= 1;
      moved = tail + sum(keep, before.end);
    }
    const possible = keep > before.start;
    moves.push({
      before: j - 1,
      possible,
      joined: possible ? widthOf(keep, last.end) : 0,
      kept: possible ? widthOf(before.start, keep) : 0,
      keptGaps: keep - before.start - 1,
      lastChars: possible ? sum(keep, n) : 0,
    });
  });
  const end = lines[lines.length - 1];
  return {
    widths: lines.map((l) => l.width),
    gaps: lines.map((l) => l.end - l.start - 1),
    forced: lines.map((l) => l.forced),
    moves,
    lastChars: end ? sum(end.start, n) : 0,
  };
}

/**
 * The lines of a paragraph's inlines at a measure, as pdfmake's Line and buildNextLine fill them
 * and the line breaker then ends one early (keepForLastLine): how many, how many characters the
 * last one has, and the most any justified line spreads. `maxSpread` is the bound in points.
 */
export function setLines(inlines: readonly LineInline[], maxWidth: number, maxSpread = spreadBound(inlines)): Setting {
  const c = counts(inlines);
  // The greedy lines as filled at the last measure asked, when they hold at this one.
  let greedy = filled.get(inlines);
  if (!greedy || !(greedy.from <= maxWidth && maxWidth < greedy.below)) filled.set(inlines, (greedy = fill(c, maxWidth)));
  // One line has no line before it to end early and none that justifies: nothing here depends on the
  // measure, at any measure the line holds at (every wider one: a line was never too long).
  if (greedy.one) return { ...greedy.one, below: greedy.below };
  const p = (greedy.plan ??= plan(c, greedy.lines));
  const count = p.widths.length;
  // The last line of a paragraph, or of a part ended by a hard break, that is short: the line
  // before it (of the same part) is ended early as keepForLastLine ends it, when at this measure
  // what it moves fits beside the short line and the line so ended does not spread too far.
  let short = 0;
  let lastChars = p.lastChars;
  let movedBefore = -1;
  let movedMore: number[] | undefined;
  for (const m of p.moves) {
    if (m.possible && m.joined <= maxWidth && spreadOf(maxWidth, m.kept, m.keptGaps) <= maxSpread + 1e-9) {
      if (m.before + 1 === count - 1) lastChars = m.lastChars;
      if (movedBefore < 0) movedBefore = m.before;
      else (movedMore ??= []).push(m.before);
    } else short += 1;
  }
  let spread = 0;
  for (let l = 0; l < count - 1; l++) {
    if (p.forced[l]) continue;
    let width = p.widths[l];
    let gaps = p.gaps[l];
    if (l === movedBefore || movedMore?.includes(l)) {
      const m = p.moves.find((x) => x.before === l) as Move;
      width = m.kept;
      gaps = m.keptGaps;
    }
    spread = Math.max(spread, spreadOf(maxWidth, width, gaps));
  }
  const set = { lines: count, lastChars, short, spread };
  if (count !== 1) return set;
  greedy.one = set;
  return { ...set, below: greedy.below };
}

// ---- hanging punctuation (ぶら下げ, JLReq 3.8.2) ----------------------------------------------

const HANG = '_hang';

/**
 * A full stop or comma that ends an inline may hang past the line's end: the inline fits a line
 * when the rest of it does (its width is cut at a line's end, as trailing spaces are), and
 * keepInside() takes the hanging back on a line where the mark fits after all. The mark that ends
 * a paragraph (or a line ended by a break) never hangs: Word and LibreOffice do not hang it either,
 * but carry the character before it over to a line of its own.
 */
export function hangPunctuation(inlines: LineInline[]): void {
  inlines.forEach((inline, k) => {
    const last = inline.text[inline.text.length - 1];
    if (!last || !HANGING.has(last) || !inline.font || k === inlines.length - 1 || inline.lineEnd) return;
    const hang = inline.font.widthOfString(last, inline.fontSize ?? 0);
    inline[HANG] = hang;
    inline.trailingCut = (inline.trailingCut ?? 0) + hang;
    inline.noWrap = true;
  });
}

/** A line that would end with a hanging mark it has room for sets the mark inside its measure. */
function keepInside(line: BuiltLine & { inlineWidths?: number; leadingCut?: number; trailingCut?: number }): void {
  const last = line.inlines[line.inlines.length - 1];
  const hang = last?.[HANG];
  if (!hang || line.inlineWidths === undefined) return;
  if (line.inlineWidths - (line.leadingCut ?? 0) - ((line.trailingCut ?? 0) - hang) <= line.maxWidth + 1e-6) line.trailingCut = (line.trailingCut ?? 0) - hang;
}

// ---- room between Japanese and Latin words ---------------------------------------------------

/**
 * Room after each inline that ends where Japanese meets a Latin word (text/spacing.ts): the inline
 * is made wider, and as wide again is cut when a line ends with it, so that the room never shows
 * at a line's end and a justified line still ends at its measure.
 */
export function spaceScripts(inlines: LineInline[]): void {
  for (let k = 0; k + 1 < inlines.length; k++) {
    const a = inlines[k].text;
    const b = inlines[k + 1].text;
    if (!a || !b || !spacedBetween(a[a.length - 1], b[0])) continue;
    const room = (inlines[k].fontSize ?? 0) * LATIN_SPACE_EM;
    inlines[k].width += room;
    inlines[k].trailingCut = (inlines[k].trailingCut ?? 0) + room;
    inlines[k].noWrap = true;
  }
}

export interface BuiltLine {
  maxWidth: number;
  inlines: LineInline[];
  newLineForced?: boolean;
  lastLineInParagraph?: boolean;
  [EARLY_BREAK]?: true;
  addInline(inline: LineInline): void;
}

const charsOf = (inlines: readonly LineInline[]) => inlines.reduce((n, i) => n + graphemeCount(i.text.replace(/\s+/g, '')), 0);

/**
 * How many of the line's inlines to keep so that `rest` (the paragraph after the line) does not end
 * as a short last line; undefined when the line is fine as it is or cannot be helped within the
 * spread its inlines allow (SPREAD).
 */
export function keepForLastLine(line: BuiltLine, rest: readonly LineInline[]): number | undefined {
  if (line.newLineForced || line.lastLineInParagraph || !rest.length) return undefined;
  // What is left of the paragraph, or of its part up to a hard break.
  const hard = rest.findIndex((i) => i.lineEnd);
  if (hard >= 0) rest = rest.slice(0, hard + 1);
  const tail = charsOf(rest);
  if (tail === 0 || tail > SHORT_LAST_LINE) return undefined;
  const width = (inlines: readonly LineInline[]) => inlines.reduce((w, i) => w + i.width, 0)
    - (inlines[0]?.leadingCut ?? 0) - (inlines[inlines.length - 1]?.trailingCut ?? 0);
  let keep = line.inlines.length;
  let moved = tail;
  while (moved <= SHORT_LAST_LINE) {
    keep -= 1;
    // A break is possible only after an inline that is not bonded to the next (noNewLine).
    while (keep > 0 && line.inlines[keep - 1].noNewLine) keep -= 1;
    if (keep < 1) return undefined;
    moved = tail + charsOf(line.inlines.slice(keep));
  }
  if (width([...line.inlines.slice(keep), ...rest]) > line.maxWidth) return undefined;
  return spreadOf(line.maxWidth, width(line.inlines.slice(0, keep)), keep - 1) <= spreadBound(line.inlines) + 1e-9 ? keep : undefined;
}

interface LayoutBuilder {
  writer: { context(): { availableWidth: number } };
}
type BuildNextLine = (this: LayoutBuilder, textNode: { _inlines?: LineInline[] }) => BuiltLine | null;

/** Wrap pdfmake's line builder once per process; later calls do nothing. */
export function installLineFill(): void {
  // pdfmake takes a paragraph's inlines off one array as it makes lines: an array not seen before
  // is a paragraph about to get its first line.
  const started = new WeakSet<LineInline[]>();
  wrapPdfmake<BuildNextLine>('LayoutBuilder', 'buildNextLine', (buildNextLine) => function (textNode) {
    const inlines = textNode._inlines;
    if (inlines?.length && !started.has(inlines)) {
      started.add(inlines);
      spaceScripts(inlines);
      hangPunctuation(inlines);
    }
    const line = buildNextLine.call(this, textNode);
    if (!line || !textNode._inlines) return line;
    const keep = keepForLastLine(line, textNode._inlines);
    if (keep === undefined) {
      keepInside(line);
      return line;
    }
    // The line again with only the inlines it keeps (pdfmake's Line sets their places as it adds them).
    const shorter = new (line.constructor as new (maxWidth: number) => BuiltLine)(line.maxWidth);
    for (const inline of line.inlines.slice(0, keep)) shorter.addInline(inline);
    textNode._inlines.unshift(...line.inlines.slice(keep));
    shorter.lastLineInParagraph = false;
    shorter[EARLY_BREAK] = true;
    keepInside(shorter);
    return shorter;
  });
}
