import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Document } from '../src/document/ir.js';
import { pageSize } from '../src/document/paper.js';
import type { Fit } from '../src/layout/decisions.js';
import type { LayoutEngine, Measured } from '../src/layout/engine.js';
import { fitDocument, typeBounds } from '../src/layout/fit.js';
import { writerOptions } from '../src/pipeline/render.js';
import { pdfEngine } from '../src/render/pdf/index.js';
import { setLines, SPREAD, type LineInline } from '../src/layout/pdfmake/line-fill.js';
import { pageMargins } from '../src/theme/furniture.js';
import { context, documentOf } from './helpers.js';

// The layout stage on its own: it decides a document's size, leading and column weights from what
// an engine measures, and writes nothing. An engine made up here (content of a given height that
// grows with the square of the type and with the leading) shows the fitter needs nothing of pdfmake;
// pdfmake's own engine shows that the decisions for the plan come without a PDF being made.

const theme = context().theme;
const b = typeBounds(theme);

function document(maxPages: number): Document {
  return {
    meta: { title: 'layout', author: 'test', subject: 'layout', language: 'ja', date: '2023-04-01' },
    page: { orientation: 'portrait', pageNumbers: false, maxPages },
    draft: false,
    sample: false,
    title: [{ text: '見出し' }],
    body: [{ kind: 'heading', level: 1, runs: [{ text: '第一節' }] }, { kind: 'paragraph', runs: [{ text: '本文' }] }],
  };
}

const [mTop, , mBottom] = pageMargins(theme, document(1).page);
const room = pageSize(theme.page.size, 'portrait').height - mTop - mBottom;

/** Content `pages` of the room tall at the theme's size and leading. */
function madeUpEngine(pages: number): LayoutEngine & { calls: number } {
  const height = (fit: Fit) => pages * room * fit.scale ** 2 * (fit.leading / b.leading);
  const engine = {
    calls: 0,
    async measure(_doc: Document, fit: Fit, endless = false): Promise<Measured> {
      engine.calls++;
      const h = height(fit);
      const n = endless ? 1 : Math.max(1, Math.ceil(h / room - 1e-9));
      const end = mTop + h;
      return { pages: n, bottom: endless ? end : mTop + h - (n - 1) * room, tops: new Map([['block-0', { page: 1, top: mTop }], ['end', { page: n, top: end }]]), blocks: new Map() };
    },
    lay: (doc: Document, fit: Fit) => engine.measure(doc, fit),
    refill: () => {
      throw new Error('no columns to weigh');
    },
    spreadBound: () => 0,
  };
  return engine;
}

const tall = (pages: number, fit: Fit) => pages * fit.scale ** 2 * (fit.leading / b.leading);

describe('the layout stage', () => {
  it('grows a one-page document to the largest half point that keeps it to its page, then opens the leading', async () => {
    const engine = madeUpEngine(0.6);
    const { fit, pages, problems } = await fitDocument(document(1), theme, engine);
    expect(problems).toEqual([]);
    expect(pages).toBe(1);
    const size = fit!.scale * b.body;
    expect(size * 2).toBeCloseTo(Math.round(size * 2));
    expect(size).toBeGreaterThan(b.body);
    expect(tall(0.6, fit!)).toBeLessThanOrEqual(1 + 1e-6);
    // Half a point more would run over, at the theme's leading.
    if (size < b.maxBody) expect(tall(0.6, { scale: (size + 0.5) / b.body, leading: b.leading })).toBeGreaterThan(1);
    expect(fit!.leading).toBeGreaterThanOrEqual(b.leading);
    expect(fit!.leading).toBeLessThanOrEqual(b.maxLeading);
    expect(engine.calls).toBeGreaterThan(1);
  });

  it('shrinks a document of a series only as far as its pages need, and keeps the theme\'s leading', async () => {
    const { fit, pages } = await fitDocument(document(2), theme, madeUpEngine(2.2));
    expect(pages).toBe(2);
    expect(fit!.leading).toBe(b.leading);
    const size = fit!.scale * b.body;
    expect(size).toBeLessThan(b.body);
    expect(tall(2.2, fit!)).toBeLessThanOrEqual(2);
    expect(tall(2.2, { ...fit!, scale: (size + 0.5) / b.body })).toBeGreaterThan(2);
  });

  it('gives no fit, but the section to shorten, when even the least size runs over', async () => {
    const { fit, problems, section } = await fitDocument(document(1), theme, madeUpEngine(5));
    expect(fit).toBeUndefined();
    expect(problems.map((p) => p.code)).toEqual(['layout/overflow']);
    expect(section?.[0]).toBe(0);
  });

  it('decides the plan\'s summary with pdfmake\'s engine, by measuring it, without a PDF', async () => {
    const doc = documentOf('plans/r5', 'summary');
    const pdf = pdfEngine(writerOptions(doc, { theme, fonts: context().fonts }));
    const measured: string[] = [];
    const engine: typeof pdf = {
      ...pdf,
      measure: (d, f, endless) => (measured.push(endless ? 'endless' : 'pages'), pdf.measure(d, f, endless)),
      lay: (d, f) => (measured.push('laid'), pdf.lay(d, f)),
    };
    const { fit, pages, problems, written } = await fitDocument(doc, theme, engine);
    expect(written).toBeUndefined();
    expect(problems).toEqual([]);
    expect(pages).toBe(1);
    expect(fit!.scale * b.body).toBeGreaterThanOrEqual(b.minBody);
    expect(fit!.scale * b.body).toBeLessThanOrEqual(b.maxBody);
    expect(fit!.columns?.length).toBeGreaterThan(0);
    // The last layout is on the real page, where the written one will be.
    expect(measured.at(-1)).toBe('laid');
  }, 60_000);
});

describe('setting a paragraph again at another measure', () => {
  // setLines keeps the lines it filled last for each paragraph and reuses them at any measure where
  // every fit test made while filling them answers the same: asked in any order, it must answer as
  // on a paragraph it has never seen (a copy of its inlines has no lines kept).
  const inline = fc.record({
    text: fc.constantFrom('支', '援', '計画', '。', 'PDCA', '（', '）', 'に', '、'),
    width: fc.integer({ min: 1, max: 400 }).map((w) => w / 8),
    leadingCut: fc.constantFrom(0, 0, 1.5),
    trailingCut: fc.constantFrom(0, 0, 2.25),
    noNewLine: fc.boolean(),
    lineEnd: fc.constantFrom(false, false, false, false, true),
  });
  it('answers as a fresh setting would, at every measure and in every order', () => {
    fc.assert(
      fc.property(
        fc.array(inline, { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 40, max: 800 }).map((w) => w / 4), { minLength: 1, maxLength: 60 }),
        fc.constantFrom(0.25, 0.5, undefined),
        (drawn, widths, spread) => {
          const inlines: LineInline[] = drawn.map((i) => ({ ...i, fontSize: 10, [SPREAD]: spread }));
          // Increasing widths as the fitter asks, then the same widths in the order drawn.
          for (const w of [...[...widths].sort((a, b) => a - b), ...widths, ...inlines.map((_, k) => inlines.slice(0, k + 1).reduce((a, i) => a + i.width, 0))]) {
            expect(setLines(inlines, w), `at ${w}`).toEqual(setLines(inlines.map((i) => ({ ...i })), w));
          }
        },
      ),
      { seed: 20261206, numRuns: 300 },
    );
  });
});
