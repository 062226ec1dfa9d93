import { graphemeCount, HANGING } from '../../text/kinsoku.js';
import { spacedBetween } from '../../text/spacing.js';
import { LATIN_SPACE_EM, MAX_TRACKING_EM, SHORT_LAST_LINE } from '../metrics.js';
import { wrapPdfmake } from './hook.js';

// How pdfmake fills a line, in the one place that reaches into it (LayoutBuilder.buildNextLine:
// each line filled greedily with the words line-breaks.ts leaves, then justified). Before a
// paragraph's first line, its words get what the typesetting asks of them: a quarter em of room
// where Japanese meets a Latin word, full stops and commas that may hang past the line's end, and
// letters set closer when that saves a stranded last line; as each line is made, it may end early
// for the same reason. fillLines() fills lines as pdfmake does, so that the fitter (render/fit.ts)
// can ask how a paragraph would set at another measure without laying the document out again.

// ---- no stranded last line (JLReq 3.5.4) -------------------------------------------------------
//
// pdfmake fills each line greedily (LayoutBuilder.buildNextLine). A paragraph whose last line
// would be one or two characters (「業」, 「る。」) is first set with its letters closer, by the least
// that takes that line back into the one before, if an eighth of an em is enough (追い込み): the
// paragraph is then a line shorter. Otherwise, when what is left after a line would make that
// short last line, the line is ended earlier, at the break before, so that the last line gets more
// characters; the line so ended is justified to the full measure like any other. Nothing moves
// when the line was ended by a hard break, when what is left would not fit one line, or when the
// line would be left empty.

/** An inline of a line being laid out, as far as it is read here. */
/** A line ended before it was full, so that the paragraph's last line is not one or two characters (read back by measure.ts). */
export const EARLY_BREAK = '_earlyBreak';

export interface LineInline {
  text: string;
  width: number;
  /** pdfkit's font, once pdfmake has measured the inline. */
  font?: { widthOfString(text: string, size: number): number };
  /** How far its last character may hang past the line's end (ぶら下げ). */
  [HANG]?: number;
  fontSize?: number;
  characterSpacing?: number;
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

/** Letter spacing is chosen in steps Word can hold too (a twentieth of a point). */
const TRACKING_STEP = 0.05;

/** What filling reads of each inline, in arrays: it runs for every paragraph at many widths. */
interface Counted {
  glyphs: number[];
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
      glyphs: inlines.map((i) => graphemeCount(i.text)),
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

/**
 * The lines greedy filling makes of a paragraph's inlines at a measure, as pdfmake's Line and
 * buildNextLine fill them, with every character `shrink` points narrower: how many, and how many
 * characters the last one has.
 */
export function fillLines(inlines: readonly LineInline[], maxWidth: number, shrink = 0): { lines: number; lastChars: number } {
  const { glyphs, chars, widths, trailing, leading, bonded, forced } = counts(inlines);
  const n = widths.length;
  let lines = 0;
  let lastChars = 0;
  for (let i = 0; i < n;) {
    lines += 1;
    const start = i;
    let used = 0;
    const lead = leading[i];
    let ended = false;
    let bond = false;
    lastChars = 0;
    while (i < n) {
      if (i > start && !bond) {
        if (ended) break;
        let w = widths[i] - shrink * glyphs[i];
        let cut = trailing[i] - shrink;
        if (bonded[i]) {
          for (let j = i + 1; j < n; j++) {
            w += widths[j] - shrink * glyphs[j];
            cut += trailing[j] - shrink;
            if (!bonded[j]) break;
          }
        }
        if (used + w - lead - cut > maxWidth) break;
      }
      used += widths[i] - shrink * glyphs[i];
      bond = bonded[i];
      ended ||= forced[i];
      lastChars += chars[i];
      i += 1;
    }
  }
  return { lines, lastChars };
}

/** How a paragraph fills a measure as the line breaker sets it: closer where that saves a short last line. */
export function setLines(inlines: readonly LineInline[], maxWidth: number): { lines: number; lastChars: number } {
  return fillLines(inlines, maxWidth, trackingFor(inlines, maxWidth) ?? 0);
}

/**
 * The least letter spacing (points, in TRACKING_STEP steps, at most MAX_TRACKING_EM of the type
 * size) that sets a paragraph ending in a short last line a line shorter; undefined when it has no
 * short last line or an eighth of an em is not enough.
 */
export function trackingFor(inlines: readonly LineInline[], maxWidth: number): number | undefined {
  const natural = fillLines(inlines, maxWidth);
  if (natural.lines < 2 || natural.lastChars === 0 || natural.lastChars > SHORT_LAST_LINE) return undefined;
  const size = Math.max(...inlines.map((i) => i.fontSize ?? 0));
  const most = Math.floor((size * MAX_TRACKING_EM) / TRACKING_STEP + 1e-9);
  const shorter = (k: number) => fillLines(inlines, maxWidth, k * TRACKING_STEP).lines < natural.lines;
  if (!shorter(most)) return undefined;
  let lo = 1;
  let hi = most;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (shorter(mid)) hi = mid;
    else lo = mid + 1;
  }
  return Math.round(lo * TRACKING_STEP * 100) / 100;
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

/** Set the inlines `shrink` points closer per character, as pdfkit draws them (Tc) and pdfmake measures them. */
function track(inlines: LineInline[], shrink: number): void {
  const glyphs = inlines.map((i) => graphemeCount(i.text));
  inlines.forEach((inline, k) => {
    inline.width -= shrink * glyphs[k];
    // A line ends at its last glyph, not after the spacing that follows it.
    inline.trailingCut = (inline.trailingCut ?? 0) - shrink;
    inline.characterSpacing = -shrink;
  });
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
 * as a short last line; undefined when the line is fine as it is or cannot be helped.
 */
export function keepForLastLine(line: BuiltLine, rest: readonly LineInline[]): number | undefined {
  if (line.newLineForced || line.lastLineInParagraph || !rest.length) return undefined;
  if (rest.slice(0, -1).some((i) => i.lineEnd)) return undefined;
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
  return width([...line.inlines.slice(keep), ...rest]) <= line.maxWidth ? keep : undefined;
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
      const shrink = inlines.some((i) => i.characterSpacing) ? undefined : trackingFor(inlines, this.writer.context().availableWidth);
      if (shrink) track(inlines, shrink);
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
