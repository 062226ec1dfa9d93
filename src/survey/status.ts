import type { PlanSet } from '../check/plan-set.js';
import { fileStem, LOCAL_DIR } from '../plan/files.js';
import { join } from 'node:path';

// Who has answered: one row per jurisdiction of the plan, from its file as it stands.

export const STATES = ['answered', 'unanswered', 'sample', 'invalid'] as const;
export type SurveyState = (typeof STATES)[number];

/** How the table names each state. */
export const STATE_LABEL: Record<SurveyState, string> = { unanswered: '未回答', answered: '回答済み', sample: '見本', invalid: '誤りあり' };

export interface StatusRow {
  code: string;
  name: string;
  state: SurveyState;
  /** The jurisdiction's file, when it has one. */
  file?: string;
  /** When its answer was imported (`answered:` in its file). */
  answered?: string;
  /** The fiscal year its data was carried over from, still unanswered. */
  carriedOver?: number;
}

export interface SurveyStatus {
  rows: StatusRow[];
  counts: Record<SurveyState, number>;
}

/**
 * A jurisdiction has answered when its file holds data of this year: not carried over from last
 * year (`carriedOver:`), not the sample, and data that checks. No file at all is 未回答 too.
 */
export function surveyStatus(set: PlanSet): SurveyStatus {
  const rows = set.registry.map((j): StatusRow => {
    const file = join(set.dir, LOCAL_DIR, `${fileStem(j)}.yaml`);
    const base = { code: j.code, name: j.name };
    if (set.failed.has(j.code)) return { ...base, state: 'invalid', file };
    const local = set.locals.get(j.code);
    if (!local) return { ...base, state: 'unanswered' };
    const { carriedOver, answered, sample } = local.plan;
    const state: SurveyState = carriedOver !== undefined ? 'unanswered' : sample ? 'sample' : 'answered';
    return { ...base, state, file, ...(answered ? { answered } : {}), ...(carriedOver !== undefined ? { carriedOver } : {}) };
  });
  const counts = Object.fromEntries(STATES.map((s) => [s, rows.filter((r) => r.state === s).length])) as Record<SurveyState, number>;
  return { rows, counts };
}
