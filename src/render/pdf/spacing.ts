// What only the PDF places: the page number, the draft mark's box, the bullets' discs, and the
// measuring page. The vertical rhythm every format shares is render/rhythm.ts.

/** A bullet's disc, in ems of the body size: its radius, and its centre below the top of the line. */
export const BULLET_DISC = { radius: 1 / 6, centre: 0.5 };
/** Space above the page number in the footer band. */
export const PAGE_NUMBER_TOP = 4;
/** The draft mark's box (placed as render/metrics.ts DRAFT_MARK_PLACE says): its inner padding and line. */
export const MARK = { padding: 2, line: 1 };
/** A page tall enough for any content: the fitter lays out on it to measure how tall the content is. */
export const ENDLESS_PAGE_HEIGHT = 14400;
