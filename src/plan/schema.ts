import * as z from 'zod';
import { describedEnum } from '../core/schema.js';
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
  .meta({ title: '文言', description: '一行の文言（改行・制御文字なし、前後に空白なし）' });

/** The terms published data may be used under; 政府標準利用規約（第2.0版） is compatible with CC BY 4.0. */
export const LICENSES = {
  'gov-standard': { title: '政府標準利用規約（第2.0版）', path: 'https://www.digital.go.jp/resources/open_data' },
  'cc-by-4.0': { title: 'クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）', name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/legalcode.ja' },
} as const;

export type LicenseId = keyof typeof LICENSES;

export const Id = z
  .string()
  .max(60)
  .regex(/^[a-z][a-z0-9-]*$/, { error: 'id は半角英小文字・数字・ハイフンで、英字から始めてください。' })
  .meta({ title: '識別子', description: '参照用の識別子（半角英小文字・数字・ハイフン、英字から始める）' });

/** One sentence of a bulleted list: the bullet itself is the template's. */
const Bullet = Text.meta({ title: '箇条書きの一文', description: '公表された文言をそのまま一文で。先頭の記号（・や⚫）は書かない（テンプレートが付ける）' });

export const BulletSection = z.strictObject({
  heading: Text.meta({ title: '見出し', description: '節の見出し（番号や括弧はテンプレートが付ける）' }),
  bullets: listOf(Bullet, LIMITS.items, '箇条書き').min(1, { error: '箇条書きが一つもありません。' })
    .meta({ title: '箇条書き', description: `節の本文の箇条書き（一文ずつ、${LIMITS.items} 個まで）` }),
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
  .meta({ format: 'date', title: '日付', description: '年-月-日（例: 2023-03-31）' });

/** 「diagnosis」の誤りではありませんか。 for a category id that is not the plan's, by its id or its title. */
export function meantCategory(categories: readonly { id: string; title: string }[], id: string): string {
  const meant = suggestNames(id, categories.map((c) => ({ value: c.id, forms: [c.id, c.title] })));
  return meant.length ? `${meant.map((m) => `「${m}」`).join('、')}の誤りではありませんか。` : '';
}

export const Category = z.strictObject({
  id: Id.meta({ title: '事業区分の id', description: '実施主体と都道府県等のファイルが事業区分を指す名前（例: diagnosis）' }),
  title: Text.meta({ title: '事業区分の名称', description: '法が定める事業の名称（例: 経営の診断又は経営に関する助言を行う事業）' }),
}).meta({ title: '法の事業区分', description: '中小企業支援法が定める事業の一つ: id と名称' });

/**
 * A reference to one of act.categories. The editors' schema lists the default plan's categories
 * here (check/json-schema.ts), which the plan's own schema cannot: the plan defines them.
 */
export const CategoryRef = Id.meta({ title: '事業区分', description: 'この事業が属する法の事業区分: act.categories の id（例: diagnosis）' });

/** A programme's name, as the plan lists it under its category. */
export const Programme = Text.meta({ title: '事業', description: '事業の名称（例: 事業承継総合支援事業）' });

export const ProgrammeGroup = z.strictObject({
  category: CategoryRef,
  items: listOf(Programme, LIMITS.programmes, '事業').min(1, { error: '事業が一つもありません。' })
    .meta({ title: '事業', description: `この事業区分の事業の名称（${LIMITS.programmes} 個まで）` }),
  etc: z.boolean().default(false).meta({ title: '「等」を付ける', description: 'true なら事業の並びの末尾に「 等」を付ける' }),
}).meta({ title: '事業区分ごとの事業', description: '一つの事業区分と、その事業の名称' });

export const Budget = z.strictObject({
  heading: Text.meta({ title: '見出し', description: '年度の後に続く見出し（例: 予算等に基づく中小企業支援事業）' }),
  pillars: listOf(Text.meta({ title: '柱', description: '予算の柱の一つ（番号はテンプレートが付ける）' }), LIMITS.items, '柱').min(1, { error: '柱が一つもありません。' })
    .meta({ title: '柱', description: `予算等に基づく事業の柱（番号付きの一覧になる、${LIMITS.items} 個まで）` }),
}).meta({ title: '予算等に基づく事業', description: 'この実施主体の列の末尾に載る、予算等に基づく事業の見出しと柱' });

export const Implementer = z.strictObject({
  id: Id.meta({ title: '実施主体の id', description: '実施主体を指す名前（例: national）' }),
  name: Text.meta({ title: '実施主体の名称', description: '列の見出しになる名称（例: 国）' }),
  bullets: listOf(Bullet, LIMITS.items, '箇条書き').min(1, { error: '箇条書きが一つもありません。' })
    .meta({ title: '取組', description: 'この実施主体の取組（一文ずつ）' }),
  programmes: listOf(ProgrammeGroup, LIMITS.items, '事業区分')
    .meta({ title: '事業区分ごとの事業', description: '法の事業区分ごとの、この実施主体の事業' }),
  budget: Budget.optional(),
  local: z.boolean().default(false).meta({ title: '都道府県等の列', description: 'true なら都道府県等の列: 各都道府県等版には、ここに都道府県等自身の事業が載る（一つの実施主体だけ）' }),
}).meta({ title: '実施主体', description: '概要の三列の一つ（国・都道府県等・中小機構）: 名称、取組、事業' });

export const Plan = z
  .strictObject({
    fiscalYear: z
      .int({ error: '年度は西暦の整数で書いてください（例: 2023）。' })
      .min(1926, { error: '年度は 1926 から 2200 までの西暦で書いてください（例: 2023）。' })
      .max(2200, { error: '年度は 1926 から 2200 までの西暦で書いてください（例: 2023）。' })
      .meta({ title: '年度', description: '会計年度（西暦の整数、例: 2023）。「令和５年度」などの和暦はここから作る' }),
    status: describedEnum({ draft: '案: 表題に「（案）」、右上に案マーク', final: '確定: 印なし' }, {
      title: '案か確定か',
      description: 'draft なら表題に「（案）」を付け、右上に案マークを入れる。final は確定した計画',
    }),
    sample: z.boolean().default(false).meta({ title: '見本', description: 'true なら架空の見本データとして、すべての文書に「見本」の透かしを入れる' }),
    issuer: Text.meta({ title: '発行者', description: '計画を出す組織（例: 中小企業庁）。PDF と Word の作成者になる' }),
    published: IsoDate.optional().meta({ title: '公表日', description: '公表（予定）の日（例: 2023-03-31）。PDF と Word の作成日時になる。まだ決まっていなければ書かない（文書の日付は年度の初日。validate --release が書くように求める）' }),
    title: Text.meta({ title: '表題', description: '概要の表題（例: 中小企業支援計画の概要）。年度と「（案）」はテンプレートが付ける' }),
    positioning: BulletSection.meta({ title: '位置づけ', description: '計画の位置づけ: 見出しと箇条書き（概要の上の枠に入る）' }),
    basicPolicy: BulletSection.meta({ title: '基本方針', description: '支援に関する基本方針: 見出しと箇条書き' }),
    supportProjects: z.strictObject({
      heading: Text.meta({ title: '見出し', description: '三列の上の見出し（例: 中小企業支援事業）' }),
    }).meta({ title: '支援事業', description: '中小企業支援事業の節（三列の実施主体）の見出し' }),
    act: z.strictObject({
      heading: Text.meta({ title: '見出し', description: '法の事業区分の見出し（例: 中小企業支援法第３条第１項に定義する中小企業支援事業）' }),
      categories: listOf(Category, LIMITS.items, '法の事業区分').min(1, { error: '法の事業区分が一つもありません。' })
        .meta({ title: '法の事業区分', description: '法が定める事業の区分（id と名称）。実施主体と都道府県等のファイルは id で指す' }),
    }).meta({ title: '法の事業', description: '中小企業支援法が定める事業: 見出しと事業区分' }),
    implementers: listOf(Implementer, LIMITS.items, '実施主体').min(1, { error: '実施主体が一つもありません。' })
      .meta({ title: '実施主体', description: '概要の三列（国・都道府県等・中小機構）。並びは法と本文が挙げる順' }),
    license: describedEnum({ 'gov-standard': LICENSES['gov-standard'].title, 'cc-by-4.0': LICENSES['cc-by-4.0'].title }, {
      title: '利用規約',
      description: '公表するデータと文書の利用規約（shien publish の一覧ページと datapackage.json に書く）。gov-standard は政府標準利用規約（第2.0版）、cc-by-4.0 は CC BY 4.0',
    }).default('gov-standard'),
    jurisdictions: z.string().min(1).max(LIMITS.text).optional()
      .meta({ title: '都道府県等の一覧', description: '都道府県等の一覧のファイル（この plan.yaml からの相対パス、例: ../jurisdictions.yaml）。書けば都道府県等版を作る' }),
    survey: z
      .strictObject({
        deadline: IsoDate.optional().meta({ title: '回答期限', description: '都道府県等が調査票を返す期限（例: 2023-05-31）' }),
        contact: listOf(Text, LIMITS.items, '問合せ先').min(1).optional()
          .meta({ title: '問合せ先', description: '調査票についての問合せ先（担当課・電話・メールなど、一行ずつ）' }),
      })
      .optional()
      .meta({ title: '調査票', description: '都道府県等への調査票（shien survey export）の「記入方法」に載せること' }),
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

/**
 * The date a plan's documents carry: its publication date, or while that is not yet set (a new
 * year's plan from `shien init-year`), the first day of its fiscal year — never the clock.
 */
export const documentDate = (plan: Pick<Plan, 'published' | 'fiscalYear'>): string => plan.published ?? `${plan.fiscalYear}-04-01`;
