import { z } from 'zod';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../paths.js';
import { DIGIT_STYLES } from '../text/digits.js';
import { loadYaml } from '../plan/load.js';
import { Failure } from '../diagnostics/problem.js';

const Pt = z.number().positive().max(200);
const Color = z.string().regex(/^#[0-9A-Fa-f]{6}$/, { error: '色は #RRGGBB で書いてください。' });

// One family, or a list: a character the first lacks is drawn by the next that has it.
const Fonts = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).meta({
  description: '書体の名前（fonts/fonts.yaml）。リストにすると、先頭の書体にない字を次の書体で描く',
});

export const Theme = z.strictObject({
  fonts: z.strictObject({ body: Fonts, heading: Fonts }),
  page: z.strictObject({ margins: z.tuple([Pt, Pt, Pt, Pt]) }),
  sizes: z.strictObject({
    title: Pt, heading1: Pt, heading2: Pt, heading3: Pt, body: Pt, note: Pt,
    minBody: Pt.meta({ description: '一枚に収めるために縮める本文の下限' }),
  }),
  lineHeight: z.number().min(1).max(3),
  colors: z.strictObject({
    text: Color, accent: Color, band: Color, border: Color, columnHead: Color, mark: Color, watermark: Color,
  }),
  digits: z.enum(DIGIT_STYLES as [string, ...string[]]).meta({ description: '計算で作る数字（年度・見出し番号）の全角・半角' }),
}).refine((t) => t.sizes.minBody <= t.sizes.body, { error: 'sizes.minBody は sizes.body 以下にしてください。', path: ['sizes', 'minBody'] });

export type Theme = z.infer<typeof Theme>;

export const THEME_FILE = join(TEMPLATES_DIR, 'theme.yaml');

export function loadTheme(file = THEME_FILE): Theme {
  const r = loadYaml(file, Theme);
  if (!r.value) throw new Failure(r.problems, 1);
  return r.value;
}
