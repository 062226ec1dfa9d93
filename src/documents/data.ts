import type { Problem } from '../core/problem.js';
import { dataDocument } from '../document/data.js';
import type { DataField, DataTable, DataValue } from '../document/records.js';
import type { PlanFiles } from '../plan/files.js';
import { localGovernmentCode, type Contact, type Jurisdiction } from '../plan/jurisdiction.js';
import { documentDate, type Plan } from '../plan/schema.js';
import type { DocumentKind, Instance } from './kind.js';
import { ONLY } from './only.js';
import { planName } from './views.js';

// The plan as open data: its programmes and its contacts, one record each, made once from the
// checked plan set (the same one every page is made from). Column names follow デジタル庁's
// 推奨データセット (全国地方公共団体コード, 地方公共団体名, 名称, 住所, 電話番号, URL).
//
// The national government and 中小機構 are no 地方公共団体: their rows leave the code empty and
// say who they are in 実施主体. 000000 is no code (its check digit would be 1), so a tool that
// checks codes would reject it, and one that does not would take it for a place.

export const DATA_DIR = 'data';

const CODE_PATTERN = '^[0-9]{6}$';

const code: DataField = {
  name: '全国地方公共団体コード', type: 'string', pattern: CODE_PATTERN, required: false,
  description: '都道府県・指定都市の全国地方公共団体コード（検査数字付きの6桁、文字列）。国・中小機構の行と、すべての都道府県等に共通する行は空',
};
const localName: DataField = {
  name: '地方公共団体名', type: 'string', required: false,
  description: '全国地方公共団体コードの都道府県・指定都市の名前。コードが空の行は空',
};

const PROGRAMME_FIELDS: DataField[] = [
  { name: '年度', type: 'integer', required: true, description: '計画の会計年度（西暦、例: 2023 は令和５年度）' },
  code,
  localName,
  { name: '実施主体', type: 'string', required: true, description: '事業を行う者: 国、都道府県等、独立行政法人中小企業基盤整備機構（概要の三列の見出し）' },
  { name: '事業区分番号', type: 'integer', required: true, description: '中小企業支援法第３条第１項の事業区分の番号（計画に挙げる順、1 から）' },
  { name: '事業区分', type: 'string', required: true, description: '中小企業支援法第３条第１項の事業区分の名称' },
  { name: '事業名', type: 'string', required: true, description: '事業の名称（計画に書かれたとおり）' },
  {
    name: '等', type: 'boolean', required: true, words: ['あり', 'なし'],
    description: 'この実施主体のこの事業区分の事業が、挙げたもののほかにもあるか（計画では並びの末尾に「等」）。CSV では あり／なし',
  },
];

const CONTACT_FIELDS: DataField[] = [
  { ...code, required: true, description: '都道府県・指定都市の全国地方公共団体コード（検査数字付きの6桁、文字列）' },
  { ...localName, required: true, description: '都道府県・指定都市の名前' },
  { name: '種別', type: 'string', required: true, description: '中小企業支援センター（都道府県等に一つ）か、そのほかの相談窓口' },
  { name: '名称', type: 'string', required: true, description: '窓口の名称' },
  { name: '住所', type: 'string', required: false, description: '所在地（計画に書かれたとおり）' },
  { name: '電話番号', type: 'string', required: false, description: '電話番号（半角の数字とハイフン）' },
  { name: 'URL', type: 'string', required: false, description: 'ウェブサイトの URL' },
];

type Row = Record<string, DataValue>;

function programmeRows(plan: Plan, registry: readonly Jurisdiction[], locals: PlanFiles['locals']): Row[] {
  const number = new Map(plan.act.categories.map((c, i) => [c.id, { n: i + 1, title: c.title }]));
  const rows = (implementer: string, groups: readonly { category: string; items: string[]; etc: boolean }[], j?: Jurisdiction): Row[] =>
    [...groups]
      .sort((a, b) => number.get(a.category)!.n - number.get(b.category)!.n)
      .flatMap((g) => g.items.map((item) => ({
        年度: plan.fiscalYear,
        全国地方公共団体コード: j ? localGovernmentCode(j.code) : null,
        地方公共団体名: j?.name ?? null,
        実施主体: implementer,
        事業区分番号: number.get(g.category)!.n,
        事業区分: number.get(g.category)!.title,
        事業名: item,
        等: g.etc,
      })));
  return plan.implementers.flatMap((imp) => [
    ...rows(imp.name, imp.programmes),
    // The 都道府県等 column's own programmes are every jurisdiction's; each jurisdiction's follow.
    ...(imp.local ? registry.flatMap((j) => rows(imp.name, locals.get(j.code)?.plan.programmes ?? [], j)) : []),
  ]);
}

// 統一ルール: numbers in half-width characters; a phone number may be written with full-width ones.
const halfWidth = (s: string | undefined) => (s === undefined ? null : s.normalize('NFKC'));

function contactRows(registry: readonly Jurisdiction[], locals: PlanFiles['locals']): Row[] {
  const row = (j: Jurisdiction, kind: string, c: Contact): Row => ({
    全国地方公共団体コード: localGovernmentCode(j.code),
    地方公共団体名: j.name,
    種別: kind,
    名称: c.name,
    住所: c.address ?? null,
    電話番号: halfWidth(c.phone),
    URL: c.url ?? null,
  });
  return registry.flatMap((j) => {
    const own = locals.get(j.code)?.plan;
    return own ? [row(j, '中小企業支援センター', own.center), ...own.contacts.map((c) => row(j, '相談窓口', c))] : [];
  });
}

/** The data tables of a plan, in the order they are listed. */
export function planTables(set: PlanFiles): DataTable[] {
  const year = planName(set.plan);
  return [
    {
      name: 'programmes',
      title: `${year} 事業一覧`,
      description: '国・都道府県等・中小機構の中小企業支援事業。一行が一つの事業（実施主体・事業区分ごと）。都道府県等自身の事業は、その都道府県等のコードと名前の行',
      fields: PROGRAMME_FIELDS,
      records: programmeRows(set.plan, set.registry, set.locals),
    },
    {
      name: 'contacts',
      title: `${year} 相談窓口一覧`,
      description: '都道府県等ごとの中小企業支援センターと、そのほかの相談窓口。一行が一つの窓口',
      fields: CONTACT_FIELDS,
      records: contactRows(set.registry, set.locals),
    },
  ];
}

/** The open data of a plan: data/programmes.csv, .json and data/contacts.csv, .json. */
export const data: DocumentKind<PlanFiles> = {
  name: 'data',
  only: ONLY.data,
  formats: ['csv', 'json'],
  instances: (set) => {
    // Data without a jurisdiction whose file cannot be used would be wrong data: it waits for the fix.
    const failed: Problem[] = [...set.failed.values()].flat();
    const sample = set.plan.sample || [...set.locals.values()].some((l) => l.plan.sample);
    const files = [set.planFile, ...(set.registryFile ? [set.registryFile] : []), ...[...set.locals.values()].map((l) => l.file)];
    return planTables(set).map((table): Instance => ({
      kind: 'data',
      stem: `${DATA_DIR}/${table.name}`,
      source: set.planFile,
      inputs: files,
      ...(failed.length ? {} : {
        model: dataDocument(table, {
          title: table.title,
          author: set.plan.issuer,
          subject: table.description,
          language: 'ja',
          date: documentDate(set.plan),
          fiscalYear: set.plan.fiscalYear,
        }, { draft: set.plan.status === 'draft', sample }),
      }),
      problems: failed,
    }));
  },
};
