import { z } from 'zod';

// The one description of a plan: TypeScript types, validation and the JSON Schema
// that editors use (`shien schema`) all come from here.

/** A sentence or a name: one line, nothing invisible, no padding. */
export const Text = z
  .string()
  .min(1, { error: '空の文字列です。文言を書いてください。' })
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
  .regex(/^[a-z][a-z0-9-]*$/, { error: 'id は半角英小文字・数字・ハイフンで、英字から始めてください。' })
  .meta({ description: '参照用の識別子（半角英小文字・数字・ハイフン）' });

export const BulletSection = z.strictObject({
  heading: Text,
  bullets: z.array(Text).min(1, { error: '箇条書きが一つもありません。' }),
});

export const Category = z.strictObject({
  id: Id,
  title: Text.meta({ description: '法が定める事業の名称' }),
});

export const ProgrammeGroup = z.strictObject({
  category: Id.meta({ description: 'act.categories の id' }),
  items: z.array(Text).min(1, { error: '事業が一つもありません。' }),
  etc: z.boolean().default(false).meta({ description: 'true なら末尾に「 等」を付ける' }),
});

export const Budget = z.strictObject({
  heading: Text.meta({ description: '年度の後に続く見出し（例: 予算等に基づく中小企業支援事業）' }),
  pillars: z.array(Text).min(1, { error: '柱が一つもありません。' }),
});

export const Implementer = z.strictObject({
  id: Id,
  name: Text.meta({ description: '実施主体の名称（例: 国）' }),
  bullets: z.array(Text).min(1, { error: '箇条書きが一つもありません。' }),
  programmes: z.array(ProgrammeGroup),
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
    published: z.iso.date({ error: '日付は 2023-03-31 の形で書いてください。' }),
    title: Text,
    positioning: BulletSection,
    basicPolicy: BulletSection,
    supportProjects: z.strictObject({ heading: Text }),
    act: z.strictObject({
      heading: Text,
      categories: z.array(Category).min(1, { error: '法の事業区分が一つもありません。' }),
    }),
    implementers: z.array(Implementer).min(1, { error: '実施主体が一つもありません。' }),
    jurisdictions: z.string().min(1).optional().meta({ description: '都道府県等の一覧のファイル（この plan.yaml からの相対パス）。書けば都道府県等版を作る' }),
    survey: z
      .strictObject({
        deadline: z.iso.date({ error: '日付は 2023-03-31 の形で書いてください。' }).optional().meta({ description: '回答期限' }),
        contact: z.array(Text).min(1).optional().meta({ description: '問合せ先（担当課・電話・メールなど、一行ずつ）' }),
      })
      .optional()
      .meta({ description: '都道府県等への調査票（shien survey export）の「記入方法」に載せること' }),
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
            message: `事業区分「${g.category}」は act.categories にありません。`,
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
