import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { firstInvalidUtf8 } from '../src/core/yaml.js';
import { build, reportProblems } from '../src/pipeline/build.js';
import { context, pdfPlaced, squash, tempDir } from './helpers.js';

// Random text in every text field of a valid plan: either the documents are made, every character
// of the text is in their PDFs and nothing stands outside a page, or the build fails with problems
// that name a file and a place. Never a fault of the tool, never unbounded time.
//
// Seeded: a failure prints its seed (and fast-check its path); run it again with
//   SHIEN_PROPERTY_SEED=<seed> SHIEN_PROPERTY_RUNS=<n> npx vitest run test/property.test.ts

const SEED = Number(process.env.SHIEN_PROPERTY_SEED ?? 20261125);
const RUNS = Number(process.env.SHIEN_PROPERTY_RUNS ?? 10);
const VALID = join(import.meta.dirname, 'fixtures', 'sets', 'valid');
/** Far above what any of these plans needs (about 0.5 s): catches quadratic or runaway work, not slowness. */
const BOUND_MS = 30_000;

// Kanji and kana as plans use them (those of the R5 plan): every one of them is in the fonts. Random
// code points of the CJK block are mostly simplified Chinese, which only the wild text below tries.
const JAPANESE = [...new Set(readFileSync(join(import.meta.dirname, '..', 'plans', 'r5', 'plan.yaml'), 'utf8').match(/[\u3041-\u30fa\u4e00-\u9fff]/gu))];
const kanji = fc.constantFrom(...JAPANESE);
const kana = fc.oneof(fc.integer({ min: 0x3041, max: 0x3096 }), fc.integer({ min: 0x30a1, max: 0x30fa })).map((c) => String.fromCodePoint(c));
const special = fc.constantFrom(
  '\u0301', '\u3099', '\u309a', // combining marks (accent, voiced marks)
  '\u{E0100}', '\u{E0102}', '\uFE00', // variation selectors
  '\u{20BB7}', '\u{30000}', '😀', // outside the BMP: in the fallback font, in no font, an emoji
  '\uD800', '\uDC00', // lone surrogates
  '\u0007', '\t', '\u2028', '\u200B', '\u00A0', '\u3000', // controls and odd spaces
  '<b>', '&amp;', '{{title}}', '"', "'", ': ', '#', '- ', // markup and YAML syntax
  '、', '。', '（', '）', '「', '」', 'ー', 'ゃ', '…', // kinsoku
  'が'.normalize('NFD'), 'ｶﾞ', '①', '㈱', 'ﬁ',
);
/** A run with no break opportunity: an ID, a long number. */
const unbreakable = fc.stringMatching(/^[A-Z0-9]{30,260}$/);
/** Text a person might write, with long unbreakable runs: it should always build. */
const plain = fc.oneof({ weight: 5, arbitrary: fc.string({ unit: fc.oneof(kanji, kana), minLength: 1, maxLength: 80 }) },
  { weight: 1, arbitrary: unbreakable },
  { weight: 1, arbitrary: fc.constantFrom('、', '。', '（', '）', '「', '」', 'ー', 'ゃ', '…', '１，０００円', 'PDCA', '12.5%', '𠮷', '葛\u{E0102}') });
/** Anything at all, hostile included: it builds, or fails with a located problem. */
const wild = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), special, fc.string({ unit: 'binary', maxLength: 10 }), fc.string({ unit: 'grapheme', minLength: 400, maxLength: 900 }));
const text = fc.oneof({ weight: 12, arbitrary: fc.array(plain, { minLength: 1, maxLength: 8 }) }, { weight: 1, arbitrary: fc.array(fc.oneof(plain, wild), { minLength: 1, maxLength: 6 }) })
  .map((ps) => ps.join(''));

/** The fields the random text goes into: every kind of block of the summary and of a handout. */
const FIELDS: [file: string, path: (string | number)[]][] = [
  ['plan/plan.yaml', ['title']],
  ['plan/plan.yaml', ['positioning', 'heading']],
  ['plan/plan.yaml', ['positioning', 'bullets', 0]],
  ['plan/plan.yaml', ['basicPolicy', 'heading']],
  ['plan/plan.yaml', ['basicPolicy', 'bullets', 0]],
  ['plan/plan.yaml', ['act', 'categories', 0, 'title']],
  ['plan/plan.yaml', ['implementers', 0, 'name']],
  ['plan/plan.yaml', ['implementers', 0, 'bullets', 0]],
  ['plan/plan.yaml', ['implementers', 1, 'programmes', 0, 'items', 0]],
  ['plan/jurisdictions/13-tokyo.yaml', ['center', 'name']],
  ['plan/jurisdictions/13-tokyo.yaml', ['programmes', 0, 'items', 0]],
];

function setIn(data: unknown, path: (string | number)[], value: string): void {
  let v = data as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) v = v[k] as Record<string | number, unknown>;
  v[path[path.length - 1]] = value;
}

function getIn(data: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], data);
}

describe('random text in every field', () => {
  it(`builds or fails with located problems (seed ${SEED}, ${RUNS} runs)`, async () => {
    process.stdout.write(`property seed: ${SEED} (SHIEN_PROPERTY_SEED to repeat)\n`);
    let made = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: FIELDS.length, maxLength: FIELDS.length }), async (values) => {
        const root = tempDir();
        cpSync(VALID, root, { recursive: true });
        const data = new Map<string, unknown>();
        const read = (f: string) => data.get(f) ?? data.set(f, parse(readFileSync(join(root, f), 'utf8'))).get(f);
        FIELDS.forEach(([f, path], i) => setIn(read(f), path, values[i]));
        for (const [f, d] of data) writeFileSync(join(root, f), stringify(d));
        const out = tempDir();

        const started = performance.now();
        const r = await build({ planDir: join(root, 'plan'), outDir: out, workers: 1 }, context);
        expect(performance.now() - started).toBeLessThan(BOUND_MS);
        const problems = reportProblems(r).filter((p) => p.severity === 'error');
        for (const p of problems) {
          expect(p.code, p.message).not.toMatch(/^internal\//);
          expect(p.file, `${p.code} ${p.message}`).toBeTruthy();
          expect(p.place, `${p.code} ${p.message}`).toBeTruthy();
        }
        if (process.env.SHIEN_PROPERTY_DEBUG && problems.length) process.stdout.write(problems.map((p) => `${p.code} ${p.path} ${p.message.slice(0, 80)}`).join("\n") + "\n---\n");
        if (problems.length) return;
        made++;

        // What the files say after YAML and the loader (NFC; a lone surrogate was written as U+FFFD).
        const written = new Map([...data.keys()].map((f) => [f, parse(readFileSync(join(root, f), 'utf8'))]));
        const pdf = async (stem: string) => pdfPlaced(readFileSync(join(out, `${stem}.pdf`)), true);
        const [summary, tokyo] = [await pdf('summary'), await pdf('handouts/13-tokyo')];
        expect([...summary.outside, ...tokyo.outside]).toEqual([]);
        FIELDS.forEach(([f, path]) => {
          const value = squash(String(getIn(written.get(f), path)).normalize('NFC'));
          const where = f.includes('13-tokyo') ? tokyo : summary;
          expect(squash(where.text), `${f} ${path.join('.')}`).toContain(value);
        });
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // Most runs must get as far as the PDFs, or the property says little.
    process.stdout.write(`property: ${made} of ${RUNS} runs built\n`);
    expect(made).toBeGreaterThanOrEqual(Math.ceil(RUNS / 5));
  }, 240_000);
});

describe('the UTF-8 check', () => {
  it('finds the first bad byte exactly where the standard decoder stops, in one pass', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0xc0, 0xe0, 0xed, 0xf0, 0xf4, 0xf5, 0x80, 0xbf)), { maxLength: 40 }), (arr) => {
        const bytes = Uint8Array.from(arr);
        const at = firstInvalidUtf8(bytes);
        const decodes = (b: Uint8Array) => {
          try {
            new TextDecoder('utf-8', { fatal: true }).decode(b);
            return true;
          } catch {
            return false;
          }
        };
        expect(at < 0).toBe(decodes(bytes));
        if (at >= 0) expect(decodes(bytes.subarray(0, at))).toBe(true);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
