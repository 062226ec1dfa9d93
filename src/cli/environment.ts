import type { Problem } from '../core/problem.js';

// The environment is read here, at the edge, once; the pipeline is given what it means.

/** Whole seconds since 1970, up to the year 9999 (PDF and zip dates have four-digit years). */
const MAX_EPOCH = 253402300799;

/**
 * SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/): when set, the moment
 * written into every file instead of the plan's date.
 */
export function fixedTime(env: NodeJS.ProcessEnv = process.env): { time?: Date; problems: Problem[] } {
  const value = env.SOURCE_DATE_EPOCH;
  if (value === undefined || value.trim() === '') return { problems: [] };
  if (!/^\d{1,12}$/.test(value.trim()) || Number(value) > MAX_EPOCH) {
    // A whole number too large is out of range, not "not an integer".
    const tooLarge = /^\d+$/.test(value.trim());
    return {
      problems: [{
        severity: 'error', code: 'env/source-date-epoch',
        message: tooLarge
          ? `環境変数 SOURCE_DATE_EPOCH「${value}」は範囲の外です（0 から ${MAX_EPOCH} まで。9999年12月31日 23:59:59 UTC までの秒数）。`
          : `環境変数 SOURCE_DATE_EPOCH「${value}」は、1970年1月1日（UTC）からの秒数（整数）ではありません。`,
        hint: '文書の日付を計画の published にするなら、SOURCE_DATE_EPOCH を外してください。',
      }],
    };
  }
  const time = new Date(Number(value) * 1000);
  // Word files are zips, whose dates run from 1980 to 2107 (the PDF and the Word properties keep the moment itself).
  const year = time.getUTCFullYear();
  const clamped: Problem[] = year < 1980 || year > 2107
    ? [{
        severity: 'warning', code: 'env/source-date-epoch-range',
        message: `SOURCE_DATE_EPOCH（${time.toISOString().slice(0, 10)}）は Word ファイル（zip）に書ける 1980〜2107 年の外です。zip の中の日付だけはその範囲の端にします。`,
      }]
    : [];
  return { time, problems: clamped };
}

/** SHIEN_STATS (npm run bench): every process of a command reports its peak memory and CPU time as it ends. */
export function statsWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.SHIEN_STATS);
}
