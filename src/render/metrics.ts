// Proportions that both writers share, in ems of the body size, so that PDF and Word indent alike.

/** The room a numbered item's label （3） takes before its text. */
export const LABEL_EM = 2.4;
/** The room a bullet takes before its item's text (Word; pdfmake sizes its own bullets). */
export const BULLET_EM = 1.4;
