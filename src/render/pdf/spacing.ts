// The PDF's vertical rhythm, in points before scaling (the fitted scale shrinks them with the
// type, so that a shrunk page keeps its proportions). Named here once: the block modules only
// refer to them.

/** Space above and below a numbered section band （１．…）. */
export const BAND_SPACE = { before: 5, after: 2.5 };
/** Space above and below a column title or caption heading. */
export const HEADING_SPACE = { before: 2.5, after: 1 };
/** Space under a whole list, and under each numbered item. */
export const LIST_AFTER = 1.5;
export const NUMBERED_ITEM_AFTER = 1;
/** Space above and below a box (the 位置づけ). */
export const BOX_SPACE = 2;
/** Space under a box's or a column's title (not scaled: it belongs to the frame). */
export const FRAME_TITLE_AFTER = 2;
/** Space under the document's title (not scaled: the title keeps its size). */
export const TITLE_AFTER = 4;
/** Space above and below a QR code. */
export const QR_SPACE = 2;
/** Space above the page number in the footer band. */
export const PAGE_NUMBER_TOP = 4;
/** The draft mark's box (placed as render/metrics.ts DRAFT_MARK_PLACE says): its inner padding and line. */
export const MARK = { padding: 2, line: 1 };
/** A page tall enough for any content: the fitter lays out on it to measure how tall the content is. */
export const ENDLESS_PAGE_HEIGHT = 14400;
