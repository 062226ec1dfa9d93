// The regions a list of prefectures is grouped by on the publication's index (北海道・東北, 関東, …),
// by the prefecture codes of JIS X 0401 they span: the grouping ministries' sites use.

export const REGIONS: readonly { name: string; from: number; to: number }[] = [
  { name: '北海道・東北', from: 1, to: 7 },
  { name: '関東', from: 8, to: 14 },
  { name: '中部', from: 15, to: 23 },
  { name: '近畿', from: 24, to: 30 },
  { name: '中国', from: 31, to: 35 },
  { name: '四国', from: 36, to: 39 },
  { name: '九州・沖縄', from: 40, to: 47 },
];

/** The region of a prefecture's two-digit code; undefined for a code outside 01–47. */
export function regionOf(prefectureCode: string): string | undefined {
  const n = Number(prefectureCode);
  return REGIONS.find((r) => n >= r.from && n <= r.to)?.name;
}
