import { z } from 'zod';
import { suggestNames } from '../core/suggest.js';

// The one description of a plan: TypeScript types, validation and the JSON Schema
// that editors use (`shien schema`) all come from here.

/**
 * Limits that keep every document makeable and every check fast. The longest sentence of the R5
 * summary has 260 characters and its longest list 5 items; a one-page summary has room for little
 * more. Text past these limits is refused at its line, before anything is laid out.
 */
export const LIMITS = { text: 500, items: 12, programmes: 30, jurisdictions: 2000 } as const;

/** A list of at most `max` entries, the limit named in the message. */
export const listOf = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z.array(item).max(max, { error: (iss) => `${what}が多すぎます（${(iss.input as unknown[]).length} 個、上限 ${max} 個）。` });

/** A sentence or a name: one line, nothing invisible, no padding. */
export const Text = z
  .string()
  .min(1, { error: '空の文字列です。文言を書いてください。' })
  .max(LIMITS.text, { error: (iss) => `文が長すぎます（${[...(iss.input as string)].length} 文字、上限 ${LIMITS.text} 文字）。二つ以上の文に分けてください。` })
  .refine((s) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u.test(s), {
    error: '改行・タブ・制御文字が含まれています。一文は一行の文字列で書いてください。',
    params: { code: 'plan/control-char' },
  })
  .refine((s) => s === s.trim() && s === s.replace(/^\u3000+|\u3000+$/gu, ''), {
    error: '文字列の前後に空白があります。',
    params: { code: 'plan/padded-text' },
  })
  .meta({ description: '一行の文言（改行・制御文字なし）' });

export const Id = z
  .string()
  .max(60)
  .regex(/^[a-z][a-z0-9-]*$/, { error: 'id は半角英小文字・数字・ハイフンで、英字から始めてください。' })
  .meta({ description: '参照用の識別子（半角英小文字・数字・ハイフン）' });

export const BulletSection = z.strictObject({
  heading: Text,
  bullets: listOf(Text, LIMITS.items, '箇条書き').min(1, { error: '箇条書きが一つもありません。' }),
});

/** A date that exists: 2023-02-30 has the right form but is no day. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日付は 2023-03-31 の形（年-月-日）で書いてください。' })
  .refine((s) => {
    // The form is the regex's to report.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return true;
    const [y, m, d] = s.split('-').map(Number);
    const date = new Date(Date.UTC(2000, m - 1, d));
    date.setUTCFullYear(y);
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, { error: (iss) => { const [y, m, d] = String(iss.input).split('-').map(Number); return `${y}年${m}月${d}日という日はありません。`; }, params: { code: 'plan/no-such-day' } })
  .meta({ format: 'date' });

/** 「diagnosis」の誤りではありませんか。 for a category id that is not the plan's, by its id or its title. */
export function meantCategory(categories: readonly { id: string; title: string }[], id: string): string {
  const meant = suggestNames(id, categories.map((c) => ({ value: c.id, forms: [c.id, c.title] })));
  return meant.length ? `${meant.map((m) => `「${m}」`).join('、')}の誤りではありませんか。` : '';
}

export const Category = z.strictObject({
  id: Id,
  title: Text.meta({ description: '法が定める事業の名称' }),
});

export const ProgrammeGroup = z.strictObject({
  category: Id.meta({ description: 'act.categories の id' }),
  items: listOf(Text, LIMITS.programmes, '事業').min(1, { error: '事業が一つもありません。' }),
  etc: z.boolean().default(false).meta({ description: 'true なら末尾に「 等」を付ける' }),
});

export const Budget = z.strictObject({
  heading: Text.meta({ description: '年度の後に続く見出し（例: 予算等に基づく中小企業支援事業）' }),
  pillars: listOf(Text, LIMITS.items, '柱').min(1, { error: '柱が一つもありません。' }),
});

export const Implementer = z.strictObject({
  id: Id,
  name: Text.meta({ description: '実施主体の名称（例: 国）' }),
  bullets: listOf(Text, LIMITS.items, '箇条書き').min(1, { error: '箇条書きが一つもありません。' }),
  programmes: listOf(ProgrammeGroup, LIMITS.items, '事業区分'),
  budget: Budget.optional(),
  local: z.boolean().default(false).meta({ description: 'true なら都道府県等の列：各都道府県等版に載せる（一つだけ）' }),
});

export const Plan = z
  .strictObject({
    fiscalYear: z
      .int({ error: '年度は西暦の整数で書いてください（例: 2023）。' })
      .min(1926)
      .max(2200)
      .meta({ description: '会計年度（西暦）。和暦の表記はここから作る。' }),
    status: z.enum(['draft', 'final']).meta({ description: 'draft なら「（案）」と案マークを付ける' }),
    sample: z.boolean().default(false).meta({ description: 'true なら「見本」の透かしを入れる' }),
    issuer: Text.meta({ description: '発行者（PDF の作成者）' }),
    published: IsoDate,
    title: Text,
    positioning: BulletSection,
    basicPolicy: BulletSection,
    supportProjects: z.strictObject({ heading: Text }),
    act: z.strictObject({
      heading: Text,
      categories: listOf(Category, LIMITS.items, '法の事業区分').min(1, { error: '法の事業区分が一つもありません。' }),
    }),
    implementers: listOf(Implementer, LIMITS.items, '実施主体').min(1, { error: '実施主体が一つもありません。' }),
    jurisdictions: z.string().min(1).max(LIMITS.text).optional().meta({ description: '都道府県等の一覧のファイル（この plan.yaml からの相対パス）。書けば都道府県等版を作る' }),
  })
  .superRefine((plan, ctx) => {
    const categoryIds = new Set<string>();
    plan.act.categories.forEach((c, i) => {
      if (categoryIds.has(c.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['act', 'categories', i, 'id'],
          message: `事業区分の id「${c.id}」が重複しています。`,
          params: { code: 'plan/duplicate-id' },
        });
      }
      categoryIds.add(c.id);
    });
    const locals = plan.implementers.flatMap((imp, i) => (imp.local ? [i] : []));
    for (const i of locals.slice(1)) {
      ctx.addIssue({
        code: 'custom',
        path: ['implementers', i, 'local'],
        message: 'local: true（都道府県等の列）は一つだけにしてください。',
        params: { code: 'plan/duplicate-id' },
      });
    }
    if (plan.jurisdictions && locals.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['implementers'],
        message: '都道府県等版を作るには、都道府県等の列に local: true を書いてください。',
        params: { code: 'plan/missing-key' },
      });
    }
    const implementerIds = new Set<string>();
    plan.implementers.forEach((imp, i) => {
      if (implementerIds.has(imp.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['implementers', i, 'id'],
          message: `実施主体の id「${imp.id}」が重複しています。`,
          params: { code: 'plan/duplicate-id' },
        });
      }
      implementerIds.add(imp.id);
      const seen = new Set<string>();
      imp.programmes.forEach((g, j) => {
        const path = ['implementers', i, 'programmes', j, 'category'];
        if (!categoryIds.has(g.category)) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `事業区分「${g.category}」は act.categories にありません。${meantCategory(plan.act.categories, g.category)}`,
            params: { code: 'plan/unknown-reference', expected: [...categoryIds].join('、') },
          });
        } else if (seen.has(g.category)) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `事業区分「${g.category}」が同じ実施主体の中で二度書かれています。`,
            params: { code: 'plan/duplicate-id' },
          });
        }
        seen.add(g.category);
      });
    });
  });

export type Plan = z.infer<typeof Plan>;
export type Implementer = z.infer<typeof Implementer>;
export type Category = z.infer<typeof Category>;
