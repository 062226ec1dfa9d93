import { Command, InvalidArgumentError } from 'commander';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Failure, type Problem } from '../core/problem.js';
import { fiscalYearName, westernYear } from '../text/era.js';
import { defaultPlanDir, planFolderName, plansIn, statedFiscalYear } from '../plan/years.js';
import { exitWith, out, report } from './io.js';

// `shien init-year`: the first step of each year's work. The next fiscal year's plan, made from the
// newest one, beside it under plans/; from then on it is every command's default plan.

/** 2024, 令和6, 令和６年度, r6 → 2024. */
export function parseYear(v: string): number {
  const s = v.normalize('NFKC').trim();
  const era = /^(令和|平成|r|h)(\d{1,2}|元)(年度?)?$/iu.exec(s);
  const year = /^\d{4}$/.test(s) ? Number(s)
    : era ? westernYear({ r: '令和', h: '平成' }[era[1].toLowerCase()] ?? era[1], era[2] === '元' ? 1 : Number(era[2])) : undefined;
  if (year === undefined || year < 1926 || year > 2200) throw new InvalidArgumentError('年度は西暦（2024）か和暦（令和6、令和６年度、r6）で書いてください。');
  return year;
}

function fail(problems: Problem[]): void {
  report(problems);
  exitWith(problems);
}

export const initYearCommand = () =>
  new Command('init-year')
    .description('次の年度の計画を、最新の計画から作る（plans/<年度>。年度を進め、案にし、公表日と回答期限は空け、都道府県等のデータは昨年度のものと印を付けて引き継ぐ）')
    .argument('[YEAR]', '作る年度（西暦 2024、和暦 令和6 でも。既定: 元の計画の次の年度）', parseYear)
    .option('--from <PLAN_DIR>', '元にする計画のフォルダ', defaultPlanDir())
    .action(async (year: number | undefined, opts: { from: string }) => {
      const [{ loadPlanFiles }, { newYearFiles }, { writeAtomically }] = await Promise.all([
        import('../plan/files.js'), import('../plan/new-year.js'), import('../pipeline/write.js'),
      ]);
      const loaded = loadPlanFiles(opts.from);
      if (!loaded.files) return fail(loaded.problems);
      const from = loaded.files.plan.fiscalYear;
      const fiscalYear = year ?? from + 1;
      // The folder that holds the plans: the new one goes beside the old.
      const root = join(opts.from, '..');
      const existing = plansIn(root);
      const same = existing.find((p) => p.fiscalYear === fiscalYear);
      const target = join(root, planFolderName(fiscalYear, existing));
      if (same || existsSync(target)) {
        const there = same?.dir ?? target;
        return fail([{
          severity: 'error', code: 'usage/exists', file: join(there, 'plan.yaml'),
          message: `${fiscalYearName(fiscalYear)}の計画はもうあります: ${there}${statedFiscalYear(there) === undefined ? '（plan.yaml のないフォルダ）' : ''}。上書きはしません。`,
          hint: `その計画で作業を続けてください（npx shien validate ${there}）。作り直すなら、そのフォルダを消すか名前を変えてから。`,
        }]);
      }
      const { files, carried } = newYearFiles(opts.from, from, fiscalYear);
      // The whole folder appears at once: written beside it under a temporary name, then renamed.
      const temp = join(root, `.${basename(target)}.${process.pid}.tmp`);
      try {
        writeAtomically(files.map((f) => ({ path: join(temp, f.path), bytes: f.bytes })));
        renameSync(temp, target);
      } catch (e) {
        rmSync(temp, { recursive: true, force: true });
        if (e instanceof Failure) return fail(e.problems);
        throw e;
      }
      out(`作成: ${target}（${fiscalYearName(fiscalYear)}、案）— ${opts.from}（${fiscalYearName(from)}）から。ファイル ${files.length} 件`);
      if (carried) out(`都道府県等のデータ ${carried} 件は${fiscalYearName(from)}のものとして引き継ぎ、carriedOver: ${from} の印を付けました（回答を取り込むと消えます）。`);
      out(`これから、計画のフォルダを書かないコマンドは ${target} を使います（plans/ の中で年度の最も新しい計画）。`);
      out('次にすること:');
      for (const [i, [command, what]] of ([
        [`${join(target, 'plan.yaml')} を開く`, '公表日（published）と調査票の回答期限（survey.deadline）を書き、文言の年度を改める'],
        ['npx shien survey export', `都道府県等ごとの調査票を output/${basename(target)}/survey/ に書き出し、送る`],
        ['npx shien survey status', '回答の状況（未回答・回答済み）を見る'],
        ['npx shien survey import 返送/', '戻った調査票を取り込む'],
        ['npx shien validate --release', '公表の前の検査（見本・仮の値・公表日・昨年度の年）'],
        [`npx shien diff ${opts.from} ${target}`, '新旧対照表を作る'],
        ['npx shien build', 'status: final にしてから、文書を作る'],
      ] as const).entries()) {
        out(`  ${i + 1}. ${command}　${what}`);
      }
    });
