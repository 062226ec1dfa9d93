import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildReport } from '../src/pipeline/build.js';
import { fontChains, FontChain } from '../src/fonts/chain.js';
import { FontRegistry } from '../src/fonts/registry.js';
import { loadTheme } from '../src/theme/theme.js';
import { context, docxPart, pdfText, run, tempDir } from './helpers.js';

// Rare characters in names: a character the main font lacks is drawn by the next font of the
// style's chain (IPAmj明朝), per character, in the PDF and in Word; only a character that no font
// of the chain has stops the build.

const YOSHI = '𠮷'; // U+20BB7: not in BIZ UDPGothic, in IPAmj明朝
const KUZU_MJ = '葛\u{E0102}'; // an ideographic variation sequence that only IPAmj明朝 registers
const KUZU = '葛\u{E0100}'; // a sequence BIZ UDPGothic registers itself
const NOWHERE = '\u{30000}'; // CJK Extension G: in no font of the chain

describe('the fallback chain', () => {
  const chain = () => fontChains(FontRegistry.load(), loadTheme()).body;

  it('is the theme’s: BIZ UDPGothic, then IPAmjMincho', () => {
    expect(chain().names).toEqual(['BIZ UDPGothic', 'IPAmjMincho']);
  });

  it('gives each character to the first font that has it, variation sequences whole', () => {
    const segs = chain().segments(`見本${YOSHI}野${KUZU}飾${KUZU_MJ}区`).map((s) => [s.text, s.family.name]);
    expect(segs).toEqual([
      ['見本', 'BIZ UDPGothic'],
      [YOSHI, 'IPAmjMincho'],
      [`野${KUZU}飾`, 'BIZ UDPGothic'],
      [KUZU_MJ, 'IPAmjMincho'],
      ['区', 'BIZ UDPGothic'],
    ]);
  });

  it('reports only what no font of the chain has, with its code points', () => {
    expect(chain().missing(`${YOSHI}${KUZU_MJ}あ${NOWHERE}`)).toEqual([{ char: NOWHERE, codePoint: 'U+30000', index: 6 }]);
    // A base character the fonts have, with a selector none registers: the intended form cannot be shown.
    expect(chain().missing('あ\u{E0100}')).toEqual([{ char: 'あ\u{E0100}', codePoint: 'U+3042 U+E0100', index: 0 }]);
  });

  it('without fallbacks, reports what the main font lacks', () => {
    const registry = FontRegistry.load();
    const alone = new FontChain([registry.family('BIZ UDPGothic')]);
    expect(alone.missing(`吉${YOSHI}`).map((m) => m.codePoint)).toEqual(['U+20BB7']);
  });

  it('hands the fallback font to the PDF only when a character needs it, and never parses it to check', () => {
    const registry = FontRegistry.load();
    const c = fontChains(registry, loadTheme()).body;
    const mj = registry.family('IPAmjMincho').regular;
    c.segments('中小企業支援計画（令和５年度）');
    expect(mj.used).toBe(false);
    c.segments(YOSHI);
    expect(mj.used).toBe(true);
    // Its coverage came from the cache (fonts/cache.ts) or, the first time, from the file once.
    c.segments(KUZU_MJ);
    const again = FontRegistry.load();
    fontChains(again, loadTheme()).body.segments(`${YOSHI}${KUZU_MJ}`);
    expect(again.family('IPAmjMincho').regular.loaded).toBe(false);
  });
});

describe('a handout with rare characters in a name', () => {
  let out: string;
  let report: BuildReport;
  let plans: string;

  beforeAll(async () => {
    plans = tempDir();
    cpSync('plans', plans, { recursive: true });
    const file = join(plans, 'r5', 'jurisdictions', '13-tokyo.yaml');
    const yaml = readFileSync(file, 'utf8');
    expect(yaml).toContain('見本よろず支援拠点（架空）');
    writeFileSync(file, yaml.replace('見本よろず支援拠点（架空）', `見本よろず支援拠点${YOSHI}野${KUZU_MJ}飾（架空）`));
    out = tempDir();
    report = await build({ planDir: join(plans, 'r5'), outDir: out, jurisdictions: ['13', '01'], workers: 1 }, context);
  });

  it('is made', () => {
    expect(report.problems).toEqual([]);
    expect(report.documents.flatMap((d) => d.problems)).toEqual([]);
  });

  it('embeds the fallback font as a subset with a ToUnicode map (pdffonts)', () => {
    const fonts = run('pdffonts', [join(out, 'handouts', '13-tokyo.pdf')]);
    const ipamj = fonts.split('\n').find((l) => l.includes('IPAmjMincho'));
    expect(ipamj).toBeDefined();
    // emb, sub, uni
    expect(ipamj).toMatch(/^[A-Z]{6}\+IPAmjMincho\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('gives the characters back when text is extracted (pdftotext, pdf.js)', async () => {
    const pdf = join(out, 'handouts', '13-tokyo.pdf');
    const name = `見本よろず支援拠点${YOSHI}野${KUZU_MJ}飾（架空）`;
    expect(run('pdftotext', ['-layout', pdf, '-'])).toContain(name);
    // pdf.js takes a glyph whose text ends in a variation selector for zero-width and puts a space
    // after it (its own reading: the PDF gives the glyph its full width, as poppler shows).
    expect((await pdfText(readFileSync(pdf))).text.replace(/ /g, '')).toContain(name);
  });

  it('names the fallback font for exactly those characters in Word', async () => {
    const xml = await docxPart(readFileSync(join(out, 'handouts', '13-tokyo.docx')));
    const runs = [...xml.matchAll(/<w:r>\n((?:(?!<\/w:r>)[\s\S])*)<\/w:r>/g)].map((m) => m[1]);
    const fallback = runs.filter((r) => r.includes('w:eastAsia="IPAmjMincho"'));
    expect(fallback.map((r) => /<w:t[^>]*>([^<]*)<\/w:t>/.exec(r)?.[1])).toEqual([YOSHI, KUZU_MJ]);
    for (const r of fallback) for (const slot of ['ascii', 'hAnsi', 'eastAsia', 'cs']) expect(r).toContain(`w:${slot}="IPAmjMincho"`);
  });

  it('leaves documents without such characters untouched by the fallback font', () => {
    const fonts = run('pdffonts', [join(out, 'handouts', '01-hokkaido.pdf')]);
    expect(fonts).toContain('BIZUDPGothic-Regular');
    expect(fonts).not.toContain('IPAmjMincho');
  });
});

describe('a character that no font of the chain has', () => {
  it('stops that handout, naming file:line:column, the character and the fonts tried', async () => {
    const plans = tempDir();
    cpSync('plans', plans, { recursive: true });
    const file = join(plans, 'r5', 'jurisdictions', '13-tokyo.yaml');
    const yaml = readFileSync(file, 'utf8');
    writeFileSync(file, yaml.replace('見本よろず支援拠点（架空）', `見本よろず支援拠点${NOWHERE}（架空）`));
    const line = yaml.split('\n').findIndex((l) => l.includes('見本よろず支援拠点（架空）')) + 1;
    const out = tempDir();
    const report = await build({ planDir: join(plans, 'r5'), outDir: out, jurisdictions: ['13'], workers: 1 }, context);
    const problems = [...report.problems, ...report.documents.flatMap((d) => d.problems)];
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'font/missing-glyph', file: file, place: { line } });
    expect(problems[0].message).toContain('「\u{30000}」（U+30000）');
    expect(problems[0].message).toContain('「BIZ UDPGothic」、「IPAmjMincho」');
  });
});
