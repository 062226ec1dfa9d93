import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';

// pdfkit writes a page's content one operator at a time (a line of text is some ten of them), and
// each PDFReference.write turned its string into a Buffer of its own, to be joined again when the
// object is finished: over the 67 handouts about a quarter of a second of small allocations,
// copies and their garbage. Runs of strings are kept as one string here and turned into bytes once,
// when the object is finished, with the same encoding ('binary': one byte per UTF-16 unit, so the
// lengths pdfkit counts are the strings' lengths) and in the same order among any Buffer chunks.

const require = createRequire(import.meta.url);

// Many handouts differ only in words of the same shape (a town's name for another's), and a
// subset numbers glyphs in the order the page first uses them: 42 of the 67 page contents are the
// same bytes as an earlier one, as is every document's colour profile. Each distinct stream is
// compressed once per process; pdfkit compresses what it is given with zlib's defaults (deflateSync
// with no options), which gives the same bytes for the same input, so an earlier result is reused
// for input of the same SHA-256 digest (the trust the build's own cache puts in it). Only the
// compressed bytes are kept, not the input.

/** Compressed bytes kept; past it the cache starts over (a long batch or a watch session). */
const MAX_KEPT_BYTES = 32 * 1024 * 1024;
const deflated = new Map<string, Buffer>();
let kept = 0;

/** zlib.deflateSync(input) as pdfkit calls it, once per distinct input; the result is only read. */
export function deflateOnce(input: Buffer): Buffer {
  const key = createHash('sha256').update(input).digest('base64');
  const known = deflated.get(key);
  if (known) return known;
  let output = deflateSync(input);
  // zlib hands a short result out as a slice of a larger chunk of its own: kept, it is copied to a
  // buffer of its size, so that what is counted is what is held.
  if (output.byteLength < output.buffer.byteLength) output = Buffer.from(new Uint8Array(output).buffer);
  if (kept + output.length > MAX_KEPT_BYTES) {
    deflated.clear();
    kept = 0;
  }
  deflated.set(key, output);
  kept += output.length;
  return output;
}

interface Reference {
  buffer: (Uint8Array | string)[] | Uint8Array;
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  write(chunk: unknown): void;
  finalize(): void;
}
type PdfkitDocument = { prototype: { ref(this: unknown, data: object): Reference } };

/** Once per process, after pdfkit is loaded (by pdfmake); later calls do nothing. */
export function installContentStrings(): void {
  const PDFDocument = require('pdfkit') as PdfkitDocument;
  // pdfkit does not export its reference class: its prototype is reached through a reference made
  // for a stand-in document (ref() reads nothing else of it).
  const proto = Object.getPrototypeOf(PDFDocument.prototype.ref.call({ _offsets: [], _waiting: 0, compress: false }, {})) as Reference & Record<symbol, unknown>;
  const mark = Symbol.for('shien.PDFReference.strings');
  if (proto[mark]) return;
  const { write, finalize } = proto;
  if (typeof write !== 'function' || typeof finalize !== 'function') throw new Error('pdfkit PDFReference.write not found: check the pdfkit version');
  proto.write = function (this: Reference, chunk: unknown) {
    if (chunk instanceof Uint8Array || !Array.isArray(this.buffer)) return write.call(this, chunk);
    // `+` as pdfkit has it (a template string would convert an object otherwise).
    const text = (chunk as string) + '\n';
    this.uncompressedLength += text.length;
    if (this.data.Length == null) this.data.Length = 0;
    const last = this.buffer.length - 1;
    if (last >= 0 && typeof this.buffer[last] === 'string') this.buffer[last] += text;
    else this.buffer.push(text);
    this.data.Length += text.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  proto.finalize = function (this: Reference) {
    const chunks = this.buffer;
    if (!Array.isArray(chunks)) return finalize.call(this);
    for (let i = 0; i < chunks.length; i++) if (typeof chunks[i] === 'string') chunks[i] = Buffer.from(chunks[i] as string, 'binary');
    if (!this.compress || chunks.length === 0) return finalize.call(this);
    // Compressed here instead of in pdfkit's finalize, which then writes it as it is (its Filter was
    // set as it was written; encryption, were there any, still follows compression).
    this.buffer = [deflateOnce(Buffer.concat(chunks as Uint8Array[]))];
    this.compress = false;
    try {
      return finalize.call(this);
    } finally {
      this.compress = true;
    }
  };
  proto[mark] = true;
}
