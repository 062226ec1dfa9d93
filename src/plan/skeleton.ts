import type { Jurisdiction } from './jurisdiction.js';
import type { Plan } from './schema.js';

/** A commented file for one jurisdiction's own data, valid as it stands (and marked as sample). */
export function localPlanSkeleton(j: Jurisdiction, plan: Plan): string {
  const categories = plan.act.categories.map((c) => `#   ${c.id.padEnd(12)} ${c.title}`).join('\n');
  return `# yaml-language-server: $schema=../../../schema/local-plan.schema.json
#
# ${j.name}（${j.code}）の中小企業支援事業と相談窓口。都道府県等版の「３．」に載る。
# 文言は一文一行で書く。（）や番号はテンプレートが付けるので書かない。
code: "${j.code}"

# 見本のうちは true（PDF に「見本」の透かしが入る）。事実を書き終えたら false にする。
sample: true

# 中小企業支援センター（必須）。address・phone・url は分かるものだけ書く。
center:
  name: （中小企業支援センターの名前）
  # address: （所在地）
  # phone: 00-0000-0000
  # url: https://www.example.jp/

# そのほかの相談窓口（なければ [] のまま）。
contacts: []
#  - name: （窓口の名前）
#    address: （所在地）
#    phone: 00-0000-0000
#    url: https://www.example.jp/

# 法の事業区分ごとの、${j.name}の事業。category には次の id を書く:
${categories}
programmes: []
#  - category: ${plan.act.categories[0]?.id ?? 'diagnosis'}
#    items:
#      - （事業の名前）
`;
}
