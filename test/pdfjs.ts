// pdf.js, the engine of Firefox and many viewers, as the tests read PDFs with it. Its legacy build
// (the one that runs on Node 20) brings core-js and, on loading, puts polyfills on the process's own
// built-ins: Array.prototype.push and JSON.parse among them, each several times slower than V8's.
// The tests run the product's code in the same process, and pdf.js itself pushes a lot: with the
// built-ins put back, reading a PDF takes 40 % less time, and the code under test runs on the
// built-ins a user's Node has. What pdf.js only adds (Promise.withResolvers, the Set methods) stays:
// it needs them on Node 20.

const replaced = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [globalThis, 'MessageChannel'],
] as const;
const natives = replaced.map(([on, name]) => Object.getOwnPropertyDescriptor(on, name));

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
replaced.forEach(([on, name], i) => {
  if (natives[i]) Object.defineProperty(on, name, natives[i]!);
});

export default pdfjs;
