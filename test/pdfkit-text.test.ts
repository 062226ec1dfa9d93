import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pristine } from './pristine.js';
import '../src/render/pdf/index.js';
import { shareEmbeddedLayout } from '../src/render/pdf/shared-layout.js';

// render/pdf/shared-layout.ts replaces how pdfkit cuts a string into words, joins their runs and
// encodes the glyphs. Random strings (Latin, kana and kanji, spaces, tabs, line breaks) drawn and
// measured with pdfkit as the PDF writer loads it and with a second copy of its module give the
// same file and the same widths, in both of the writer's faces.

const require = createRequire(import.meta.url);
const PATH = require.resolve('pdfkit');
const FACES = ['BIZUDPGothic-Regular.ttf', 'BIZUDPGothic-Bold.ttf'].map((f) => fileURLToPath(new URL(`../fonts/${f}`, import.meta.url)));

interface Doc {
  _font: object;
  font(path: string): Doc;
  fontSize(size: number): Doc;
  text(text: string, x: number, y: number, options?: object): Doc;
  widthOfString(text: string, options?: object): number;
  on(event: string, listener: (chunk: Buffer) => void): void;
  end(): void;
}
type PdfkitClass = new (opts: object) => Doc;


/** The strings drawn in turn with each face, the file's bytes and every width asked for. */
async function drawn(PDFDocument: PdfkitClass, texts: string[], characterSpacing: number): Promise<{ bytes: Buffer; widths: number[] }> {
  const doc = new PDFDocument({ compress: false, info: { CreationDate: new Date(0), ModDate: new Date(0) } });
  const parts: Buffer[] = [];
  doc.on('data', (c) => parts.push(c));
  const done = new Promise<Buffer>((ok) => doc.on('end', () => ok(Buffer.concat(parts))));
  const widths: number[] = [];
  texts.forEach((text, i) => {
    doc.font(FACES[i % 2]).fontSize(9 + i);
    if (PDFDocument === ours) shareEmbeddedLayout(Object.getPrototypeOf(doc._font));
    // As pdfmake draws a run of text (Renderer.renderLine).
    doc.text(text, 10 + i, 20 + i, { lineBreak: false, textWidth: 50, characterSpacing, wordCount: 1 });
    widths.push(doc.widthOfString(text, { characterSpacing }));
  });
  doc.end();
  return { bytes: await done, widths };
}

const ours = require(PATH) as PdfkitClass;
const text = fc.string({ unit: fc.constantFrom('a', 'W', '1', ' ', ' ', '\t', '\n', 'あ', '漢', '字', '。', '「', '」', '　', 'ー', '\u{20B9F}'), maxLength: 30 });

describe('pdfkit words, runs and glyph codes (render/pdf/shared-layout.ts)', () => {
  it('draws the bytes and measures the widths pdfkit as it ships does, for random strings', async () => {
    const theirs = pristine<PdfkitClass>('pdfkit');
    expect(theirs).not.toBe(ours);
    await fc.assert(
      fc.asyncProperty(fc.array(text, { maxLength: 12 }), fc.constantFrom(0, 0.5), async (texts, spacing) => {
        const [a, b] = [await drawn(ours, texts, spacing), await drawn(theirs, texts, spacing)];
        expect(a.widths).toEqual(b.widths);
        expect(a.bytes.equals(b.bytes)).toBe(true);
      }),
      { seed: 20261206, numRuns: 60 },
    );
  });
});
