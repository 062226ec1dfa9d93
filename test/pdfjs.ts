// pdf.js, the engine of Firefox and many viewers, as the tests read PDFs with it. Its legacy build
// (the one that runs on Node 20) brings core-js and, on loading, puts polyfills on the process's own
// built-ins: Array.prototype.push and JSON.parse among them, each several times slower than V8's.
// The tests run the product's code in the same process, and pdf.js itself pushes a lot: with the
// two put back, reading a PDF takes 40 % less time, and the code under test calls V8's own push and
// JSON.parse. What pdf.js adds (Promise.withResolvers, the Set methods, Iterator helpers, `self`)
// stays, as it needs them on Node 20: code of ours that used one of those would pass in this process
// on Node 20; the tests that run the compiled command, a process without pdf.js, are what catch it.

const replaced = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
] as const;
const natives = replaced.map(([on, name]) => Object.getOwnPropertyDescriptor(on, name));

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
// Its worker, which runs in this thread on Node, carries core-js of its own and would put the
// polyfills back at the first document read: loaded here, and handed to pdf.js as the one to use.
// (The package declares no types for it: the name as a plain string.)
const WORKER: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(WORKER);
replaced.forEach(([on, name], i) => {
  if (natives[i]) Object.defineProperty(on, name, natives[i]!);
});

export default pdfjs;

export type PdfDocument = Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;

/** A PDF opened as every reader of these tests opens it: its own fonts only, no eval, no warnings. */
export const openPdf = (bytes: Uint8Array): Promise<PdfDocument> =>
  pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;

/**
 * `read` on a PDF given as bytes (opened and closed around it) or as a document already open, which
 * is left open: a caller that reads one file in several ways opens it once, and pdf.js parses its
 * pages and fonts once (for the handouts, half the time of reading each one three times).
 */
export async function readPdf<T>(source: Uint8Array | PdfDocument, read: (pdf: PdfDocument) => Promise<T>): Promise<T> {
  if (!(source instanceof Uint8Array)) return read(source);
  const pdf = await openPdf(source);
  try {
    return await read(pdf);
  } finally {
    await pdf.destroy();
  }
}
