/** Paper sizes in points, portrait (ISO 216; B4 and B5 are JIS P 0138, the B sizes used in Japan). */
export const PAPER = {
  A3: { width: 841.89, height: 1190.55 },
  A4: { width: 595.28, height: 841.89 },
  A5: { width: 419.53, height: 595.28 },
  B4: { width: 728.5, height: 1031.81 },
  B5: { width: 515.91, height: 728.5 },
  Letter: { width: 612, height: 792 },
} as const;
export type Paper = keyof typeof PAPER;

/** The page a document is drawn on, in points: the paper turned as the document asks. */
export function pageSize(paper: Paper, orientation: 'landscape' | 'portrait'): { width: number; height: number } {
  const p = PAPER[paper];
  return orientation === 'landscape' ? { width: p.height, height: p.width } : { width: p.width, height: p.height };
}
