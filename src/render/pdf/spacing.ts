// What only the PDF places: the bullets' discs and the measuring page. The vertical rhythm every
// format shares is render/rhythm.ts; the marks and the page number, theme/furniture.ts.

/** A bullet's disc, in ems of the body size: its radius, and its centre below the top of the line. */
export const BULLET_DISC = { radius: 1 / 6, centre: 0.5 };
/** A page tall enough for any content: the fitter lays out on it to measure how tall the content is. */
export const ENDLESS_PAGE_HEIGHT = 14400;
