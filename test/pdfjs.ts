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
