import { createRequire } from 'node:module';
import fc from 'fast-check';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pristine } from './pristine.js';
import '../src/render/pdf/index.js';
import { deflateOnce } from '../src/render/pdf/content.js';

// render/pdf/content.ts keeps pdfkit's content operators as strings until the object is finished.
// The file must be the one pdfkit as it ships writes: random runs of strings (characters past
// 0xFF among them) and Buffers written to a page's content, compressed and not, give the same
// bytes through pdfkit as the PDF writer loads it and through a second copy of its module. Equal
// streams are compressed once per process (deflateOnce): a second document alike is still the same.

const require = createRequire(import.meta.url);
const PATH = require.resolve('pdfkit');

interface Doc {
  page: { content: { write(chunk: unknown): void } };
  on(event: string, listener: (chunk: Buffer) => void): void;
  end(): void;
}
type PdfkitClass = new (opts: object) => Doc;


/** A one-page document with the chunks as its page's content, its bytes once it ends. */
function written(PDFDocument: PdfkitClass, chunks: (string | Uint8Array)[], compress: boolean): Promise<Buffer> {
  const doc = new PDFDocument({ compress, info: { CreationDate: new Date(0), ModDate: new Date(0) } });
  const parts: Buffer[] = [];
  doc.on('data', (c) => parts.push(c));
  const done = new Promise<Buffer>((ok) => doc.on('end', () => ok(Buffer.concat(parts))));
  for (const c of chunks) doc.page.content.write(c);
  doc.end();
  return done;
}

const text = fc.string({ unit: fc.oneof(fc.constantFrom('q', 'Q', ' ', '1', '0', 'T', 'f', '(', ')', '\\'), fc.integer({ min: 0x80, max: 0x3000 }).map((c) => String.fromCharCode(c))), maxLength: 40 });
const bytes = fc.uint8Array({ maxLength: 30 });

describe('pdfkit content kept as strings (render/pdf/content.ts)', () => {
  it('writes the bytes pdfkit as it ships writes, for random strings and Buffers, compressed or not', async () => {
    const ours = require(PATH) as PdfkitClass;
    const theirs = pristine<PdfkitClass>('pdfkit');
    expect(theirs).not.toBe(ours);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(text, text, bytes), { maxLength: 25 }), fc.boolean(), async (chunks, compress) => {
        expect((await written(ours, chunks, compress)).equals(await written(theirs, chunks, compress))).toBe(true);
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });

  it('writes the same bytes again for a second document with the same content (compressed once)', async () => {
    const ours = require(PATH) as PdfkitClass;
    const theirs = pristine<PdfkitClass>('pdfkit');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(text, bytes), { minLength: 1, maxLength: 25 }), async (chunks) => {
        const expected = await written(theirs, chunks, true);
        expect((await written(ours, chunks, true)).equals(expected)).toBe(true);
        expect((await written(ours, chunks, true)).equals(expected)).toBe(true);
      }),
      { seed: 20261207, numRuns: 100 },
    );
  });

  it('deflateOnce gives zlib.deflateSync\'s bytes, and its earlier result for equal bytes only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(), (input, at) => {
        const first = deflateOnce(Buffer.from(input));
        expect(first.equals(deflateSync(input))).toBe(true);
        // What is kept holds its own bytes, not a slice of zlib's larger chunk (the cap counts it so).
        expect(first.buffer.byteLength).toBe(first.length);
        expect(deflateOnce(Buffer.from(input))).toBe(first);
        if (input.length === 0) return;
        const other = Buffer.from(input);
        other[at % other.length] ^= 1;
        expect(deflateOnce(other).equals(deflateSync(other))).toBe(true);
      }),
      { seed: 20261208, numRuns: 300 },
    );
  });
});
