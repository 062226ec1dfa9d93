// The vertical rhythm every writer keeps, in points before fitting: the fitted type size and
// leading scale these spaces (layout/fit.ts), so that a page keeps its proportions as it is fitted
// and the PDF, the Word file and the web page space their blocks alike. Named here once.

/** Space above and below a numbered section band （１．…）. */
export const BAND_SPACE = { before: 5, after: 2.5 };
/** Space above and below a column title or caption heading. */
export const HEADING_SPACE = { before: 2.5, after: 1 };
/** Space under a whole list, and under each numbered item. */
export const LIST_AFTER = 1.5;
export const NUMBERED_ITEM_AFTER = 0.5;
/** Space above and below a box (the 位置づけ). */
export const BOX_SPACE = 2;
/** Space under a box's or a column's title (not scaled: it belongs to the frame). */
export const FRAME_TITLE_AFTER = 0;
/** Space under the document's title (not scaled: the title keeps its size). */
export const TITLE_AFTER = 4;
/** Space above and below a QR code. */
export const QR_SPACE = 2;

/** A space of the rhythm as fitted: it grows with the type and with the leading over the theme's. */
export const fittedSpace = (pt: number, scale: number, leading: number, themeLeading: number) =>
  Math.round(pt * scale * (leading / themeLeading) * 100) / 100;
