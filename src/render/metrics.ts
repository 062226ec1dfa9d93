// Proportions and places that both writers share, so that PDF and Word indent alike and put the
// marks in the same place. Sizes are in ems of the body size unless a name says otherwise.

/** The room a numbered item's label （3） takes before its text. */
export const LABEL_EM = 2.4;
/** The room a bullet takes before its item's text (Word; pdfmake sizes its own bullets). */
export const BULLET_EM = 1.4;

/**
 * Where the 案 mark stands, level with the title at the top right: its left edge this many of its
 * own type size left of the right margin, its top this many points above the top margin. With the
 * theme's margins that keeps it well inside what printers print (5 mm from the paper's edge).
 */
export const DRAFT_MARK_PLACE = { fromRight: 2.2, abovePt: 3 };
