import { Command } from 'commander';
import { hasErrors } from '../core/problem.js';
import { defaultPlanDir, yearPlans } from '../plan/years.js';
import type { Resources } from '../check/resources.js';
import { fixedTime, statsWanted } from './environment.js';
import { err, exitWith, out, report } from './io.js';
import { examples } from './help.js';
import { formatOption, nonEmpty } from './options.js';

export const diffCommand = () => {
  const DEFAULT = defaultPlanDir();
  // The example of two folders names folders that exist: last year's plan and this year's.
  const previous = yearPlans().at(-2)?.dir;
  return new Command('diff')
    .description('新旧対照表を作る（左が改正後、右が改正前、変わった文字に傍線、初めに改正・新設・削除の件数）。変わった文書ごとに一つ、output/<NEW>/comparison/ に: 概要は comparison.pdf/.docx/.html、都道府県等版は comparison-<コード>-<名前>.pdf/.docx/.html。画面には変わった文書ごとに件数を一行（--verbose ならすべての箇所）')
    .argument('<OLD>', '改正前の計画: フォルダか git のリビジョン')
    .argument('<NEW>', '改正後の計画: フォルダか git のリビジョン')
    .option('--out <DIR>', '出力先（既定: output/<NEW の計画のフォルダ名>/comparison）', nonEmpty)
    .option('--verbose', '変わった箇所をすべて画面にも示す（既定では文書ごとに一行、件数だけ）')
    .addOption(formatOption())
    .addHelpText('after', [
      '',
      'OLD・NEW の読み方:',
      '  1. あるフォルダの名前なら、そのフォルダの計画（いまのファイル）',
      `  2. REV:DIR なら、git のリビジョン REV のときのフォルダ DIR の計画（例: HEAD~1:${DEFAULT}）`,
      `  3. それ以外は git のリビジョン。フォルダはもう一方の引数が示すもの、なければ ${DEFAULT}`,
      examples([
        [`npx shien diff HEAD~1 ${DEFAULT}`, `直前のコミットといまの ${DEFAULT}`],
        ['npx shien diff v1 v2', `${DEFAULT} の v1 と v2（タグ）`],
        ...(previous ? [[`npx shien diff ${previous} ${DEFAULT}`, '二つのフォルダ（昨年度と今年度）'] as [string, string]] : []),
      ]),
      '',
      '変更がなければ「変更はありません」と示し、ファイルは作りません。',
    ].join('\n'))
    .action(async (oldArg: string, newArg: string, opts: { out?: string; format: string[]; verbose?: boolean }) => {
      const time = fixedTime();
      if (hasErrors(time.problems)) {
        report(time.problems);
        return exitWith(time.problems);
      }
      const [{ formatComparison, formatSummary }, { diffPlans }, { loadResources }] = await Promise.all([
        import('../diff/text.js'), import('../pipeline/compare.js'), import('../check/resources.js'),
      ]);
      let resources: Resources | undefined;
      const r = await diffPlans(
        { old: oldArg, new: newArg, outDir: opts.out, cwd: process.cwd(), defaultDir: DEFAULT, formats: opts.format, fixedTime: time.time, stats: statsWanted() },
        () => (resources ??= loadResources()),
      );
      report([...time.problems, ...r.problems]);
      exitWith(r.problems);
      if (r.compared && r.old && r.new) {
        const documents = r.compared.map((d) => ({ name: d.stem, rows: d.rows }));
        const text = { oldLabel: r.old.label, newLabel: r.new.label, ansi: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR };
        out((opts.verbose ? formatComparison : formatSummary)(documents, text));
      }
      if (opts.verbose) {
        const unchanged = new Set(r.unchanged);
        for (const f of r.files) out(`${unchanged.has(f) ? '変更なし' : '作成'}: ${f}`);
        for (const f of r.removed ?? []) out(`削除: ${f}（もう変わっていない文書の新旧対照表か、途中で止まった作成の一時ファイル）`);
      } else if (r.files.length || r.removed?.length) {
        out(`出力先: ${r.outDir}（${r.files.length}ファイル${r.removed?.length ? `、前回の ${r.removed.length}ファイルを削除` : ''}）`);
      }
      if (hasErrors(r.problems) && r.compared?.length) err('新旧対照表の一部またはすべてを作りませんでした（前回の出力はそのまま残っています）。');
    });
};
