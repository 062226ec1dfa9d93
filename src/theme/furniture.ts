import type { Document } from '../document/ir.js';
import { pageSize } from '../document/paper.js';
import { locate } from '../core/positions.js';
import type { Loaded } from '../core/yaml.js';
import { formatPath, type Problem } from '../core/problem.js';
import type { Theme } from './theme.js';

// The page furniture (the 案 mark, the page number) and the room it takes from the layout, placed
// once for every writer: the PDF, the Word file and the check of the theme read the same numbers.
// All in points, from the top left of the page.

/** What sets the marks: how wide a text is, in points (fonts/chain.ts, the body's chain). */
export interface Measure {
  width(text: string, size: number, bold?: boolean): number;
}

const MM = 72 / 25.4;

/**
 * The page number stands at least this far from the paper's edge: most printers cannot print the
 * outer 4–5 mm, and a number that close looks cut off even when printed.
 */
export const PAGE_NUMBER_EDGE = 10 * MM;
/** Between the text's last line and the page number: half the number's size. */
export const PAGE_NUMBER_GAP_EM = 0.5;
/** The 案 mark's box: its line, and the padding between the line and the mark on every side. */
export const MARK_BOX = { line: 1, padding: 2 };
/** Between the title and the mark's box, in ems of the title: the title wraps before it. */
export const MARK_GAP_EM = 0.5;
/** Of the width between the margins, the title keeps at least this share beside the marks. */
const TITLE_SHARE = 0.5;
/** Page numbers are measured as this many digits wide: no document has a thousand pages. */
const WIDEST_NUMBER = '000';

/** The page number as the theme writes it: every %1 is the number. */
export const pageNumberText = (theme: Theme, page: number | string) => theme.marks.pageNumber.replaceAll('%1', String(page));

/** The text around each %1 of the page number: the number goes between the parts. */
export const pageNumberParts = (theme: Theme) => theme.marks.pageNumber.split('%1');

/**
 * The margins of a document's pages as [top, right, bottom, left]: the theme's, with the bottom
 * margin grown to hold the page number, its distance from the edge and its gap from the text.
 */
export function pageMargins(theme: Theme, page: Document['page']): [number, number, number, number] {
  const [top, right, bottom, left] = theme.page.margins;
  if (!page.pageNumbers) return [top, right, bottom, left];
  return [top, right, Math.max(bottom, pageNumberBand(theme).height), left];
}

/**
 * The page number's line: its em box `size` tall (set solid) with its bottom `edge` above the
 * paper's edge; `height` is the room it takes from the bottom of the page, its gap to the text included.
 */
export function pageNumberBand(theme: Theme): { size: number; edge: number; height: number } {
  const size = theme.sizes.pageNumber;
  return { size, edge: PAGE_NUMBER_EDGE, height: PAGE_NUMBER_EDGE + size + PAGE_NUMBER_GAP_EM * size };
}

export interface MarkBox {
  /** The outer edges of the box, its line included. */
  left: number;
  top: number;
  width: number;
  height: number;
  /** The mark's own width. */
  text: number;
  /** How far in the title stands from each margin, so that it wraps before the box. */
  titleInset: number;
}

/**
 * The 案 mark's box: at the top right, its right edge on the right margin, centred on the title's
 * first line (whose em box starts at the top margin); as wide as the mark and its padding. A title
 * keeps clear of it by the same inset on both sides, so that it stays centred on the page.
 */
export function markBox(theme: Theme, orientation: Document['page']['orientation'], measure: Measure): MarkBox {
  const s = theme.sizes;
  const [mTop, mRight] = theme.page.margins;
  const page = pageSize(theme.page.size, orientation);
  const text = measure.width(theme.marks.draft, s.mark, true);
  const frame = 2 * (MARK_BOX.line + MARK_BOX.padding);
  const width = text + frame;
  const height = s.mark + frame;
  return {
    left: page.width - mRight - width,
    top: mTop + (s.title - height) / 2,
    width,
    height,
    text,
    titleInset: width + MARK_GAP_EM * s.title,
  };
}

/**
 * Marks that do not fit the narrowest page the theme is used on (portrait): a 案 mark that leaves
 * the title less than half the width between the margins, a page number wider than that width.
 * Each at its line in the theme file.
 */
export function furnitureProblems(theme: Theme, measure: Measure, at: { file: string } & Partial<Loaded<Theme>>): Problem[] {
  const [, mRight, , mLeft] = theme.page.margins;
  const usable = pageSize(theme.page.size, 'portrait').width - mLeft - mRight;
  const mm = (pt: number) => `${(pt / MM).toFixed(1)} mm`;
  const problem = (key: string, code: string, message: string, hint: string): Problem => {
    const path = ['marks', key];
    const place = at.doc && at.lineCounter ? locate(at.doc, at.lineCounter, path)?.place : undefined;
    return { severity: 'error', code, file: at.file, source: at.source, path: formatPath(path), place, message, hint };
  };
  const problems: Problem[] = [];
  const box = markBox(theme, 'portrait', measure);
  const title = usable - 2 * box.titleInset;
  if (title < TITLE_SHARE * usable) {
    problems.push(problem('draft', 'theme/mark-too-wide',
      `案マーク「${theme.marks.draft}」は枠を含めて幅 ${mm(box.width)} あり、表題の横に入りません（縦の用紙の余白の間 ${mm(usable)} のうち、表題に半分を残すと、印と表題の間を含めて ${mm(usable * (1 - TITLE_SHARE) / 2)} まで）。`,
      '短い文言にするか、sizes.mark を小さくしてください。'));
  }
  const number = measure.width(pageNumberText(theme, WIDEST_NUMBER), theme.sizes.pageNumber);
  if (number > usable) {
    problems.push(problem('pageNumber', 'theme/page-number-too-wide',
      `ページ番号「${pageNumberText(theme, 1)}」は幅 ${mm(number)}（三桁の番号で）あり、縦の用紙の余白の間 ${mm(usable)} に入りません。`,
      '短い書式にするか（例: - %1 -）、sizes.pageNumber を小さくしてください。'));
  }
  return problems;
}
