import { locate } from '../core/positions.js';
import { formatPath, type Problem, type Severity } from '../core/problem.js';
import type { Loaded } from '../core/yaml.js';
import type { PlanFiles } from '../plan/files.js';
import { dateName, eraMentions, fiscalYearName } from '../text/era.js';

// The release check: what must not be published, and what a person should look at once more
// before it is. `validate --release` runs it (errors fail; `--strict` makes warnings count), and
// every build of a `final` plan runs it too, as warnings. Each problem is at its file and line.

/**
 * The days a fiscal year's plan may be published on: from 1 October of the year before (the plan is
 * prepared over the winter, for 1 April) to 30 September of the fiscal year (a plan published late).
 */
export function publicationWindow(fiscalYear: number): { from: string; to: string } {
  return { from: `${fiscalYear - 1}-10-01`, to: `${fiscalYear}-09-30` };
}

/** Text that marks a value as the sample's, or a placeholder of a skeleton still to fill in. */
const SAMPLE_TEXT = /（架空）|^見本/u;
const PLACEHOLDER = /^（[^（）]*）$|^（[^（）]*(の名前|の名称|所在地)）/u;
const PLACEHOLDER_URL = /^https?:\/\/([^/]*\.)?example\.(jp|com|org|net)(\/|$)/iu;
const PLACEHOLDER_PHONE = /^[0０]+[-－][0０-]+$|^[0０]{2,}[-－]?[0０]{4}[-－]?[0０]{4}$/u;

interface Value {
  path: (string | number)[];
  text: string;
  /** The key it is written under (a list's items: the list's key). */
  key: string;
}

/** Every string of a file's data, with its path. */
function strings(value: unknown, path: (string | number)[] = []): Value[] {
  if (typeof value === 'string') return [{ path, text: value, key: String([...path].reverse().find((p) => typeof p === 'string') ?? '') }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}

interface Source {
  file: string;
  loaded: Loaded<unknown>;
  value: unknown;
}

const era = (date: string) => dateName(date);

export interface ReleaseOptions {
  /** A build of a final plan: the same findings, none of which stops the build. */
  asWarnings?: boolean;
}

/** What the release check finds in a plan's files. */
export function releaseProblems(files: PlanFiles, opts: ReleaseOptions = {}): Problem[] {
  const { plan } = files;
  const final = plan.status === 'final';
  const problems: Problem[] = [];
  const at = (src: Source, path: (string | number)[] | undefined, severity: Severity, code: string, message: string, extra: Partial<Problem> = {}) => {
    const place = path && src.loaded.doc && src.loaded.lineCounter ? locate(src.loaded.doc, src.loaded.lineCounter, path)?.place : undefined;
    problems.push({ severity, code, message, file: src.file, source: src.loaded.source, path: path?.length ? formatPath(path) : undefined, place, ...extra });
  };
  // 見本 and placeholders are errors in a plan about to be published as final; in a draft, a warning.
  const mustGo: Severity = final ? 'error' : 'warning';
  const planSource: Source = { file: files.planFile, loaded: files.loaded, value: plan };
  const locals: Source[] = [...files.locals.values()].sort((a, b) => (a.file < b.file ? -1 : 1)).map((l) => ({ file: l.file, loaded: l.loaded, value: l.plan }));

  if (plan.sample) at(planSource, ['sample'], mustGo, 'release/sample', '計画が見本（sample: true）のままです。公表する計画なら sample: false にしてください。');
  if (!plan.published) {
    at(planSource, undefined, 'error', 'release/no-published', '公表日（published）が書かれていません。', {
      hint: `plan.yaml に published: ${publicationWindow(plan.fiscalYear).to.slice(0, 4)}-03-31 のように公表日を書いてください（${windowText(plan.fiscalYear)}）。`,
    });
  } else {
    const w = publicationWindow(plan.fiscalYear);
    if (plan.published < w.from || plan.published > w.to) {
      at(planSource, ['published'], 'error', 'release/published-window',
        `公表日 ${plan.published}（${era(plan.published)}）は${fiscalYearName(plan.fiscalYear)}の計画を公表する期間（${windowText(plan.fiscalYear)}）の外です。`,
        { expected: `${w.from} から ${w.to} まで`, found: plan.published, hint: '年度（fiscalYear）か公表日（published）の書き間違いではありませんか。' });
    }
  }

  for (const src of [planSource, ...locals]) {
    // A file marked as sample is said once, below, not at each of its made-up names.
    const marked = src !== planSource && (src.value as { sample: boolean }).sample;
    for (const v of strings(src.value)) {
      if (marked) {
        // Nothing of the sample's own wording to say.
      } else if (SAMPLE_TEXT.test(v.text)) {
        at(src, v.path, mustGo, 'release/sample-text', `見本の文言「${v.text}」が残っています。`, { hint: '実際の名称などに書き換えてください。' });
      } else if (PLACEHOLDER.test(v.text) || (v.key === 'url' && PLACEHOLDER_URL.test(v.text)) || (v.key === 'phone' && PLACEHOLDER_PHONE.test(v.text))) {
        at(src, v.path, mustGo, 'release/placeholder', `ひな形の仮の値「${v.text}」が残っています。`, { hint: '実際の値を書くか、その行を消してください。' });
      }
      if (v.key === 'phone' && /[０-９－（）]/u.test(v.text)) {
        at(src, v.path, 'warning', 'release/fullwidth-phone', `電話番号「${v.text}」に全角の数字か記号があります。`, { hint: `半角で書いてください（${v.text.normalize('NFKC').replace(/[－]/gu, '-')}）。` });
      }
      if (/^http:\/\//iu.test(v.text)) {
        at(src, v.path, 'warning', 'release/insecure-url', `URL「${v.text}」が http: です。`, { hint: 'そのサイトが https: で開けるなら https:// にしてください。' });
      }
      eraProblems(src, v, plan.fiscalYear, at);
    }
  }

  for (const l of files.locals.values()) {
    const src: Source = { file: l.file, loaded: l.loaded, value: l.plan };
    if (l.plan.sample) at(src, ['sample'], mustGo, 'release/sample', 'この都道府県等のデータは見本（sample: true、架空のデータ）です。', { hint: '回答を取り込む（npx shien survey import）か、実データにして sample: false にしてください。' });
    if (l.plan.carriedOver !== undefined) {
      at(src, ['carriedOver'], 'warning', 'release/carried-over', `${fiscalYearName(l.plan.carriedOver)}から引き継いだデータのままで、回答がありません。`, {
        hint: '回答の調査票を取り込む（npx shien survey import）か、変わりがないと確かめたら carriedOver の行を消してください。',
      });
    }
  }

  if (files.registryFile) {
    const without = files.registry.filter((j) => !files.locals.has(j.code) && !files.failed.has(j.code));
    if (without.length) {
      at(planSource, ['jurisdictions'], 'warning', 'release/no-data',
        `データのない都道府県等が ${without.length} あります（都道府県等版に「まだ提供されていません」と載ります）: ${without.map((j) => j.name).join('、')}`,
        { hint: 'npx shien survey status で回答の状況を、npx shien survey import で回答を取り込めます。' });
    }
  }
  return opts.asWarnings ? problems.map((p) => ({ ...p, severity: 'warning' as const })) : problems;
}

function windowText(fiscalYear: number): string {
  const w = publicationWindow(fiscalYear);
  return `${era(w.from)}から${era(w.to)}まで`;
}

/**
 * An era year that is neither the plan's year nor the year before (令和５年度 in the 令和７年度 plan), and
 * 「…年度計画」 naming another year than the plan's own: text carried over from an older plan.
 */
function eraProblems(src: Source, v: Value, fiscalYear: number, at: (src: Source, path: (string | number)[] | undefined, s: Severity, code: string, message: string, extra?: Partial<Problem>) => void): void {
  for (const m of eraMentions(v.text)) {
    const selfReference = m.fiscal && v.text.startsWith('計画', m.index + m.length);
    // A calendar year of the fiscal year's January to March is the year after its number.
    const allowed = m.fiscal ? [fiscalYear, fiscalYear - 1] : [fiscalYear - 1, fiscalYear, fiscalYear + 1];
    if (selfReference && m.year !== fiscalYear) {
      at(src, v.path, 'warning', 'release/era-year', `「${m.text}計画」とありますが、この計画は${fiscalYearName(fiscalYear)}です。`, { found: m.text, expected: fiscalYearName(fiscalYear) });
    } else if (!allowed.includes(m.year)) {
      at(src, v.path, 'warning', 'release/era-year', `「${m.text}」は、この計画の年度（${fiscalYearName(fiscalYear)}）でもその前の年度でもありません。`, { found: m.text, hint: '昨年度の文言が残っていないか確かめてください。' });
    }
  }
}
