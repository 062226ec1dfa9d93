import { z } from 'zod';
import { Plan } from './schema.js';
import { Theme } from '../theme/theme.js';
import { LocalPlan, Registry } from './jurisdiction.js';

/** JSON Schemas for editors, generated from the zod schemas: never written by hand. */
export function writeSchemas(): [string, string][] {
  const json = (schema: z.ZodType, title: string) =>
    JSON.stringify({ title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) }, null, 2) + '\n';
  return [
    ['plan.schema.json', json(Plan, '中小企業支援計画（plans/<年度>/plan.yaml）')],
    ['theme.schema.json', json(Theme, '見た目の設定（templates/theme.yaml）')],
    ['jurisdictions.schema.json', json(Registry, '都道府県等の一覧（plans/jurisdictions.yaml）')],
    ['local-plan.schema.json', json(LocalPlan, '都道府県等の事業と相談窓口（plans/<年度>/jurisdictions/<コード>-<名前>.yaml）')],
  ];
}
