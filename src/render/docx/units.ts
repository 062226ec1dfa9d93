// Word's units: twentieths of a point (twips) for lengths, half points for type, eighths of a point
// for lines, and colours as hex without the #.

export const twip = (pt: number) => Math.round(pt * 20);
export const halfPt = (pt: number) => Math.round(pt * 2);
export const eighths = (pt: number) => Math.round(pt * 8);
export const hex = (c: string) => c.replace('#', '').toUpperCase();
