import { pageMargins, pageNumberBand, pageNumberParts } from '../../theme/furniture.js';
import type { Document } from '../../document/ir.js';
import { pageSize } from '../../document/paper.js';
import type { FontChain } from '../../fonts/chain.js';
import type { Theme } from '../../theme/theme.js';
import { BULLET_EM, frameInset, LABEL_EM, LATIN_SPACE_EM, typeSize } from '../../layout/metrics.js';
import type { Fit } from '../../layout/decisions.js';
import { BAND_SPACE, BOX_SPACE, fittedSpace, FRAME_TITLE_AFTER, HEADING_SPACE, LIST_AFTER, NUMBERED_ITEM_AFTER, QR_SPACE, TITLE_AFTER } from '../rhythm.js';

// The stylesheet of one document, in one place. Sizes come from the theme as proportions of the body
// size (rem): on a screen the body is the reader's own default size, in print it is the theme's,
// scaled as the page was fitted. Lines keep the theme's widths in points. A wide screen shows the
// official layout; a narrow one stacks the columns in reading order.

/** Japanese names the same fonts go by on some systems. */
const LOCAL_NAMES: Readonly<Record<string, string>> = {
  'BIZ UDPGothic': 'BIZ UDPゴシック',
  'BIZ UDGothic': 'BIZ UDゴシック',
  IPAmjMincho: 'IPAmj明朝',
};

/** What a reader's system has when it lacks the theme's fonts (macOS, Windows, Linux and Android, in that order). */
const SYSTEM_GOTHIC = ['Hiragino Kaku Gothic ProN', 'Hiragino Sans', 'Yu Gothic', 'YuGothic', 'Meiryo', 'Noto Sans JP', 'Noto Sans CJK JP'];
const SYSTEM_MINCHO = ['Hiragino Mincho ProN', 'Yu Mincho', 'YuMincho', 'Noto Serif JP', 'Noto Serif CJK JP'];

/**
 * Screen text is read for longer than a printed page is glanced at: looser lines than the paper's,
 * as Japanese web guidelines advise (1.5 at least; 1.7 is usual for Japanese body text).
 */
const SCREEN_LINE_HEIGHT = 1.7;
const HEADING_LINE_HEIGHT = 1.4;
/** Space on a screen (rem): after a column's title, before and after a caption or sub-heading, after a list and a numbered item. */
const SPACE = { frameTitle: 0.25, headingBefore: 0.5, headingAfter: 0.15, list: 0.3, item: 0.15 };
/** The page's padding on either side on a wide screen (rem). */
const SIDE = 1.25;
/** Below this width of a screen the columns stack (a portrait tablet and narrower); paper keeps them. */
const NARROW = '50rem';
/** The page's width on a wide screen: about the proportions of the paper at a readable size. */
const MAX_WIDTH = { landscape: 80, portrait: 52 } as const;

/**
 * What the columns of a wide screen share (rem): the page's width less its padding, the gaps and
 * each frame's padding and border (`frame`), with the line heights and spaces they are set at (layout/balance.ts).
 */
export function screenColumns(theme: Theme, orientation: Document['page']['orientation'], n: number) {
  const s = theme.sizes.body;
  const frame = (2 * (theme.border.padding[1] + theme.border.width)) / s;
  const measure = MAX_WIDTH[orientation] - 2 * SIDE - (n - 1) * (theme.columnGap / s) - n * frame;
  return { measure, frame, lineHeight: SCREEN_LINE_HEIGHT, headingLineHeight: HEADING_LINE_HEIGHT, space: SPACE };
}

/**
 * The same on paper (in rem of the printed body size): the page's text width less the gaps and
 * frames, at the print stylesheet's leading and spaces (the PDF's rhythm, as fitted).
 */
export function printColumns(theme: Theme, doc: Document, fit: Fit, n: number) {
  const size = typeSize(theme.sizes.body, fit.scale);
  const [, mRight, , mLeft] = pageMargins(theme, doc.page);
  const frame = (2 * frameInset(theme)) / size;
  const measure = (pageSize(theme.page.size, doc.page.orientation).width - mLeft - mRight - (n - 1) * theme.columnGap) / size - n * frame;
  const space = printSpace(theme, fit);
  const rem = (pt: number) => pt / size;
  return {
    measure,
    frame,
    lineHeight: fit.leading,
    headingLineHeight: HEADING_LINE_HEIGHT,
    space: { frameTitle: rem(FRAME_TITLE_AFTER), headingBefore: rem(space(HEADING_SPACE.before)), headingAfter: rem(space(HEADING_SPACE.after)), list: rem(space(LIST_AFTER)), item: rem(space(NUMBERED_ITEM_AFTER)) },
  };
}

/** A space of the PDF's rhythm (render/rhythm.ts) as the page was fitted, in points. */
function printSpace(theme: Theme, { scale, leading }: Fit) {
  return (pt: number) => Number(num(fittedSpace(pt, scale, leading, theme.lineHeight)));
}

/** A CSS string: a theme value can never close the string or the style element. */
export function cssString(s: string): string {
  return `"${s.replace(/[\\"<>\n\r\f]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;
}

const num = (n: number) => String(Math.round(n * 1000) / 1000);

/** The chain's families with their Japanese names, the system's fonts of the same kind after the first. */
export function fontStack(chain: FontChain): string {
  const [first, ...fallbacks] = chain.names;
  const named = (n: string) => [n, ...(LOCAL_NAMES[n] ? [LOCAL_NAMES[n]] : [])];
  const mincho = /Mincho|明朝/i.test(first);
  const names = [...named(first), ...(mincho ? SYSTEM_MINCHO : SYSTEM_GOTHIC), ...fallbacks.flatMap(named)];
  return [...new Set(names)].map(cssString).join(', ') + (mincho ? ', serif' : ', sans-serif');
}

export interface StyleInput {
  theme: Theme;
  fit: Fit;
  body: FontChain;
  heading: FontChain;
}

export function stylesheet(doc: Document, { theme, fit, body, heading }: StyleInput): string {
  const s = theme.sizes;
  const c = theme.colors;
  /** A size of the theme relative to the body size. */
  const rem = (pt: number) => `${num(pt / s.body)}rem`;
  const line = `${num(theme.border.width)}pt solid var(--border)`;
  const [padY, padX] = theme.border.padding;
  const [bandY, bandX] = theme.band.padding;
  const paper = pageSize(theme.page.size, doc.page.orientation);
  const [mTop, mRight, mBottom, mLeft] = pageMargins(theme, doc.page);
  // Every %1 of the format is the page's number; the number's line at the top of the bottom margin, its gap above it.
  const pageNumber = pageNumberParts(theme).map(cssString).join(' counter(page) ');
  const band = pageNumberBand(theme);
  const angle = (Math.atan2(paper.height, paper.width) * 180) / Math.PI;
  const { scale, leading } = fit;
  const space = (pt: number) => num(printSpace(theme, fit)(pt));
  const inset = frameInset(theme);

  return `
:root {
  --text: ${c.text}; --accent: ${c.accent}; --band: ${c.band}; --border: ${c.border};
  --column-head: ${c.columnHead}; --mark: ${c.mark}; --watermark: ${c.watermark};
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  position: relative; max-width: ${MAX_WIDTH[doc.page.orientation]}rem; margin: 0 auto; padding: 1.5rem ${SIDE}rem 2rem;
  color: var(--text); background: #fff; font-family: ${fontStack(body)};
  font-size: 1rem; line-height: ${SCREEN_LINE_HEIGHT};
  line-break: strict; word-break: normal; overflow-wrap: anywhere;
  text-align: ${theme.justify ? 'justify' : 'start'}; text-justify: inter-character;
  text-autospace: ${LATIN_SPACE_EM > 0 ? 'ideograph-alpha' : 'no-autospace'};
}
/* Headings break between phrases (文節), never inside a word such as 計画; so they are set ragged, a line ended early not spread across the measure. */
h1, h2, h3 { margin: 0; font-family: ${fontStack(heading)}; font-weight: bold; line-height: ${HEADING_LINE_HEIGHT}; word-break: auto-phrase; text-align: start; }
h1 { margin: 0 2.5rem 0.8rem; font-size: ${rem(s.title)}; text-align: center; text-wrap: balance; }
.draft-mark {
  position: absolute; top: 1.5rem; right: ${SIDE}rem; padding: 0 0.25em; border: 1pt solid var(--mark);
  color: var(--mark); font-size: ${rem(s.mark)}; font-weight: bold; line-height: 1.4;
}
.band {
  margin: 1.1rem 0 0.4rem; padding: ${rem(bandY)} ${rem(bandX)};
  border-left: ${num(theme.band.bar)}pt solid var(--accent); background: var(--band); font-size: ${rem(s.heading1)};
}
.frame-title { margin: 0 0 ${SPACE.frameTitle}rem; color: var(--accent); font-size: ${rem(s.heading2)}; }
.subheading { margin: ${SPACE.headingBefore}rem 0 ${SPACE.headingAfter}rem; color: var(--accent); font-size: ${rem(s.heading2)}; }
.caption { margin: ${SPACE.headingBefore}rem 0 ${SPACE.headingAfter}rem; color: var(--accent); font-size: ${rem(s.heading3)}; }
.box { margin: 0.5rem 0; padding: ${rem(padY)} ${rem(padX)}; border: ${line}; }
.columns { display: grid; grid-template-columns: var(--screen-columns); gap: ${rem(theme.columnGap)}; margin: 0.25rem 0; }
/* Side by side, the columns' text ends together: a column shorter than the tallest (by a line at most, balance.ts) shares the difference among the gaps between its blocks. */
.column { display: flex; flex-direction: column; justify-content: space-between; min-width: 0; padding: ${rem(padY)} ${rem(padX)}; border: ${line}; }
p { margin: 0; }
ul, ol { margin: 0 0 ${SPACE.list}rem; padding: 0; }
ul { padding-inline-start: ${BULLET_EM}em; }
ul > li::marker { color: var(--accent); }
ol.numbered { list-style: none; }
ol.numbered > li { display: grid; grid-template-columns: ${LABEL_EM}em minmax(0, 1fr); margin-bottom: ${SPACE.item}rem; }
/* Labels end where their text begins: （1）–（5） line up on the closing bracket, whatever their digits' widths. */
ol.numbered .label { text-align: end; }
.nowrap { white-space: nowrap; }
.note { font-size: ${rem(s.note)}; }
.align-center { text-align: center; }
.align-right { text-align: right; }
table { width: 100%; margin: 0.25rem 0; border-collapse: collapse; }
th, td { padding: ${rem(padY)} ${rem(padX)}; border: ${line}; text-align: start; vertical-align: top; }
th { background: var(--column-head); font-weight: bold; text-align: center; }
mark { background: none; color: inherit; text-decoration: underline; text-decoration-thickness: 1px; text-underline-offset: 0.25em; }
a { color: var(--accent); }
.qr-code { margin: 0.15rem 0; }
.qr { display: block; width: ${rem(s.qr)}; height: auto; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; border: 0;
}
.watermark {
  position: fixed; inset: 0; z-index: 1; display: flex; align-items: center; justify-content: center;
  overflow: hidden; pointer-events: none; user-select: none;
}
.watermark span::before {
  content: attr(data-mark);
}
.watermark span {
  rotate: -${num(angle)}deg; color: var(--watermark); opacity: ${num(theme.watermarkOpacity)};
  font-size: min(${rem(s.watermark)}, 40vw); font-weight: bold; line-height: 1; white-space: nowrap;
}
@media screen and (max-width: ${NARROW}) {
  body { padding: 1rem 0.75rem 1.5rem; }
  /* The title takes the whole line, under the mark rather than beside it. */
  h1 { margin: 1.9rem 0 0.8rem; }
  .draft-mark { top: 1rem; right: 0.75rem; }
  .columns { grid-template-columns: minmax(0, 1fr); }
  /* A table becomes one block per row (a contact: its name, address, phone, home page and QR code). */
  table, tbody, tr, td { display: block; }
  table { border: 0; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  tr { margin: 0 0 0.5rem; border: ${line}; }
  td { border: 0; }
  td:empty { display: none; }
}
@media print {
  @page {
    size: ${num(paper.width)}pt ${num(paper.height)}pt;
    margin: ${num(mTop)}pt ${num(mRight)}pt ${num(mBottom)}pt ${num(mLeft)}pt;${doc.page.pageNumbers ? `
    @bottom-center { content: ${pageNumber}; font-size: ${num(band.size)}pt; line-height: 1; vertical-align: top; padding-top: ${num(mBottom - band.edge - band.size)}pt; }` : ''}
  }
  html { font-size: ${num(typeSize(s.body, scale))}pt; }
  body { max-width: none; padding: 0; line-height: ${num(leading)}; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  /* On paper, the PDF's rhythm and insets (render/rhythm.ts, layout/metrics.ts), as fitted. */
  h1 { margin: 0 2.5rem ${num(TITLE_AFTER)}pt; }
  .band { margin: ${space(BAND_SPACE.before)}pt 0 ${space(BAND_SPACE.after)}pt; padding: ${num(bandY)}pt ${num(bandX)}pt ${num(bandY)}pt ${num(Math.max(0, inset - theme.band.bar))}pt; }
  .box { margin: ${space(BOX_SPACE)}pt 0; padding: ${num(padY)}pt ${num(padX)}pt; }
  .frame-title { margin: 0 0 ${num(FRAME_TITLE_AFTER)}pt; }
  .subheading, .caption { margin: ${space(HEADING_SPACE.before)}pt 0 ${space(HEADING_SPACE.after)}pt; }
  ul, ol { margin: 0 0 ${space(LIST_AFTER)}pt; }
  ol.numbered > li { margin-bottom: ${space(NUMBERED_ITEM_AFTER)}pt; }
  .columns { grid-template-columns: var(--print-columns); gap: ${num(theme.columnGap)}pt; margin: 0; }
  .column { padding: ${num(padY)}pt ${num(padX)}pt; }
  main > ul, main > ol, main > p, main > .caption, main > .subheading { margin-inline: ${num(inset)}pt; }
  .draft-mark { top: 0; right: 0; }
  /* A QR code at the PDF's size (qr.ts), not the printed text's: a row would be taller than the PDF's. */
  .qr-code { margin: ${num(QR_SPACE)}pt 0; }
  .qr { width: var(--printed-size); }
  a { color: inherit; text-decoration: none; }
  tr, li, .box { break-inside: avoid; }
  .band, .frame-title, .subheading, .caption { break-after: avoid; }
}
`.trimStart();
}
