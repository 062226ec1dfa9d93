import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPlanDir } from '../plan/years.js';
import { hasErrors, type Problem } from '../core/problem.js';
import { documentTime } from '../document/time.js';
import { SURVEY_DIR } from '../survey/layout.js';
import type { ImportStatus } from '../survey/index.js';
import { fixedTime } from './environment.js';
import { exitWith, jsonResult, out, report, shownPath } from './io.js';
import { isWide } from '../text/chars.js';
import { collect, defaultOut, nonEmpty, PLAN_DIR_ARGUMENT, announcePlan } from './options.js';

// `shien survey export` and `shien survey import`: the workbooks sent to each 都道府県等 and read back.

const shown = shownPath;

/**
 * The survey reads the plan's data and the jurisdictions' files (which of them fail their check),
 * never a document: no template is rendered, as for the documents `build --only` leaves out. Whether the
 * plan set loads at all does not depend on the templates. So a fault only a document would meet (a
 * template's, or a broken font file that only a template's characters need) is not the survey's to
 * report: `validate` and `build` report it.
 */
const NO_DOCUMENTS = () => false;

function fail(problems: Problem[]): void {
  report(problems);
  exitWith(problems);
}

const exportCommand = () =>
  new Command('export')
    .description('都道府県等ごとの調査票（<コード>-<名前>.xlsx）を書き出す。いまの計画のデータを記入済みにする')
    .argument(...PLAN_DIR_ARGUMENT)
    .option('--out <DIR>', `出力先（既定: output/<PLAN_DIR の名前>/${SURVEY_DIR}）`, nonEmpty)
    .option('--jurisdiction <CODE|NAME>', 'この都道府県等の調査票だけ（繰り返し指定できる。例: 13、東京都、tokyo）', collect, [] as string[])
    .option('--force', '書き出した後に記入された調査票も上書きする（記入は失われる）')
    .action(async (planDir: string, opts: { out?: string; jurisdiction: string[]; force?: boolean }) => {
      const started = performance.now();
      const fixed = fixedTime();
      // A warning (a date clamped for the zip) is said and the workbooks are written all the same.
      if (hasErrors(fixed.problems)) return fail(fixed.problems);
      // The pipeline and exceljs are loaded only when the command runs, not for --help.
      const [{ checkPlanSet }, { loadResources }, { exportSurveys }, { documentDate }] = await Promise.all([
        import('../check/plan-set.js'), import('../check/resources.js'), import('../survey/index.js'), import('../plan/schema.js'),
      ]);
      announcePlan(planDir);
      const checked = checkPlanSet(planDir, loadResources, undefined, NO_DOCUMENTS);
      if (!checked.set) return fail(checked.problems);
      const set = checked.set;
      const outDir = opts.out ?? join(defaultOut(planDir), SURVEY_DIR);
      const r = await exportSurveys(set, { outDir, jurisdictions: opts.jurisdiction, time: documentTime({ date: documentDate(set.plan) }, fixed.time), force: opts.force });
      const problems = [...fixed.problems, ...r.problems];
      report(problems);
      exitWith(problems);
      for (const f of r.files) out(`作成: ${shown(f)}`);
      out(`調査票 ${r.files.length} 件を作成${hasErrors(problems) ? '（誤りのある都道府県等の分は作っていません）' : ''}（${Math.round(performance.now() - started)} ms）`);
    });

const LABEL: Record<ImportStatus, string> = { imported: '取り込み', unchanged: '変更なし', failed: '誤り' };

const importCommand = () =>
  new Command('import')
    .description('記入された調査票を検査し、都道府県等のファイル（plans/<年度>/jurisdictions/<コード>-<名前>.yaml）に取り込む。誤りのある調査票の分は書き込まない')
    .argument('<FILE|DIR...>', `調査票（.xlsx）かそのフォルダ。最後に計画のフォルダを書ける（既定: ${defaultPlanDir()}）`)
    .option('--dry-run', '検査して結果を示すだけで、何も書き込まない')
    .action(async (args: string[], opts: { dryRun?: boolean }) => {
      const [{ checkPlanSet }, { loadResources }, { PLAN_FILE }, { importSurveys, surveyFiles }] = await Promise.all([
        import('../check/plan-set.js'), import('../check/resources.js'), import('../plan/files.js'), import('../survey/index.js'),
      ]);
      // The last argument is the plan's folder when it holds a plan.yaml: the same order as `build`'s.
      const last = args[args.length - 1];
      const isPlan = existsSync(join(last, PLAN_FILE));
      const planDir = isPlan ? last : defaultPlanDir();
      const inputs = isPlan ? args.slice(0, -1) : args;
      if (!inputs.length) {
        return fail([{ severity: 'error', code: 'usage/no-workbooks', message: '取り込む調査票（.xlsx）かそのフォルダを指定してください。', hint: `例: npx shien survey import 返送/ ${defaultPlanDir()}` }]);
      }
      announcePlan(planDir);
      const found = surveyFiles(inputs);
      if (hasErrors(found.problems)) return fail(found.problems);
      const checked = checkPlanSet(planDir, loadResources, undefined, NO_DOCUMENTS);
      if (!checked.set) return fail(checked.problems);

      const fixed = fixedTime();
      if (fixed.problems.length) return fail(fixed.problems);
      // The day the answers came in, in Japan (SOURCE_DATE_EPOCH's day, when it is set).
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(fixed.time ?? new Date());
      const outcomes = await importSurveys(checked.set, found.files, { dryRun: opts.dryRun, today });
      const problems = [...found.problems, ...outcomes.flatMap((o) => o.problems)];
      report(problems);
      exitWith(problems);
      for (const o of outcomes) {
        const note = o.status === 'imported' && opts.dryRun ? '（--dry-run のため書き込まず）' : '';
        out(`${LABEL[o.status]}: ${shown(o.file)}${o.target && o.status !== 'failed' ? ` → ${shown(o.target)}` : ''}${note}`);
      }
      const count = (s: ImportStatus) => outcomes.filter((o) => o.status === s).length;
      out(`取り込み ${count('imported')} 件、誤り ${count('failed')} 件、変更なし ${count('unchanged')} 件${opts.dryRun ? '（--dry-run: 何も書き込んでいません）' : ''}`);
    });

/** Terminal cells of a text: a Japanese character takes two. */
const width = (s: string) => [...s].reduce((n, c) => n + (isWide(c) ? 2 : 1), 0);
const pad = (s: string, cells: number) => s + ' '.repeat(Math.max(0, cells - width(s)));

const statusCommand = () =>
  new Command('status')
    .description('都道府県等ごとの回答の状況: 未回答（データがないか、昨年度のデータのまま）、回答済み（取り込んだ日）、見本、誤りあり。最後に件数')
    .argument(...PLAN_DIR_ARGUMENT)
    .action(async (planDir: string) => {
      const [{ checkPlanSet }, { loadResources }, { surveyStatus, STATE_LABEL, STATES }, { fiscalYearName }] = await Promise.all([
        import('../check/plan-set.js'), import('../check/resources.js'), import('../survey/status.js'), import('../text/era.js'),
      ]);
      announcePlan(planDir);
      const checked = checkPlanSet(planDir, loadResources, undefined, NO_DOCUMENTS);
      if (!checked.set) return fail(checked.problems);
      const status = surveyStatus(checked.set);
      jsonResult({ plan: planDir, fiscalYear: checked.set.plan.fiscalYear, jurisdictions: status.rows, counts: status.counts });
      const nameWidth = Math.max(...status.rows.map((r) => width(r.name)), 8);
      out(`${pad('コード', 8)}${pad('都道府県等', nameWidth + 2)}状況`);
      for (const r of status.rows) {
        const note = r.carriedOver !== undefined ? `（${fiscalYearName(r.carriedOver)}のデータのまま）` : r.answered ? `　${r.answered} 取り込み` : r.state === 'invalid' ? `　${shown(r.file!)}（npx shien validate で誤りを見る）` : '';
        out(`${pad(r.code, 8)}${pad(r.name, nameWidth + 2)}${STATE_LABEL[r.state]}${note}`);
      }
      out(`${STATES.map((s) => `${STATE_LABEL[s]} ${status.counts[s]}`).join('、')}（${status.rows.length} 都道府県等）`);
    });

export const surveyCommand = () =>
  new Command('survey')
    .description('都道府県等への調査票（Excel）: export で書き出し、status で回答の状況を見て、記入されて戻ったものを import で取り込む')
    .addCommand(exportCommand().exitOverride())
    .addCommand(importCommand().exitOverride())
    .addCommand(statusCommand().exitOverride());
