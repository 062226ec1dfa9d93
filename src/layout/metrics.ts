import type { FontChain } from '../fonts/chain.js';
import type { Theme } from '../theme/theme.js';

// Proportions and places that every writer shares, so that PDF, Word and HTML indent alike, set the
// same measures. Where the marks stand is theme/furniture.ts. Sizes are in ems of the body size unless a
// name says otherwise.

/** The room a numbered item's label （3） takes before its text. */
export const LABEL_EM = 2.4;
/**
 * Where a list's labels end, in points from the level's edge: the widest label's width at `size`
 * (within the label's room). Each label is set to end there, so that （1）–（5） line up on their
 * closing bracket whatever their digits' widths, and the widest stands on the edge as before.
 */
export function labelEnd(labels: readonly string[], chain: FontChain, size: number): number {
  return Math.min(LABEL_EM * size, Math.max(0, ...labels.map((l) => chain.width(l, size))));
}
/** The room a bullet takes before its item's text. */
export const BULLET_EM = 1.4;
/**
 * A bullet's disc, in ems of the body size: its radius, and its centre below the top of the em box
 * (in the middle of it). The PDF draws it; Word sizes and raises its bullet glyph to match.
 */
export const BULLET_DISC = { radius: 1 / 6, centre: 0.5 };

/**
 * A type size as every format can hold it: Word stores half points, so the PDF and the web page
 * use the same steps and a fitted size is the same number in all three.
 */
export const typeSize = (pt: number, scale: number) => Math.round(pt * scale * 2) / 2;

/**
 * The one left edge of the first level inside a frame (a box, a column, a table cell), from the
 * frame's outer edge: its line, then its padding. The text under a band and the band's own text
 * stand the same distance in from the margin, so that titles, bullets and labels line up down the
 * page, whatever frames them.
 */
export const frameInset = (theme: Theme) => theme.border.width + theme.border.padding[1];

/**
 * The measure of each column of a columns block, in points: the width between the margins less
 * each frame's inset on both sides and the gaps between the frames, shared by weight. The PDF and
 * the Word file set their columns to these widths, so that their lines break alike.
 */
export function columnMeasures(theme: Theme, usable: number, weights: readonly number[]): number[] {
  const n = weights.length;
  const total = weights.reduce((a, w) => a + w, 0);
  const text = usable - n * 2 * frameInset(theme) - (n - 1) * theme.columnGap;
  return weights.map((w) => (text * w) / total);
}

/**
 * The room between Japanese and a Latin word (「PDCA　サイクル」 with a quarter em, text/spacing.ts
 * says where), in ems; digits are set solid. The PDF adds it as it lays lines out, Word as its
 * autoSpaceDE (on, autoSpaceDN off), the web page as CSS text-autospace: ideograph-alpha.
 */
export const LATIN_SPACE_EM = 0.25;

/**
 * A last line this short (in characters, punctuation included) strands a word: the fitter and the
 * line breaker avoid it (JLReq 3.5.4), so that a paragraph's last line holds at least one more.
 */
export const SHORT_LAST_LINE = 3;

/**
 * The characters a paragraph's last line holds at least, punctuation included (「重要。」 alone on a
 * line reads as a fragment). Chromium's `text-wrap: pretty` is not enough: it leaves two- and
 * three-character last lines in Japanese, and it spreads the line before across the measure.
 */
export const LAST_LINE_MIN = 4;
