import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pristine } from './pristine.js';
import '../src/render/pdf/index.js';

// render/pdf/drawing.ts keeps pdfkit's answers for '#' colours and for the flip before each run of
// text. Random colours (well formed or not, named, arrays, gradients' stops) and transformations
// (the flip at random page heights among others, over random matrices) drawn with pdfkit as the PDF
// writer loads it and with a second copy of its module give the same file and the same matrix.

const require = createRequire(import.meta.url);
const PATH = require.resolve('pdfkit');

interface Doc {
  _ctm: number[];
  _normalizeColor(color: unknown): unknown;
  fillColor(color: unknown): Doc;
  strokeColor(color: unknown): Doc;
  transform(...m: number[]): Doc;
  save(): Doc;
  restore(): Doc;
  rect(x: number, y: number, w: number, h: number): Doc;
  fill(color?: unknown): Doc;
  text(text: string, x: number, y: number): Doc;
  linearGradient(x1: number, y1: number, x2: number, y2: number): { stop(pos: number, color: unknown): unknown };
  on(event: string, listener: (chunk: Buffer) => void): void;
  end(): void;
}
type PdfkitClass = new (opts: object) => Doc;


type Step = { color: unknown; stroke: boolean } | { m: number[] } | { text: string } | { stop: unknown };

/** The steps drawn on one page, the file's bytes and the matrix after each step. */
async function drawn(PDFDocument: PdfkitClass, steps: Step[]): Promise<{ bytes: Buffer; ctms: number[][]; colors: unknown[] }> {
  const doc = new PDFDocument({ compress: false, info: { CreationDate: new Date(0), ModDate: new Date(0) } });
  const parts: Buffer[] = [];
  doc.on('data', (c) => parts.push(c));
  const done = new Promise<Buffer>((ok) => doc.on('end', () => ok(Buffer.concat(parts))));
  const ctms: number[][] = [];
  const colors: unknown[] = [];
  for (const step of steps) {
    if ('color' in step) {
      colors.push(doc._normalizeColor(step.color));
      if (step.stroke) doc.strokeColor(step.color);
      else doc.fillColor(step.color).rect(1, 2, 3, 4).fill();
    } else if ('m' in step) doc.transform(...step.m);
    else if ('stop' in step) doc.linearGradient(0, 0, 10, 10).stop(0, step.stop);
    else doc.text(step.text, 10, 20);
    ctms.push(doc._ctm.slice());
  }
  doc.end();
  return { bytes: await done, ctms, colors };
}

const hexDigit = fc.constantFrom(...'0123456789abcdefABCDEFxz');
const color = fc.oneof(
  fc.array(hexDigit, { minLength: 6, maxLength: 6 }).map((d) => `#${d.join('')}`),
  fc.array(hexDigit, { minLength: 3, maxLength: 3 }).map((d) => `#${d.join('')}`),
  fc.array(hexDigit, { maxLength: 8 }).map((d) => `#${d.join('')}`),
  fc.constantFrom('black', 'red', 'nocolour', '', '#'),
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 3, maxLength: 3 }),
  fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }),
);
const real = fc.oneof(fc.constantFrom(0, -0, 1, -1, 841.89, 595.28), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
const matrix = fc.oneof(
  real.map((h) => [1, 0, 0, -1, 0, h]),
  fc.tuple(real, real).map(([dx, h]) => [1, 0, 0, -1, dx, h]),
  fc.array(real, { minLength: 6, maxLength: 6 }),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ color, stroke: fc.boolean() }),
  fc.record({ m: matrix }),
  fc.record({ text: fc.string({ maxLength: 8 }) }),
  fc.record({ stop: fc.oneof(color.filter((c) => typeof c !== 'string' || c.startsWith('#')), fc.constant('red')) }),
);

describe('pdfkit colours and the text flip kept (render/pdf/drawing.ts)', () => {
  it('draws the bytes and keeps the matrix pdfkit as it ships does, for random colours and transformations', async () => {
    const ours = require(PATH) as PdfkitClass;
    const theirs = pristine<PdfkitClass>('pdfkit');
    expect(theirs).not.toBe(ours);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
        // Twice over: the second time every colour and flip is one already kept.
        for (let k = 0; k < 2; k++) {
          const [a, b] = [await drawn(ours, steps), await drawn(theirs, steps)];
          expect(a.ctms).toEqual(b.ctms);
          expect(a.colors).toEqual(b.colors);
          expect(a.bytes.equals(b.bytes)).toBe(true);
        }
      }),
      { seed: 20261206, numRuns: 150 },
    );
  });

  it('hands out a colour a caller may change without changing the next one', () => {
    const doc = new (require(PATH) as PdfkitClass)({});
    const first = doc._normalizeColor('#336699') as number[];
    first[0] = 7;
    expect(doc._normalizeColor('#336699')).toEqual([0x33 / 255, 0x66 / 255, 0x99 / 255]);
  });

  it('normalizes a colour unbound, as pdfkit’s own tables call it, whether kept already or not', () => {
    const doc = new (require(PATH) as PdfkitClass)({});
    const unbound = doc._normalizeColor;
    expect(unbound('#123457')).toEqual([0x12 / 255, 0x34 / 255, 0x57 / 255]);
    expect(unbound('#123457')).toEqual([0x12 / 255, 0x34 / 255, 0x57 / 255]);
  });
});
