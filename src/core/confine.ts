import { isAbsolute, relative, resolve } from 'node:path';
import { lstatSync, realpathSync } from 'node:fs';
import type { Problem } from './problem.js';

// One rule for every file a run reads (plan, registry, jurisdiction files, theme, templates,
// partials, font list, fonts): its path, as written and as its links resolve, lies inside the
// folder it belongs to: plan data inside the plan root (the folder that holds the plan's folder),
// templates and fonts inside the folder that holds templates/ or fonts/ (the project). A link that
// points elsewhere is named with where it points; the file is never opened.

const within = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/** Where a path really is, when it is there; undefined when it is not (reading it will say so). */
function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Whether a path lies inside the root, as written and as its links resolve. Decided without opening the file. */
export function inside(root: string, path: string): boolean {
  if (!within(resolve(root), resolve(path))) return false;
  const real = realPath(path);
  // Not there (yet): as written is all there is to judge, unless it is a link that points nowhere.
  if (real === undefined) return !lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink();
  return within(realPath(root) ?? resolve(root), real);
}

export interface Confinement {
  /** The code of the problem, `<area>/path-outside`. */
  code: string;
  /** What the root is, for the message: 「計画のフォルダ」, 「プロジェクトのフォルダ」. */
  rootName: string;
  hint?: string;
}

/** The problem of a file outside its root (naming the link and where it points), or undefined when it is inside. */
export function confine(root: string, file: string, rule: Confinement, where: Partial<Problem> = {}): Problem | undefined {
  if (inside(root, file)) return undefined;
  const real = realPath(file);
  const link = within(resolve(root), resolve(file)) && lstatSync(file, { throwIfNoEntry: false }) !== undefined;
  return {
    severity: 'error', code: rule.code, file, ...where,
    message: link
      ? `${file} はリンクで、${rule.rootName}の外の ${real ?? '（ない場所）'} を指しています。${rule.rootName}（${root}）の外のファイルは読みません。`
      : `${rule.rootName}の外のファイル ${file} は読みません（読めるのは ${root} の中だけです）。`,
    ...(rule.hint ? { hint: rule.hint } : {}),
  };
}

/** Templates, the theme, the font list and the fonts: inside the project, the folder that holds templates/ and fonts/. */
export const projectFile = (area: 'template' | 'theme' | 'font'): Confinement => ({
  code: `${area}/path-outside`,
  rootName: 'プロジェクトのフォルダ',
  hint: area === 'font'
    ? '書体のファイルは fonts/ の中に、リンクでなくファイルそのものを置いてください。'
    : 'テンプレートとテーマは templates/ の中に、リンクでなくファイルそのものを置いてください。',
});
