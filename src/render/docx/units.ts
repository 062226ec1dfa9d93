// Word's units: twentieths of a point (twips) for lengths, half points for type, eighths of a point
// for lines, and colours as hex without the #.

export const twip = (pt: number) => Math.round(pt * 20);
export const halfPt = (pt: number) => Math.round(pt * 2);
export const eighths = (pt: number) => Math.round(pt * 8);
export const hex = (c: string) => c.replace('#', '').toUpperCase();

/**
 * An "at least" line pitch in twips, rounded up to a tenth of a point: LibreOffice places lines on
 * tenths of a point, so a pitch between them (12.35 pt) comes out as 12.3 and 12.4 by turns, and
 * every other line is set closer than asked.
 */
export const atLeastTwip = (pt: number) => Math.ceil(pt * 10 - 1e-9) * 2;
