import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import '../src/render/pdf/index.js';
import { forgetInlines, keptInlines, LOOKED_UP, reuseCounts } from '../src/layout/pdfmake/reuse.js';
import { loadResources } from '../src/check/resources.js';
import { renderDocument } from '../src/pipeline/render.js';
import { documentOf } from './helpers.js';

// layout/pdfmake/reuse.ts hands pdfmake the words it made of a text node in an earlier layout. A
// document laid out after others, at sizes, leadings and styles those had and had not, must come
// out byte for byte as it does when every word is measured afresh; and the words must have been
// reused, or this would prove nothing.

const require = createRequire(import.meta.url);
type Pdfmake = {
  setFonts(fonts: object): void;
  virtualfs: { writeFileSync(name: string, data: Buffer): void };
  setUrlAccessPolicy(policy: () => boolean): void;
  setLocalAccessPolicy(policy: () => boolean): void;
  createPdf(def: object): { getBuffer(): Promise<Buffer> };
};
const pdfmake = require('pdfmake') as Pdfmake;
const face = (f: string) => readFileSync(fileURLToPath(new URL(`../fonts/${f}`, import.meta.url)));

interface Setting {
  size: number;
  leading: number;
  /** The first words bold, by a property of their own. */
  bold?: boolean;
  color?: string;
  /** The family's regular face is the bold font file: the same name, another font. */
  swapped?: boolean;
}

/** Paragraphs of mixed text and styles, set at the setting's size and leading. */
function definition({ size, leading, bold, color }: Setting): object {
  return {
    pageSize: { width: 300, height: 800 },
    pageMargins: [20, 20, 20, 20],
    info: { creationDate: new Date(0), modDate: new Date(0) },
    defaultStyle: { font: 'T', fontSize: size, lineHeight: leading, alignment: 'justify', ...(color ? { color } : {}) },
    content: [
      { text: [{ text: '中小企業の経営者が、', ...(bold ? { bold: true } : {}) }, 'Web site と SNS で販路を広げる。補助率は 2/3、上限は 50 万円です。'] },
      { text: [{ text: '強調した語', bold: true }, 'と普通の語、', { text: '行送りの違う語', lineHeight: 2 }, 'と', { text: '上付き', sup: true }, '。'] },
      { text: 'A plain English sentence, with spaces  and\ta tab, that wraps over lines.', fontSize: 7 },
      { columns: [{ text: '左の段の文章。'.repeat(6) }, { text: '右の段の文章、少し短い。', fontSize: size + 1 }] },
    ],
  };
}

const FONTS = { normal: 'T-R.ttf', bold: 'T-B.ttf', italics: 'T-R.ttf', bolditalics: 'T-B.ttf' };
function bytes(s: Setting): Promise<Buffer> {
  pdfmake.setFonts({ T: s.swapped ? { ...FONTS, normal: 'T-B.ttf' } : FONTS });
  return pdfmake.createPdf(definition(s)).getBuffer();
}

describe('pdfmake words reused across layouts (layout/pdfmake/reuse.ts)', () => {
  pdfmake.virtualfs.writeFileSync('T-R.ttf', face('BIZUDPGothic-Regular.ttf'));
  pdfmake.virtualfs.writeFileSync('T-B.ttf', face('BIZUDPGothic-Bold.ttf'));
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);

  const settings: Setting[] = [
    { size: 9, leading: 1.5 },
    { size: 9, leading: 1.8 },
    { size: 11, leading: 1.5 },
    { size: 9, leading: 1.5, bold: true },
    { size: 9, leading: 1.5, color: '#c00000' },
    { size: 9, leading: 1.5, swapped: true },
    { size: 9, leading: 1.5 },
  ];

  it('lays a document out as measuring afresh does, with the words of earlier layouts', async () => {
    const fresh: Buffer[] = [];
    for (const s of settings) {
      forgetInlines();
      fresh.push(await bytes(s));
    }
    // The settings differ where it shows: a key that left one out would give another's bytes.
    expect(new Set(fresh.slice(0, -1).map((b) => b.toString('latin1'))).size).toBe(settings.length - 1);

    forgetInlines();
    const before = reuseCounts();
    for (const [i, s] of settings.entries()) expect((await bytes(s)).equals(fresh[i]), `setting ${i}: ${JSON.stringify(s)}`).toBe(true);
    const after = reuseCounts();
    // The second leading reuses every node of the first; the last setting repeats the first.
    expect(after.reused - before.reused).toBeGreaterThanOrEqual(8);
    expect(after.measured - before.measured).toBeGreaterThan(0);
  });

  it('keys the words by every property pdfmake looks up while it makes them', () => {
    const TEXT = ['TextInlines.js', 'TextBreaker.js'].map((f) => readFileSync(require.resolve(`pdfmake/js/${f}`), 'utf8')).join('\n');
    const inText = new Set([...TEXT.matchAll(/getStyleProperty\([^,]+, \w+, '(\w+)'/g)].map((m) => m[1]));
    expect(inText.size).toBeGreaterThan(20);
    expect([...inText].filter((p) => !(LOOKED_UP as readonly string[]).includes(p))).toEqual([]);
  });

  it('forgets the words of earlier fonts when the fonts are loaded again (watch after an edit)', async () => {
    const [summary, tokyo] = [documentOf('plans/r5'), documentOf('plans/r5', 'handouts/13-tokyo')];
    const render = async (doc: typeof summary, res: ReturnType<typeof loadResources>) => {
      const r = await renderDocument(doc, ['pdf'], 'test', { theme: res.theme, fonts: res.fonts });
      expect(r.problems).toEqual([]);
    };
    const later = loadResources();
    // Tokyo's words alone, with the fonts of one loading.
    forgetInlines();
    await render(tokyo, later);
    const alone = keptInlines();
    expect(alone).toBeGreaterThan(0);
    // The summary with other fonts first: once the later fonts are given, none of its words stay.
    forgetInlines();
    await render(summary, loadResources());
    expect(keptInlines()).toBeGreaterThan(0);
    await render(tokyo, later);
    expect(keptInlines()).toBe(alone);
  });
});
