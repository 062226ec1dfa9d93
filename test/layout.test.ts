import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Document } from '../src/document/ir.js';
import { pageSize } from '../src/document/paper.js';
import type { Fit } from '../src/layout/decisions.js';
import type { LayoutEngine, Measured } from '../src/layout/engine.js';
import { fitDocument, typeBounds } from '../src/layout/fit.js';
import { writerOptions } from '../src/pipeline/render.js';
import { pdfEngine } from '../src/render/pdf/index.js';
import { setLines, spreadBound, SPREAD, type LineInline } from '../src/layout/pdfmake/line-fill.js';
import type { Setting } from '../src/layout/engine.js';
import { SHORT_LAST_LINE } from '../src/layout/metrics.js';
import { graphemeCount } from '../src/text/kinsoku.js';
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
    const engine = madeUpEngine(5);
    const { fit, problems, section } = await fitDocument(document(1), theme, engine);
    expect(fit).toBeUndefined();
    expect(problems.map((p) => p.code)).toEqual(['layout/overflow']);
    expect(section?.[0]).toBe(0);
    // Known at the least size, without laying it out at the sizes between (a save that makes the
    // text too long is told so at once): the largest size on its page; the body's, the next below
    // it and the least, each measured endless and on pages; then the endless one the message
    // measures (14 when every size between was tried).
    expect(engine.calls).toBe(8);
  });

  it('finds a fit at the least size when only that keeps a document to its pages', async () => {
    // 3.6 pages at the body size: 7 pt takes 1.96 of the 2 pages, 7.5 pt 2.2.
    const { fit, pages, problems } = await fitDocument(document(2), theme, madeUpEngine(3.6));
    expect(problems).toEqual([]);
    expect(pages).toBe(2);
    expect(fit!.scale * b.body).toBe(b.minBody);
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

const spreadOf = (maxWidth: number, width: number, gaps: number) => (gaps > 0 ? Math.max(0, maxWidth - width) / gaps : 0);

/**
 * setLines as it was before it kept anything from one measure to the next: every line filled anew at
 * every measure. A copy on purpose, the test's reference for the keeping; a change to how lines are
 * filled (line-fill.ts) is made here too.
 */
function settingAsFilled(inlines: readonly LineInline[], maxWidth: number, maxSpread = spreadBound(inlines)): Setting {
  const chars = inlines.map((i) => graphemeCount(i.text.replace(/\s+/g, '')));
  const widths = inlines.map((i) => i.width);
  const trailing = inlines.map((i) => i.trailingCut ?? 0);
  const leading = inlines.map((i) => i.leadingCut ?? 0);
  const bonded = inlines.map((i) => Boolean(i.noNewLine));
  const forced = inlines.map((i) => Boolean(i.lineEnd));
  const n = widths.length;
  /** Each line: its first inline, the inline after its last, its width as justified. */
  const lines: { start: number; end: number; width: number; forced: boolean }[] = [];
  for (let i = 0; i < n;) {
    const start = i;
    let used = 0;
    const lead = leading[i];
    let ended = false;
    let bond = false;
    while (i < n) {
      if (i > start && !bond) {
        if (ended) break;
        let w = widths[i];
        let cut = trailing[i];
        if (bonded[i]) {
          for (let j = i + 1; j < n; j++) {
            w += widths[j];
            cut += trailing[j];
            if (!bonded[j]) break;
          }
        }
        if (used + w - lead - cut > maxWidth) break;
      }
      used += widths[i];
      bond = bonded[i];
      ended ||= forced[i];
      i += 1;
    }
    lines.push({ start, end: i, width: used - lead - trailing[i - 1], forced: ended });
  }
  const sum = (a: number, b: number) => { let c = 0; for (let k = a; k < b; k++) c += chars[k]; return c; };
  const widthOf = (a: number, b: number) => { let w = 0; for (let k = a; k < b; k++) w += widths[k]; return w - leading[a] - trailing[b - 1]; };
  // The last line of a paragraph, or of a part ended by a hard break, that is short: the line
  // before it (of the same part) is ended early as keepForLastLine ends it.
  let short = 0;
  lines.forEach((last, j) => {
    if (!last.forced && j < lines.length - 1) return;
    const tail = sum(last.start, last.end);
    const before = lines[j - 1];
    if (!before || before.forced || tail === 0 || tail > SHORT_LAST_LINE) return;
    let keep = before.end;
    let moved = tail;
    while (moved <= SHORT_LAST_LINE && keep > before.start) {
      keep -= 1;
      while (keep > before.start && bonded[keep - 1]) keep -= 1;
      moved = tail + sum(keep, before.end);
    }
    if (keep > before.start && widthOf(keep, last.end) <= maxWidth && spreadOf(maxWidth, widthOf(before.start, keep), keep - before.start - 1) <= maxSpread + 1e-9) {
      before.end = keep;
      last.start = keep;
      before.width = widthOf(before.start, keep);
    } else short += 1;
  });
  const end = lines[lines.length - 1];
  const lastChars = end ? sum(end.start, n) : 0;
  let spread = 0;
  for (const l of lines.slice(0, -1)) if (!l.forced) spread = Math.max(spread, spreadOf(maxWidth, l.width, l.end - l.start - 1));
  return { lines: lines.length, lastChars, short, spread };
}

describe('setting a paragraph again at another measure', () => {
  // setLines keeps the lines it filled last for each paragraph and reuses them at any measure where
  // every fit test made while filling them answers the same: asked in any order, it must answer as
  // the filling above, which keeps nothing, and as on a paragraph it has never seen (a copy of its
  // inlines has no lines kept).
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
            const set = setLines(inlines, w);
            expect(set, `at ${w}`).toEqual(setLines(inlines.map((i) => ({ ...i })), w));
            const { below, ...setting } = set;
            expect(setting, `at ${w}`).toEqual(settingAsFilled(inlines, w));
            // A setting said to hold up to a measure holds at every wider one below it.
            if (below !== undefined) {
              for (const at of [w + 0.001, w * 1.5, w + 1000, (w + below) / 2]) if (at < below) expect(settingAsFilled(inlines, at), `at ${at} (below ${below})`).toEqual(setting);
            }
          }
        },
      ),
      { seed: 20261206, numRuns: 300 },
    );
  });
});
