import { join } from 'node:path';
import * as z from 'zod';
import { ROOT } from '../core/paths.js';
import { Failure } from '../core/problem.js';
import { COLON_ADVICE, LIST_ADVICE, TYPE_NAMES } from '../core/yaml.js';
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

/**
 * The days that exist, as a pattern (the zod schema's refine cannot travel into JSON): every month's
 * length, and 29 February in the years divisible by 4 but not by 100, or by 400.
 */
export const EXISTING_DAY =
  '^(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))' +
  '|(?:\\d\\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$';

/**
 * What yaml-language-server shows as `errorMessage` when a value is not one of an enum's (it would
 * say `Value is not accepted. Valid values: …`): the values, or for a long list where to find them.
 */
function enumMessage(values: readonly unknown[]): string {
  if (values.length > 6) return `候補（${values.length} 個）のどれかを書いてください。入力の補完で、候補とその名前が出ます。`;
  return `${values.map((v) => `「${String(v)}」`).join('')}の${values.length === 2 ? 'どちら' : 'どれ'}かを書いてください。`;
}

/**
 * What yaml-language-server shows as `errorMessage` for a value of the wrong type (`Incorrect type.
 * Expected "string".`), in the words `validate` uses. An object gets none: there the server would
 * show it in place of naming the missing or unknown key.
 */
function typeMessage(json: { type?: unknown; pattern?: unknown; format?: unknown; patternErrorMessage?: unknown }): string | undefined {
  const type = json.type === 'integer' ? 'int' : typeof json.type === 'string' ? json.type : undefined;
  if (!type || type === 'object' || !TYPE_NAMES[type]) return undefined;
  // A date or a code written unquoted reads as a number: the form it should have says more than 「文字列」.
  if (typeof json.patternErrorMessage === 'string') return json.patternErrorMessage;
  const said = `${TYPE_NAMES[type]}で書いてください。`;
  if (type === 'array') return `${said}${LIST_ADVICE}`;
  // A sentence that reads as a map is the usual way a free text goes wrong; an id or a colour is not a sentence.
  if (type === 'string' && !json.pattern && !json.format) return `${said}文の中に半角のコロン「: 」があると、その行は項目名と値の組（マップ）として読まれます。${COLON_ADVICE}`;
  return said;
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
            const message = Array.isArray(jsonSchema.enum) ? enumMessage(jsonSchema.enum) : typeMessage(jsonSchema);
            if (message) jsonSchema.errorMessage = message;
            // 2023-02-30 has the form of a date; the form's own pattern says when the form is wrong.
            if (jsonSchema.format === 'date') {
              jsonSchema.allOf = [{
                pattern: `^(?!\\d{4}-\\d{2}-\\d{2}$)|${EXISTING_DAY}`,
                patternErrorMessage: '暦にない日付です。月の日数と、うるう年（2月29日）かどうかを確かめてください。',
              }];
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
