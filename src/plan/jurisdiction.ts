import { z } from 'zod';
import { Id, LIMITS, listOf, Text, type Plan } from './schema.js';

// The 都道府県等 (47 prefectures and the designated cities) and each one's own part of the plan.

/** 全国地方公共団体コード: five digits and a check digit (JIS X 0402's modulus 11 rule). */
export function checkDigit(first5: string): number {
  const s = [...first5].reduce((acc, d, i) => acc + Number(d) * (6 - i), 0);
  return (11 - (s % 11)) % 10;
}

export const Jurisdiction = z
  .strictObject({
    code: z.string().regex(/^(\d{2}|\d{6})$/, { error: 'code は都道府県なら2桁、指定都市なら6桁の数字を引用符で囲んで書いてください。' }),
    kind: z.enum(['prefecture', 'city']),
    name: Text,
    kana: z.string().max(100).regex(/^[ぁ-ゖー]+$/u, { error: 'kana はひらがなで書いてください。' }),
    slug: z.string().max(100).regex(/^[a-z][a-z0-9-]*$/, { error: 'slug は半角英小文字・数字・ハイフンで書いてください（ファイル名に使う）。' }),
    prefecture: z.string().regex(/^\d{2}$/).optional().meta({ description: '指定都市が属する都道府県のコード' }),
  })
  .superRefine((j, ctx) => {
    const expectLength = j.kind === 'prefecture' ? 2 : 6;
    if (j.code.length !== expectLength) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: `${j.kind === 'prefecture' ? '都道府県' : '指定都市'}の code は ${expectLength} 桁です。`, params: { code: 'plan/invalid-code' } });
    } else if (j.kind === 'city' && checkDigit(j.code.slice(0, 5)) !== Number(j.code[5])) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: `code「${j.code}」の検査数字（6桁目）が合いません（正しくは ${checkDigit(j.code.slice(0, 5))}）。`, params: { code: 'plan/invalid-code' } });
    }
    if (j.kind === 'city' && !j.prefecture) {
      ctx.addIssue({ code: 'custom', path: ['prefecture'], message: '指定都市には prefecture（都道府県のコード）を書いてください。', params: { code: 'plan/missing-key' } });
    }
  });

export const Registry = z
  .strictObject({ jurisdictions: listOf(Jurisdiction, LIMITS.jurisdictions, '都道府県等').min(1) })
  .superRefine((r, ctx) => {
    const seen = { code: new Map<string, number>(), slug: new Map<string, number>(), name: new Map<string, number>() };
    r.jurisdictions.forEach((j, i) => {
      for (const key of ['code', 'slug', 'name'] as const) {
        const first = seen[key].get(j[key]);
        if (first !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['jurisdictions', i, key], message: `${key}「${j[key]}」は ${first + 1} 番目と重複しています。`, params: { code: 'plan/duplicate-id' } });
        } else seen[key].set(j[key], i);
      }
      if (j.prefecture && !r.jurisdictions.some((p) => p.kind === 'prefecture' && p.code === j.prefecture)) {
        ctx.addIssue({ code: 'custom', path: ['jurisdictions', i, 'prefecture'], message: `都道府県のコード「${j.prefecture}」は一覧にありません。`, params: { code: 'plan/unknown-reference' } });
      }
    });
  });

export type Jurisdiction = z.infer<typeof Jurisdiction>;
export type Registry = z.infer<typeof Registry>;

const Phone = z.string().regex(/^[0-9０-９()（）\-－ ]{6,20}$/u, { error: '電話番号は数字とハイフンで書いてください（例: 03-1234-5678）。' });
const Url = z.url({ protocol: /^https?$/, error: 'URL は http:// か https:// で始めてください。' }).max(LIMITS.text);

export const Contact = z.strictObject({
  name: Text,
  address: Text.optional(),
  phone: Phone.optional(),
  url: Url.optional(),
});

/** `plans/<year>/jurisdictions/<code>-<slug>.yaml`: one jurisdiction's own part of the plan. */
export const LocalPlan = z.strictObject({
  code: z.string().regex(/^(\d{2}|\d{6})$/),
  sample: z.boolean().default(false).meta({ description: 'true は架空の見本データ（「見本」の透かしが入る）。実データなら false' }),
  center: Contact.meta({ description: '中小企業支援センター' }),
  contacts: listOf(Contact, LIMITS.items, '相談窓口').default([]).meta({ description: 'そのほかの相談窓口' }),
  programmes: listOf(
    z.strictObject({
      category: Id.meta({ description: 'act.categories の id' }),
      items: listOf(Text, LIMITS.programmes, '事業').min(1),
      etc: z.boolean().default(false).meta({ description: 'true なら末尾に「 等」を付ける' }),
    }),
    LIMITS.items,
    '事業区分',
  ).default([]),
});

export type LocalPlan = z.infer<typeof LocalPlan>;
export type Contact = z.infer<typeof Contact>;

/** A rule of a jurisdiction's own data beyond its schema, at the data path it concerns. */
export interface LocalIssue {
  code: string;
  path: (string | number)[];
  message: string;
  expected?: string;
}

/**
 * What a jurisdiction's data must keep beyond its schema, wherever it was read from (its YAML file
 * or a returned survey workbook): its code is its own, and its categories are the plan's.
 */
export function localPlanIssues(local: LocalPlan, j: Jurisdiction, plan: Plan): LocalIssue[] {
  const categories = new Set(plan.act.categories.map((c) => c.id));
  const issues: LocalIssue[] = [];
  if (local.code !== j.code) {
    issues.push({
      code: 'plan/code-mismatch', path: ['code'],
      message: `code「${local.code}」がファイル名のコード「${j.code}」と違います。`,
      expected: `"${j.code}"`,
    });
  }
  local.programmes.forEach((g, i) => {
    if (categories.has(g.category)) return;
    issues.push({
      code: 'plan/unknown-reference', path: ['programmes', i, 'category'],
      message: `事業区分「${g.category}」は計画の act.categories にありません。`,
      expected: [...categories].join('、'),
    });
  });
  return issues;
}
