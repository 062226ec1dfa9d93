import { z } from 'zod';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../core/paths.js';
import { DIGIT_STYLES } from '../text/digits.js';
import { loadYaml } from '../core/yaml.js';
import { didYouMean } from '../core/suggest.js';
import { locate } from '../core/positions.js';
import { Failure, formatPath, type Problem } from '../core/problem.js';
import { PAPER, type Paper } from '../document/paper.js';

const Pt = z.number().positive().max(200);
const Color = z.string().regex(/^#[0-9A-Fa-f]{6}$/, { error: '色は #RRGGBB で書いてください。' });

// One family, or a list: a character the first lacks is drawn by the next that has it.
const Fonts = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).meta({
  description: '書体の名前（fonts/fonts.yaml）。リストにすると、先頭の書体にない字を次の書体で描く',
});

const Line = z.number().min(0).max(20);
const Side = z.enum(['after', 'before']);
/** [上下, 左右] */
const Padding = z.tuple([Line, Line]);

// Keys added after the first theme have defaults, so that an office's older theme file stays valid.
export const Theme = z.strictObject({
  fonts: z.strictObject({ body: Fonts, heading: Fonts }),
  page: z.strictObject({
    size: z.enum(Object.keys(PAPER) as [Paper, ...Paper[]]).default('A4').meta({ description: '用紙（向きは文書ごとにテンプレートが決める）' }),
    margins: z.tuple([Pt, Pt, Pt, Pt]),
  }),
  sizes: z.strictObject({
    title: Pt, heading1: Pt, heading2: Pt, heading3: Pt, body: Pt, note: Pt,
    minBody: Pt.meta({ description: '一枚に収めるために縮める本文の下限' }),
    pageNumber: Pt.default(9),
    mark: Pt.default(11).meta({ description: '右上の「案」の字の大きさ' }),
    watermark: Pt.max(400).default(160).meta({ description: '見本の透かしの字の大きさ' }),
    qr: Pt.default(62).meta({ description: 'QR コードの一辺' }),
  }),
  band: z.strictObject({
    bar: Line.meta({ description: '見出し１の帯の左の縦線の太さ' }),
    padding: Padding,
  }).default({ bar: 3.5, padding: [1.5, 5] }),
  border: z.strictObject({
    width: Line.meta({ description: '枠と表の線の太さ' }),
    padding: Padding.meta({ description: '枠と表のセルの内側の余白 [上下, 左右]' }),
  }).default({ width: 0.75, padding: [3, 5] }),
  columnGap: Line.default(8).meta({ description: '三列の間のすき間' }),
  watermarkOpacity: z.number().min(0).max(1).default(0.18),
  lineHeight: z.number().min(1).max(3),
  colors: z.strictObject({
    text: Color, accent: Color, band: Color, border: Color, columnHead: Color, mark: Color, watermark: Color,
  }),
  digits: z.enum(DIGIT_STYLES as [string, ...string[]]).meta({ description: '計算で作る数字（年度・見出し番号）の全角・半角' }),
  marks: z.strictObject({
    draft: z.string().min(1).meta({ description: '案の計画の右上の印' }),
    sample: z.string().min(1).meta({ description: '見本の透かしの文字' }),
    pageNumber: z.string().includes('%1').meta({ description: 'ページ番号の書式（%1 が番号）' }),
  }).default({ draft: '案', sample: '見本', pageNumber: '- %1 -' }).meta({ description: '描く側が付ける印の文言' }),
  comparison: z.strictObject({
    order: z.tuple([Side, Side]).refine(([a, b]) => a !== b, { error: 'after と before を一つずつ書いてください。' })
      .meta({ description: '新旧対照表の列の並び（左から）。after は改正後、before は改正前' }),
  }).default({ order: ['after', 'before'] }),
}).refine((t) => t.sizes.minBody <= t.sizes.body, { error: 'sizes.minBody は sizes.body 以下にしてください。', path: ['sizes', 'minBody'] });

export type Theme = z.infer<typeof Theme>;

export const THEME_FILE = join(TEMPLATES_DIR, 'theme.yaml');

/**
 * Read and check the theme. Given the families fonts/fonts.yaml lists, a font the theme names but
 * the listing lacks is a mistake of the theme, named by its line (not a missing font file).
 */
export function loadTheme(file = THEME_FILE, families?: readonly string[]): Theme {
  const r = loadYaml(file, Theme);
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
  return r.value;
}
