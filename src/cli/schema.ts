import { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSchemas } from '../plan/json-schema.js';
import { out } from './io.js';

export const schemaCommand = () =>
  new Command('schema')
    .description('エディタ用の JSON Schema を書き出す（計画と見た目の設定）')
    .option('--out <DIR>', '出力先のフォルダ', 'schema')
    .action((opts: { out: string }) => {
      mkdirSync(opts.out, { recursive: true });
      for (const [name, json] of writeSchemas()) {
        writeFileSync(join(opts.out, name), json);
        out(`作成: ${join(opts.out, name)}`);
      }
    });
