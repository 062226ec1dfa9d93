import * as z from 'zod';
import { describedEnum } from '../core/schema.js';
import { CategoryRef, IsoDate, LIMITS, listOf, meantCategory, Programme, Text, type Plan } from './schema.js';

// The 都道府県等 (47 prefectures and the designated cities) and each one's own part of the plan.

/** 全国地方公共団体コード: five digits and a check digit (JIS X 0402's modulus 11 rule). */
export function checkDigit(first5: string): number {
  const s = [...first5].reduce((acc, d, i) => acc + Number(d) * (6 - i), 0);
  return (11 - (s % 11)) % 10;
}

/**
 * The 6-digit 全国地方公共団体コード of a code as the registry writes it: a prefecture's two digits
 * (JIS X 0401) are its code followed by 000 and the check digit (東京都 13 → 130001).
 */
export function localGovernmentCode(code: string): string {
  const first5 = code.length === 2 ? `${code}000` : code.slice(0, 5);
  return `${first5}${checkDigit(first5)}`;
}

/** A jurisdiction's code as written in files: quoted, so that 01 stays 01. */
export const Code = z.string().regex(/^(\d{2}|\d{6})$/, { error: 'code は都道府県なら2桁、指定都市なら6桁の数字を引用符で囲んで書いてください（例: "13"、"011002"）。' });

/** A prefecture's code (JIS X 0401). The editors' schema lists the registry's prefectures here (check/json-schema.ts). */
export const PrefectureCode = z.string().regex(/^\d{2}$/, { error: '都道府県のコードは2桁の数字を引用符で囲んで書いてください（例: "01"）。' })
  .meta({ title: '都道府県', description: '指定都市が属する都道府県のコード（2桁、例: "01"）' });

export const Jurisdiction = z
  .strictObject({
    code: Code.meta({ title: 'コード', description: '全国地方公共団体コード: 都道府県は2桁（JIS X 0401、例: "13"）、指定都市は検査数字付きの6桁（例: "011002"）。引用符で囲む' }),
    kind: describedEnum({ prefecture: '都道府県', city: '指定都市' }, { title: '種類', description: 'prefecture は都道府県、city は指定都市' }),
    name: Text.meta({ title: '名前', description: '正式な名前（例: 東京都、札幌市）。文書とファイル名の検索に使う' }),
    kana: z.string().max(100).regex(/^[ぁ-ゖー]+$/u, { error: 'kana はひらがなで書いてください。' })
      .meta({ title: '読み', description: '名前の読み（ひらがな、例: とうきょうと）。並びと検索に使う' }),
    slug: z.string().max(100).regex(/^[a-z][a-z0-9-]*$/, { error: 'slug は半角英小文字・数字・ハイフンで書いてください（ファイル名に使う）。' })
      .meta({ title: 'ローマ字', description: 'ファイル名に使うローマ字（半角英小文字・数字・ハイフン、例: tokyo）。出力は <コード>-<ローマ字>.pdf' }),
    prefecture: PrefectureCode.optional(),
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
  .strictObject({
    jurisdictions: listOf(Jurisdiction.meta({ title: '都道府県等', description: '都道府県か指定都市の一つ: コード・種類・名前・読み・ローマ字' }), LIMITS.jurisdictions, '都道府県等').min(1)
      .meta({ title: '都道府県等', description: '都道府県と指定都市の一覧。それぞれの都道府県等版を作る' }),
  })
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
const Url = z.url({
  protocol: /^https?$/,
  // One rule, three mistakes: a URL that starts right is told what else is wrong with it.
  error: (iss) => {
    const v = typeof iss.input === 'string' ? iss.input : '';
    if (!/^https?:\/\//i.test(v)) return 'URL は http:// か https:// で始めてください。';
    if (/\s/.test(v)) return 'URL に空白は使えません（空白を消すか、%20 と書いてください）。';
    return 'URL の形が正しくありません（http:// か https:// の後に、ドメイン名と / で区切ったパスを書きます）。';
  },
}).max(LIMITS.text);

export const Contact = z.strictObject({
  name: Text.meta({ title: '名称', description: '窓口の名称（例: 東京都中小企業振興公社）' }),
  address: Text.optional().meta({ title: '所在地', description: '所在地（例: 東京都千代田区…）' }),
  phone: Phone.optional().meta({ title: '電話番号', description: '電話番号（数字とハイフン、例: 03-1234-5678）' }),
  url: Url.optional().meta({ title: 'ウェブサイト（URL）', description: 'ウェブサイト（http:// か https:// で始まる）。都道府県等版に QRコードが入る' }),
});

/**
 * The code a jurisdiction file is for. The editors' schema lists the registry's codes with their
 * names here (check/json-schema.ts); the check against the file's name is the plan's (files.ts).
 */
export const LocalCode = Code.meta({ title: 'コード', description: 'この都道府県等のコード（ファイル名の先頭と同じ、例: "13"）' });

/** `plans/<year>/jurisdictions/<code>-<slug>.yaml`: one jurisdiction's own part of the plan. */
export const LocalPlan = z.strictObject({
  code: LocalCode,
  sample: z.boolean().default(false).meta({ title: '見本', description: 'true は架空の見本データ（都道府県等版に「見本」の透かしが入る）。実データなら false' }),
  answered: IsoDate.optional().meta({ title: '回答日', description: '都道府県等の回答（調査票）を取り込んだ日。shien survey import が書く' }),
  carriedOver: z.int().min(1926).max(2200).optional()
    .meta({ title: '昨年度から引き継いだデータ', description: 'この年度（西暦）の計画から引き継いだまま、まだ回答のないデータ（shien init-year が書き、調査票の取り込みで消える）。確かめたなら消す' }),
  center: Contact.meta({ title: '中小企業支援センター', description: 'この都道府県等の中小企業支援センター: 名称・所在地・電話番号・URL' }),
  contacts: listOf(Contact.meta({ title: '相談窓口', description: '相談窓口の一つ: 名称・所在地・電話番号・URL' }), LIMITS.items, '相談窓口').default([])
    .meta({ title: 'そのほかの相談窓口', description: `センターのほかの相談窓口（${LIMITS.items} か所まで）` }),
  programmes: listOf(
    z.strictObject({
      category: CategoryRef,
      items: listOf(Programme, LIMITS.programmes, '事業').min(1, { error: '事業が一つもありません。' })
        .meta({ title: '事業', description: `この事業区分の、都道府県等自身の事業の名称（${LIMITS.programmes} 個まで）` }),
      etc: z.boolean().default(false).meta({ title: '「等」を付ける', description: 'true なら事業の並びの末尾に「 等」を付ける（ほかにも事業があるとき）' }),
    }).meta({ title: '事業区分ごとの事業', description: '一つの事業区分と、その都道府県等自身の事業' }),
    LIMITS.items,
    '事業区分',
  ).default([]).meta({ title: '都道府県等自身の事業', description: '法の事業区分ごとの、この都道府県等自身の事業（都道府県等版の「都道府県等の事業」の列に載る）' }),
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
      message: `事業区分「${g.category}」は計画の act.categories にありません。${meantCategory(plan.act.categories, g.category)}`,
      expected: [...categories].join('、'),
    });
  });
  return issues;
}
