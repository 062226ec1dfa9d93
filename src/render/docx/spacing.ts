/**
 * What only the Word file places, where a key says its unit: the header's distance (the 案 mark and
 * the watermark are placed on the page, not in the header's flow). The vertical rhythm every format
 * shares is render/rhythm.ts; the page number's place, theme/furniture.ts.
 */
export const SPACING = {
  /** The distance of the header from the page edge, in points. */
  headerFooterPt: 8,
} as const;
