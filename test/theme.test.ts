import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadTheme, THEME_FILE, type Theme } from '../src/theme/theme.js';
import { Failure } from '../src/core/problem.js';
import { context, docxPart, documentOf, pdfText, renderBoth, tempDir } from './helpers.js';

// The look lives in templates/theme.yaml: an office changes it there, and both formats follow.

const write = (text: string) => {
  const file = join(tempDir(), 'theme.yaml');
  writeFileSync(file, text);
  return file;
};

describe('the theme file', () => {
  it('is valid as shipped', () => {
    expect(loadTheme().page.size).toBe('A4');
  });

  it('keeps an older file valid: keys added later take their defaults', () => {
    // The first theme had no paper size, band, border, gap, opacity, mark sizes, justification, its
    // spread bound or bounds for a short document to grow to.
    const old = parse(readFileSync(THEME_FILE, 'utf8'));
    delete old.page.size;
    for (const k of ['band', 'border', 'columnGap', 'watermarkOpacity', 'justify', 'maxLineHeight', 'maxSpread']) delete old[k];
    for (const k of ['pageNumber', 'mark', 'watermark', 'qr', 'maxBody']) delete old.sizes[k];
    expect(Object.keys(old).sort()).toEqual(['colors', 'digits', 'fonts', 'lineHeight', 'page', 'sizes']);
    const t = loadTheme(write(stringify(old)));
    // The bounds absent, a document keeps the theme's body size and leading (it does not grow).
    const current = loadTheme();
    expect(t.sizes.maxBody).toBeUndefined();
    expect(t.maxLineHeight).toBeUndefined();
    delete current.sizes.maxBody;
    delete current.maxLineHeight;
    expect(t).toEqual(current);
  });

  it('names file, line and field of a wrong value', () => {
    const file = write(readFileSync(THEME_FILE, 'utf8').replace('size: A4', 'size: A6'));
    let problems: Failure['problems'] = [];
    try {
      loadTheme(file);
    } catch (e) {
      problems = (e as Failure).problems;
    }
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('size: A6')) + 1;
    expect(problems.map((p) => [p.path, p.place?.line])).toEqual([['page.size', line]]);
  });
});

describe('a mistake in the theme', () => {
  const problemsOf = (file: string) => {
    try {
      loadTheme(file);
    } catch (e) {
      return (e as Failure).problems;
    }
    return [];
  };

  it('is a theme/… problem in the theme’s words: the setting’s name, its range and its unit', () => {
    const text = readFileSync(THEME_FILE, 'utf8');
    const body = /^  body: \d+(\.\d+)?$/m.exec(text)![0];
    const file = write(text.replace(body, '  body: 0').replace(/^columnGap: .*$/m, 'columnGap: -1').replace(/^  band: .*$/m, '  band: "#12345"'));
    const problems = problemsOf(file);
    expect(problems.map((p) => p.code).every((c) => c.startsWith('theme/')), JSON.stringify(problems.map((p) => p.code))).toBe(true);
    expect(problems.find((p) => p.path === 'sizes.body')).toMatchObject({
      code: 'theme/out-of-range',
      message: '「本文の大きさ」（sizes.body）は 0 より大きく 200 以下の数にしてください。',
      hint: '本文の字の大きさ（pt。1pt = 1/72 インチ）',
      found: '数値 0',
    });
    expect(problems.find((p) => p.path === 'columnGap')?.message).toBe('「列の間」（columnGap）は 0 以上 20 以下の数にしてください。');
    expect(problems.find((p) => p.path === 'colors.band')).toMatchObject({ code: 'theme/invalid-format', message: '色は #RRGGBB（16進数の6桁、例: #1F3864）で書いてください。' });
    // Zod's generic words are never what the user reads.
    for (const p of problems) expect(p.message).not.toMatch(/number|Too small|より大きい必要/);
    expect(problemsOf(write(text.replace(/^digits: .*$/m, 'digits: wide')))).toMatchObject([{ code: 'theme/invalid-value', path: 'digits' }]);
    expect(problemsOf(write(text + 'extra: 1\n'))).toMatchObject([{ code: 'theme/unknown-key', path: 'extra' }]);
  });
});

describe('a font the theme names', () => {
  it('must be listed in fonts/fonts.yaml: else the theme’s line is named, with a did-you-mean', () => {
    const file = write(readFileSync(THEME_FILE, 'utf8').replace('body: [BIZ UDPGothic, IPAmjMincho]', 'body: [BIZ UDPGothic, IPAmj Mincho]'));
    let problems: Failure['problems'] = [];
    try {
      loadTheme(file, ['BIZ UDPGothic', 'IPAmjMincho']);
    } catch (e) {
      problems = (e as Failure).problems;
    }
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('IPAmj Mincho')) + 1;
    expect(problems).toMatchObject([{ code: 'theme/unknown-font', path: 'fonts.body[1]', place: { line, column: 25 }, suggestion: 'IPAmjMincho' }]);
    expect(loadTheme(THEME_FILE, ['BIZ UDPGothic', 'IPAmjMincho']).fonts.body).toEqual(['BIZ UDPGothic', 'IPAmjMincho']);
  });
});

describe('a changed theme changes both formats', () => {
  it('puts the summary on B4 landscape paper in PDF and Word', async () => {
    const theme: Theme = { ...context().theme, page: { ...context().theme.page, size: 'B4' } };
    const { pdf, docx } = await renderBoth(documentOf('plans/r5'), theme);
    expect((await pdfText(pdf)).size).toEqual([1032, 729]);
    const xml = await docxPart(docx);
    expect(xml).toMatch(/<w:pgSz w:w="20636" w:h="14570" w:orient="landscape"\/>/);
  });
});
