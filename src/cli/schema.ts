import { Command } from 'commander';
import { join, relative } from 'node:path';
import { ROOT } from '../core/paths.js';
import { defaultPlanDir, planLabel } from '../plan/years.js';
import { out } from './io.js';
import { nonEmpty } from './options.js';

export const schemaCommand = () =>
  new Command('schema')
    .description(`エディタ用の JSON Schema を書き出す（計画・都道府県等の一覧とファイル・見た目の設定）。事業区分と都道府県等のコードの候補は既定の計画（plans/ の中で年度の最も新しいもの）から`)
    .option('--out <DIR>', '出力先のフォルダ', nonEmpty, 'schema')
    .action(async (opts: { out: string }) => {
      const [{ writeSchemas }, { writeAtomically }] = await Promise.all([import('../check/json-schema.js'), import('../pipeline/write.js')]);
      const files = writeSchemas().map(([name, json]) => ({ path: join(opts.out, name), bytes: Buffer.from(json) }));
      writeAtomically(files);
      for (const f of files) out(`作成: ${f.path}`);
      // The lists of categories and codes come from a plan: say which.
      out(`事業区分と都道府県等のコードの候補: ${planLabel(relative(process.cwd(), defaultPlanDir(ROOT)) || '.')}`);
    });
