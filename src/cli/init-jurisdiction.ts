import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../core/problem.js';
import { exitWith, out, report } from './io.js';
import { PLAN_DIR_ARGUMENT, announcePlan } from './options.js';

export const initJurisdictionCommand = () =>
  new Command('init-jurisdiction')
    .description('都道府県等の事業と相談窓口を書くファイルのひな形を作る（plans/<年度>/jurisdictions/<コード>-<名前>.yaml）')
    .argument('<CODE>', '都道府県等のコード・名前・ローマ字（例: 13、東京都、tokyo、011002）')
    .argument(...PLAN_DIR_ARGUMENT)
    .option('--force', '同名のファイルがあっても上書きする')
    .action(async (key: string, planDir: string, opts: { force?: boolean }) => {
      const [{ fileStem, findJurisdiction, LOCAL_DIR }, { localPlanSkeleton }, { checkPlanSet }, { loadResources }, { writeAtomically }, { unknownJurisdiction }] = await Promise.all([
        import('../plan/files.js'), import('../plan/skeleton.js'), import('../check/plan-set.js'), import('../check/resources.js'), import('../pipeline/write.js'), import('../pipeline/select.js'),
      ]);
      announcePlan(planDir);
      const checked = checkPlanSet(planDir, loadResources);
      const fail = (problems: Problem[]) => {
        report(problems);
        exitWith(problems);
      };
      if (!checked.set) return fail(checked.problems);
      const j = findJurisdiction(checked.set.registry, key);
      if (!j) return fail([unknownJurisdiction(checked.set.registry, key)]);
      const file = join(planDir, LOCAL_DIR, `${fileStem(j)}.yaml`);
      if (existsSync(file) && !opts.force) {
        return fail([{ severity: 'error', code: 'usage/exists', file, message: `${file} はもうあります（上書きするには --force）。` }]);
      }
      writeAtomically([{ path: file, bytes: Buffer.from(localPlanSkeleton(j, checked.set.plan)) }]);
      out(`作成: ${file}`);
    });
