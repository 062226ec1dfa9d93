import { outlineRank, type Document } from '../../document/ir.js';
import type { WriterOptions } from '../options.js';
import type { Fit } from '../../layout/decisions.js';
import { blocks } from './blocks.js';
import { inlines, type HtmlContext } from './context.js';
import { escapeMarkup } from '../markup.js';
import { CONTENT_SECURITY_POLICY } from './policy.js';
import { stylesheet } from './style.js';

// Document → one self-contained HTML page: the head (title, metadata, the stylesheet) and the body
// (the title, the marks, the blocks): what the PDF shows and nothing more (who issued it and
// when are the head's metadata, as they are the PDF's document information). Pure: QR codes come in made.
// Void elements are closed (`<meta … />`), which HTML allows, so that the page is well-formed XML
// too and XML tools (a site's content system, the tests) can read it.

export interface HtmlLayout extends Pick<WriterOptions, 'theme' | 'fonts' | 'generator'> {
  /** The layout stage's decisions: the printed size and leading. */
  fit: Fit;
  /** SVG of the document's QR codes, by the text they encode (qr.ts). */
  qrSvgs: ReadonlyMap<string, string>;
}

const meta = (name: string, content: string) => `<meta name="${name}" content="${escapeMarkup(content)}" />`;

export function htmlDocument(doc: Document, { theme, fonts, fit, qrSvgs, generator }: HtmlLayout): string {
  const rankOf = outlineRank(doc);
  const ctx: HtmlContext = {
    doc,
    fit,
    theme,
    fonts,
    heading: (b, runs, className) => {
      const level = rankOf(b);
      return `<h${level} class="${className}">${inlines(runs)}</h${level}>`;
    },
    // The browser wraps and spreads lines on its own: nothing of the PDF's line breaking is carried over.
    inlines: (runs) => inlines(runs),
    qrSvg: (value) => {
      const svg = qrSvgs.get(value);
      if (!svg) throw new Error(`no QR code was made for ${value}`);
      return svg;
    },
    blocks: (bs) => blocks(bs, ctx),
  };
  const { marks } = theme;
  const m = doc.meta;
  const head = [
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
    `<title>${escapeMarkup(m.title)}</title>`,
    meta('author', m.author),
    // The date is the document's, for search and archives; the page does not show it, as the PDF does not.
    meta('dcterms.date', m.date),
    meta('description', m.subject),
    ...(m.fiscalYear !== undefined ? [meta('fiscal-year', String(m.fiscalYear))] : []),
    meta('status', doc.draft ? 'draft' : 'final'),
    ...(doc.sample ? [meta('sample', 'true')] : []),
    meta('generator', generator),
    `<style>\n${stylesheet(doc, { theme, fit, body: fonts.body, heading: fonts.heading })}</style>`,
  ];
  const body = [
    '<main>',
    `<h1>${inlines(doc.title)}</h1>`,
    // The marks are seen, not read: the title already says （案）, and 見本 is said once in text.
    ...(doc.draft ? [`<span class="draft-mark" aria-hidden="true">${escapeMarkup(marks.draft)}</span>`] : []),
    ...(doc.sample ? [`<p class="visually-hidden">${escapeMarkup(marks.sample)}</p>`] : []),
    ctx.blocks(doc.body),
    '</main>',
    // Drawn from an attribute rather than written as text: pure decoration has no contrast
    // requirement (WCAG 1.4.3), and a checker that reads text nodes would hold it to one.
    ...(doc.sample ? [`<div class="watermark" aria-hidden="true"><span data-mark="${escapeMarkup(marks.sample)}"></span></div>`] : []),
  ];
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeMarkup(m.language)}">`,
    '<head>',
    ...head,
    '</head>',
    `<body class="${doc.page.orientation}">`,
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
