// What only the PDF places: the measuring page. The vertical rhythm every
// format shares is render/rhythm.ts; the marks and the page number, theme/furniture.ts.

/** A page tall enough for any content: the fitter lays out on it to measure how tall the content is. */
export const ENDLESS_PAGE_HEIGHT = 14400;
