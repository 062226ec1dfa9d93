/**
 * The Word file's spacing, in twips (1/20 pt) as Word stores paragraph spacing, but where a key says
 * otherwise. Word's single line spacing already leaves room above Japanese text, so these are
 * smaller than the PDF's.
 */
export const SPACING = {
  titleAfter: 80,
  heading1: { before: 100, after: 40 },
  heading2: { before: 40, after: 20 },
  /** A box's title, at the top of its frame. */
  boxTitle: { before: 0, after: 20 },
  /** Single spacing, at least: a picture taller than a line keeps its height. */
  line: 240,
  /** The distance of header and footer from the page edge, in points. */
  headerFooterPt: 8,
  /** The gap between the band's bar and its text, as a share of the band's left padding. */
  bandBarGap: 0.8,
  /** Bullets are drawn smaller than the text they mark (a share of the body size). */
  bulletSize: 0.7,
  /** The 案 mark's border (eighths of a point, points). */
  draftMarkBorder: { size: 8, space: 1 },
} as const;
