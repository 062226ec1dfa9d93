/**
 * What only the Word file places, where a key says its unit: the page furniture and the bullets'
 * glyph. The vertical rhythm every format shares is render/rhythm.ts.
 */
export const SPACING = {
  /** The distance of header and footer from the page edge, in points. */
  headerFooterPt: 8,
  /** Bullets are drawn smaller than the text they mark (a share of the body size). */
  bulletSize: 0.7,
} as const;
