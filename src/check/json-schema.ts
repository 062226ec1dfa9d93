import { join } from 'node:path';
import { z } from 'zod';
import { ROOT } from '../core/paths.js';
import { Failure } from '../core/problem.js';
import { loadPlanFiles } from '../plan/files.js';
import { defaultPlanDir } from '../plan/years.js';
import { CategoryRef, Plan } from '../plan/schema.js';
import { Theme } from '../theme/theme.js';
import { LocalCode, LocalPlan, PrefectureCode, Registry } from '../plan/jurisdiction.js';

/** A value an editor offers, and the name it shows beside it. */
interface Choice {
  value: string;
  name: string;
}

/**
 * What the plan's data defines and its schema therefore cannot: the categories of the Act and the
 * codes of the jurisdictions, as the repository's default plan (the newest) and registry have them.
 */
export interface EditorChoices {
  categories: Choice[];
  jurisdictions: Choice[];
  prefectures: Choice[];
}

export function defaultChoices(dir = defaultPlanDir(ROOT)): EditorChoices {
  const { files, problems } = loadPlanFiles(dir);
  if (!files) throw new Failure(problems);
  return {
    categories: files.plan.act.categories.map((c) => ({ value: c.id, name: c.title })),
    jurisdictions: files.registry.map((j) => ({ value: j.code, name: j.name })),
    prefectures: files.registry.filter((j) => j.kind === 'prefecture').map((j) => ({ value: j.code, name: j.name })),
  };
}

/** The message a zod regex or format (url) gives, for editors to show instead of the expression itself. */
function patternMessage(schema: z.core.$ZodType): string | undefined {
  const checks = [...(schema._zod.def.checks ?? []), schema];
  for (const check of checks) {
    const def = check._zod.def as { check?: string; format?: string; error?: (issue: unknown) => unknown };
    if (def.check !== 'string_format' || !def.error) continue;
    const said = def.error({ code: 'invalid_format', format: def.format, input: '' });
    const message = typeof said === 'string' ? said : (said as { message?: string } | undefined)?.message;
    if (message) return message;
  }
  return undefined;
}

/** JSON Schemas for editors, generated from the zod schemas: never written by hand. */
export function writeSchemas(choices: EditorChoices = defaultChoices()): [string, string][] {
  const listed = new Map<z.core.$ZodType, Choice[]>([
    [CategoryRef, choices.categories],
    [LocalCode, choices.jurisdictions],
    [PrefectureCode, choices.prefectures],
  ]);
  const json = (schema: z.ZodType, title: string) =>
    JSON.stringify(
      {
        title,
        ...z.toJSONSchema(schema, {
          io: 'input',
          unrepresentable: 'any',
          override: ({ zodSchema, jsonSchema }) => {
            // yaml-language-server shows patternErrorMessage where it would show the expression.
            if ((jsonSchema.pattern || jsonSchema.format) && !jsonSchema.patternErrorMessage) {
              const message = patternMessage(zodSchema);
              if (message) jsonSchema.patternErrorMessage = message;
            }
            const values = listed.get(zodSchema);
            if (values?.length) {
              jsonSchema.enum = values.map((c) => c.value);
              jsonSchema.enumDescriptions = values.map((c) => c.name);
            }
          },
        }),
      },
      null,
      2,
    ) + '\n';
  return [
    ['plan.schema.json', json(Plan, '中小企業支援計画（plans/<年度>/plan.yaml）')],
    ['theme.schema.json', json(Theme, '見た目の設定（templates/theme.yaml）')],
    ['jurisdictions.schema.json', json(Registry, '都道府県等の一覧（plans/jurisdictions.yaml）')],
    ['local-plan.schema.json', json(LocalPlan, '都道府県等の事業と相談窓口（plans/<年度>/jurisdictions/<コード>-<名前>.yaml）')],
  ];
}
