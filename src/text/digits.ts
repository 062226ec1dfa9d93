// The one place that decides how derived numbers are written. The plan's own wording is never
// rewritten: this applies only to numbers that code computes (years, section numbers).

/**
 * - `single-fullwidth`: one digit full-width, two or more half-width (令和５年度, 令和10年度),
 *   as the official summary writes them.
 * - `fullwidth`: every digit full-width. `halfwidth`: every digit half-width.
 */
export type DigitStyle = 'single-fullwidth' | 'fullwidth' | 'halfwidth';

export const DIGIT_STYLES: readonly DigitStyle[] = ['single-fullwidth', 'fullwidth', 'halfwidth'];

const toFull = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

export function formatDigits(n: number, style: DigitStyle = 'single-fullwidth'): string {
  const s = String(n);
  if (style === 'halfwidth') return s;
  if (style === 'fullwidth') return toFull(s);
  return s.length === 1 ? toFull(s) : s;
}
