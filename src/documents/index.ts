import type { PlanFiles } from '../plan/files.js';
import { comparison } from './comparison.js';
import { data } from './data.js';
import { handout } from './handout.js';
import type { DocumentKind } from './kind.js';
import { site } from './site.js';
import { summary } from './summary.js';

// The table of document kinds. `build` makes every kind made from a plan (the pages and the open
// data); `diff` makes comparisons; `publish` the index of the published folder.

export const KINDS = { summary, handout, data, comparison, site } as const;

/** The kinds a plan is made into, in the order they are built and listed. */
export const PLAN_KINDS: readonly DocumentKind<PlanFiles>[] = [summary, handout, data];


export type { DocumentKind, Instance, PageKind } from './kind.js';
