import { pageMargins } from '../../theme/furniture.js';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { default as PdfMake } from 'pdfmake';
import { shareParsedFonts } from '../../fonts/parse.js';
import { deferRequire } from '../../core/defer.js';
import type { Document } from '../../document/ir.js';
import type { FontChains } from '../../fonts/chain.js';
import type { Face } from '../../fonts/registry.js';
import type { WriterOptions } from '../options.js';
import { pdfDefinition } from './definition.js';
import { installKinsoku } from './line-breaks.js';
import { installLineFill } from '../../layout/pdfmake/line-fill.js';
import { installSharedLayout } from './shared-layout.js';
import { installStyleLookup } from '../../layout/pdfmake/styles.js';
import { forgetInlines, installInlineReuse } from '../../layout/pdfmake/reuse.js';
import { installContentStrings } from './content.js';
import { installLeanDrawing } from './drawing.js';
import { measure, type PdfmakeBlock } from '../../layout/pdfmake/measure.js';
import { setLines, spreadBound } from '../../layout/pdfmake/line-fill.js';
import type { Fit } from '../../layout/decisions.js';
import type { LayoutEngine, Measured } from '../../layout/engine.js';
import { layoutOnly, withTags, type TaggingMeta } from './tagging.js';

// The PDF writer: pdfmake is driven from here (line-breaks.ts and line-fill.ts alone reach into its
// line breaking, tagging.ts into its drawing). Fonts are handed over once, as loaded buffers.

// 禁則処理: pdfmake's line breaking follows src/text/kinsoku.ts (see line-breaks.ts); its lines
// are filled as the typesetting asks (line-fill.ts).
// pdfkit takes fontkit as it is when pdfkit loads, so fontkit must be the copy that parses each font
// once before pdfmake (which loads pdfkit) is required. Not a static import: a bundle evaluates its
// external imports before any of its own code, and every document would parse the fonts again.
shareParsedFonts();
// pdfkit's encryption: no PDF made here is encrypted.
deferRequire('@noble/ciphers/aes', createRequire(import.meta.url).resolve('pdfkit'), 'object');
const pdfmake = createRequire(import.meta.url)('pdfmake') as typeof PdfMake;

installKinsoku();
installLineFill();
installSharedLayout();
installStyleLookup();
installInlineReuse();
installContentStrings();
installLeanDrawing();

let tableGiven: FontChains['registry'] | undefined;
const written = new WeakSet<Face>();

/**
 * Hand pdfmake its font table once, and the data of the faces it may need: each style's first
 * family (page numbers and marks use it too) and every other face that has been read. A fallback
 * face is read only when a chain sent a character to it, which happens while the definition is
 * made; so this runs after that, and before pdfmake lays out.
 */
function useFonts(chains: FontChains): void {
  const fonts = chains.registry;
  if (tableGiven !== fonts) {
    // Fonts loaded again (watch, after an edit): words measured in the earlier ones are never reused
    // (reuse.ts checks the parsed font), and kept they would keep those fonts' data alive.
    if (tableGiven) forgetInlines();
    pdfmake.setFonts(fonts.pdfmakeFonts());
    // Documents never fetch anything: fonts are buffers and there are no external images.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => false);
    tableGiven = fonts;
  }
  const primary = new Set(chains.all.flatMap((c) => [c.primary.regular, c.primary.bold]));
  for (const [name, face] of fonts.faces()) {
    if ((face.used || face.loaded || primary.has(face)) && !written.has(face)) {
      pdfmake.virtualfs.writeFileSync(name, face.data);
      written.add(face);
    }
  }
}

export interface PdfLaidOut extends Measured<PdfmakeBlock> {
  bytes: Buffer;
}

/** The definition, with the hook that records where each node with an id starts. */
function prepared(doc: Document, fit: Fit, options: WriterOptions, endless: boolean) {
  const tops = new Map<string, { page: number; top: number }>();
  const { def, structure } = pdfDefinition(doc, { ...options, fit, measure: endless });
  useFonts(options.fonts);
  def.pageBreakBefore = (node: { id?: string; startPosition?: { pageNumber: number; top: number } }) => {
    if (node.id && node.startPosition) tops.set(node.id, { page: node.startPosition.pageNumber, top: node.startPosition.top });
    return false;
  };
  const size = def.pageSize as { height: number };
  const footer = size.height - pageMargins(options.theme, doc.page)[2];
  return { def, structure, tops, footer };
}

/**
 * Lay a document out as it is fitted, without drawing it (or on one endless page, to see how tall
 * its content is): what the fitter needs to choose, at a fraction of the cost of writing.
 */
export async function measurePdf(doc: Document, fit: Fit, options: WriterOptions, endless = false): Promise<Measured<PdfmakeBlock>> {
  const { def, tops, footer } = prepared(doc, fit, options, endless);
  let result: Measured<PdfmakeBlock> | undefined;
  await layoutOnly((pages) => {
    result = measure(pages, footer, tops);
  }, () => pdfmake.createPdf(def).getStream());
  if (!result) throw new Error('pdfmake laid out no pages');
  return result;
}

/**
 * The layout engine of the layout stage (layout/engine.ts): the PDF's own definition laid out by
 * pdfmake, so that the pages the fitter chooses are the pages this writer writes. With `write`, its
 * last layout draws the PDF too (drawing costs little beside laying out again), and the bytes go
 * back with the fit, as a value.
 */
export function pdfEngine(options: WriterOptions, write = false): LayoutEngine<PdfmakeBlock> {
  return {
    measure: (doc, fit, endless) => measurePdf(doc, fit, options, endless),
    lay: async (doc, fit) => {
      if (!write) return measurePdf(doc, fit, options);
      const laid = await layoutPdf(doc, fit, options);
      return { ...laid, written: laid.bytes };
    },
    refill: (block, maxWidth) => setLines(block.inlines, maxWidth),
    spreadBound: (block) => spreadBound(block.inlines),
  };
}

/** Lay a document out as it is fitted and write it. */
export async function layoutPdf(doc: Document, fit: Fit, options: WriterOptions): Promise<PdfLaidOut> {
  const { def, structure, tops, footer } = prepared(doc, fit, options, false);
  let result: Measured<PdfmakeBlock> | undefined;
  const bytes = await withTags(structure, taggingMeta(doc, fit, options.time), () => pdfmake.createPdf(def).getBuffer(), (pages) => {
    result = measure(pages, footer, tops);
  });
  if (!result) throw new Error('pdfmake laid out no pages');
  return { ...result, bytes };
}

/** A UUID made of a digest, so that the same input always gives the same one. */
const uuidOf = (text: string) => {
  const h = createHash('sha256').update(text).digest('hex');
  return `uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/**
 * The identifiers of the XMP metadata: the document is its title, issuer and subject (the same from
 * one edit to the next); this version of it is all it holds and how it was fitted, at the moment it
 * is stamped with. The fit is digested as the last member of the document, where it stood when it
 * was part of the model, so that the identifiers of unchanged documents stay what they were.
 */
function taggingMeta(doc: Document, fit: Fit, time: Date): TaggingMeta {
  const { title, author, subject, language } = doc.meta;
  return {
    language,
    documentId: uuidOf(JSON.stringify([title, author, subject])),
    instanceId: uuidOf(JSON.stringify([{ ...doc, fit: decided(fit) }, time.toISOString()])),
  };
}

/** What was decided of the page, without what the layout found on the way (the early lines, for the Word writer). */
const decided = ({ earlyLines: _lines, ...fit }: Fit): Fit => fit;

export async function writePdf(doc: Document, fit: Fit, options: WriterOptions): Promise<Uint8Array> {
  return (await layoutPdf(doc, fit, options)).bytes;
}
