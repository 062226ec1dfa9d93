import * as z from 'zod';
import { dirname, join, resolve } from 'node:path';
import { confine, projectFile } from '../core/confine.js';
import { TEMPLATES_DIR } from '../core/paths.js';
import type { DigitStyle } from '../text/digits.js';
import { loadYaml, type Loaded } from '../core/yaml.js';
import { didYouMean } from '../core/suggest.js';
import { locate } from '../core/positions.js';
import { Failure, formatPath, type Problem } from '../core/problem.js';
import { PAPER, type Paper } from '../document/paper.js';
import { describedEnum } from '../core/schema.js';

const Pt = z.number().positive().max(200);
const Color = z.string().regex(/^#[0-9A-Fa-f]{6}$/, { error: '色は #RRGGBB（16進数の6桁、例: #1F3864）で書いてください。' });

/** A size in points, with what it sizes. */
const size = (title: string, description: string) => Pt.meta({ title, description: `${description}（pt。1pt = 1/72 インチ）` });
const color = (title: string, description: string) => Color.meta({ title, description: `${description}（#RRGGBB）` });

// One family, or a list: a character the first lacks is drawn by the next that has it.
const Fonts = (title: string) => z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).meta({
  title,
  description: '書体の名前（fonts/fonts.yaml にあるもの、例: BIZ UDPGothic）。リストにすると、先頭の書体にない字を次の書体で描く',
});

const Line = z.number().min(0).max(20);
const Side = describedEnum({ after: '改正後', before: '改正前' }, { title: '列', description: 'after は改正後、before は改正前' });

const DIGITS: Record<DigitStyle, string> = {
  'single-fullwidth': '一桁は全角、二桁以上は半角（令和５年度、令和10年度）',
  fullwidth: 'すべて全角',
  halfwidth: 'すべて半角',
};
/** [上下, 左右] */
const Padding = (title: string, description: string) => z.tuple([Line, Line]).meta({ title, description: `${description} [上下, 左右]（pt）` });

// Keys added after the first theme have defaults, so that an office's older theme file stays valid.
export const Theme = z.strictObject({
  fonts: z.strictObject({ body: Fonts('本文の書体'), heading: Fonts('見出しの書体') })
    .meta({ title: '書体', description: '本文と見出しの書体（fonts/fonts.yaml の名前）' }),
  page: z.strictObject({
    size: z.enum(Object.keys(PAPER) as [Paper, ...Paper[]]).default('A4')
      .meta({ title: '用紙', description: '用紙の大きさ（B4・B5 は JIS）。縦横は文書ごとにテンプレートが決める（概要は横、都道府県等版は縦）' }),
    margins: z.tuple([Pt, Pt, Pt, Pt]).meta({ title: '余白', description: '上・右・下・左の余白（pt）' }),
  }).meta({ title: '用紙と余白', description: '用紙の大きさと余白' }),
  sizes: z.strictObject({
    title: size('表題の大きさ', '文書の表題の字の大きさ'),
    heading1: size('見出し１の大きさ', '帯の付いた大見出しの字の大きさ'),
    heading2: size('見出し２の大きさ', '枠と列の見出しの字の大きさ'),
    heading3: size('見出し３の大きさ', '小見出しの字の大きさ'),
    body: size('本文の大きさ', '本文の字の大きさ'),
    note: size('注の大きさ', '注記の字の大きさ'),
    minBody: size('本文の下限', '一枚に収めるために縮める本文の字の大きさの下限。これより小さくはしない'),
    maxBody: size('本文の上限', '短い文書がページの途中で終わらないよう、本文を大きくするときの上限。書かなければ本文の大きさのまま').optional(),
    pageNumber: size('ページ番号の大きさ', 'ページ番号の字の大きさ').default(9),
    mark: size('案マークの大きさ', '右上の「案」の字の大きさ').default(11),
    watermark: size('透かしの大きさ', '「見本」の透かしの字の大きさ').max(400).default(160),
    qr: size('QRコードの大きさ', 'QRコードの一辺').default(62),
  }).meta({ title: '文字の大きさ', description: '表題・見出し・本文などの字の大きさ（pt）' }),
  band: z.strictObject({
    bar: Line.meta({ title: '帯の縦線', description: '見出し１の帯の左の縦線の太さ（pt）' }),
    padding: Padding('帯の余白', '見出し１の帯の内側の余白'),
  }).default({ bar: 3.5, padding: [1.5, 5] }).meta({ title: '見出しの帯', description: '見出し１の帯の縦線と余白' }),
  border: z.strictObject({
    width: Line.meta({ title: '線の太さ', description: '枠と表の線の太さ（pt）' }),
    padding: Padding('セルの余白', '枠と表のセルの内側の余白'),
  }).default({ width: 0.75, padding: [3, 5.75] }).meta({ title: '枠と表の線', description: '枠（位置づけの箱）と表の線の太さと余白' }),
  columnGap: Line.default(8).meta({ title: '列の間', description: '三列（国・都道府県等・中小機構）の間のすき間（pt）' }),
  watermarkOpacity: z.number().min(0).max(1).default(0.18).meta({ title: '透かしの濃さ', description: '「見本」の透かしの濃さ（0 は透明、1 は不透明）' }),
  lineHeight: z.number().min(1).max(3).meta({ title: '行の高さ', description: '行送り（字の大きさの何倍か、例: 1.3）。ページに合わせるとき、これより詰めない' }),
  maxLineHeight: z.number().min(1).max(3).optional()
    .meta({ title: '行の高さの上限', description: '短い文書がページの途中で終わらないよう、行送りを広げるときの上限（字の大きさの何倍か、例: 1.7）。書かなければ広げない' }),
  justify: z.boolean().default(true)
    .meta({ title: '両端揃え', description: '段落の行を両端でそろえる（最後の行は左寄せ）。false なら左寄せ' }),
  maxSpread: z.number().min(0).max(1).default(0.25)
    .meta({ title: '字間を広げる上限', description: '両端揃えで行の字間を広げるときの上限（字の大きさの何倍か、例: 0.25）。字間を詰めることはしない。最後の行を短くしないために前の行を早く終えるのも、この範囲で' }),
  colors: z.strictObject({
    text: color('文字の色', '本文の字の色'),
    accent: color('強調の色', '枠と列の見出し、箇条書きの記号の色'),
    band: color('帯の色', '見出し１の帯の地の色'),
    border: color('線の色', '枠と表の線の色'),
    columnHead: color('列見出しの地の色', '三列と表の見出しの地の色'),
    mark: color('案マークの色', '右上の「案」の色'),
    watermark: color('透かしの色', '「見本」の透かしの色'),
  }).meta({ title: '色', description: '文字・線・帯・印の色（#RRGGBB）' }),
  digits: describedEnum(DIGITS, { title: '数字の全角・半角', description: '計算で作る数字（年度・見出し番号）の書き方。計画の文言の数字は書き換えない' }),
  marks: z.strictObject({
    draft: z.string().min(1).meta({ title: '案マーク', description: '案の計画の右上の印の文字（例: 案）' }),
    sample: z.string().min(1).meta({ title: '透かしの文字', description: '見本の透かしの文字（例: 見本）' }),
    pageNumber: z.string().includes('%1', { error: 'ページ番号の書式には、番号の入る所に %1 を書いてください（例: - %1 -）。' }).meta({ title: 'ページ番号の書式', description: 'ページ番号の書式。%1 が番号になる（例: - %1 -）' }),
  }).default({ draft: '案', sample: '見本', pageNumber: '- %1 -' }).meta({ title: '印の文言', description: '描く側が付ける印の文言（案・見本・ページ番号）' }),
  comparison: z.strictObject({
    order: z.tuple([Side, Side]).refine(([a, b]) => a !== b, { error: 'after と before を一つずつ書いてください。' })
      .meta({ title: '列の並び', description: '新旧対照表の列の並び（左から）。after は改正後、before は改正前' }),
  }).default({ order: ['after', 'before'] }).meta({ title: '新旧対照表', description: '新旧対照表の設定' }),
})
  .refine((t) => t.sizes.minBody <= t.sizes.body, { error: 'sizes.minBody は sizes.body 以下にしてください。', path: ['sizes', 'minBody'] })
  .refine((t) => (t.sizes.maxBody ?? t.sizes.body) >= t.sizes.body, { error: 'sizes.maxBody は sizes.body 以上にしてください。', path: ['sizes', 'maxBody'] })
  .refine((t) => (t.maxLineHeight ?? t.lineHeight) >= t.lineHeight, { error: 'maxLineHeight は lineHeight 以上にしてください。', path: ['maxLineHeight'] });

export type Theme = z.infer<typeof Theme>;

export const THEME_NAME = 'theme.yaml';
export const THEME_FILE = join(TEMPLATES_DIR, THEME_NAME);

/**
 * Read and check the theme. Given the families fonts/fonts.yaml lists, a font the theme names but
 * the listing lacks is a mistake of the theme, named by its line (not a missing font file).
 */
export function loadTheme(file = THEME_FILE, families?: readonly string[]): Theme {
  return loadThemeFile(file, families).theme;
}

/** The theme and the file it was read from, to point into it (at a mark the fonts cannot draw). */
export function loadThemeFile(file = THEME_FILE, families?: readonly string[]): { theme: Theme; loaded: Loaded<Theme> } {
  // The theme lives in templates/: the project is the folder above that.
  const away = confine(dirname(dirname(resolve(file))), file, projectFile('theme'));
  if (away) throw new Failure([away]);
  const r = loadYaml(file, Theme, 'theme');
  if (!r.value) throw new Failure(r.problems);
  const problems: Problem[] = [];
  for (const style of ['body', 'heading'] as const) {
    const setting = r.value.fonts[style];
    const names = typeof setting === 'string' ? [setting] : setting;
    names.forEach((name, i) => {
      if (!families || families.includes(name)) return;
      const path = typeof setting === 'string' ? ['fonts', style] : ['fonts', style, i];
      const at = r.doc && r.lineCounter ? locate(r.doc, r.lineCounter, path) : undefined;
      const suggestion = didYouMean(name, families);
      problems.push({
        severity: 'error', code: 'theme/unknown-font', file, source: r.source, path: formatPath(path), place: at?.place,
        message: `書体「${name}」は fonts/fonts.yaml にありません。${suggestion ? `「${suggestion}」の誤りではありませんか。` : ''}`,
        expected: families.join('、'),
        ...(suggestion ? { suggestion } : {}),
      });
    });
  }
  if (problems.length) throw new Failure(problems);
  return { theme: r.value, loaded: r as Loaded<Theme> };
}

/**
 * The texts of the theme that documents draw, by their place in the file: the marks, the page
 * number with its digits standing for %1 (digits are in every font the theme may name).
 */
export const drawnByTheme = (theme: Theme) => ({
  marks: { draft: theme.marks.draft, sample: theme.marks.sample, pageNumber: theme.marks.pageNumber.replaceAll('%1', '1') },
});
