import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

// The command runs compiled JavaScript (dist/), and a stale compiled file is impossible: the bin
// compiles again whenever the sources differ from those dist/ was made from.

const ROOT = join(import.meta.dirname, '..');

/**
 * A copy of the project to compile in: node_modules linked, the fonts hard-linked (a build reads no
 * file that is a link out of the project, so fonts/ cannot be one), copied where links cannot be made.
 */
function projectCopy(): string {
  const copy = tempDir();
  for (const d of ['bin', 'scripts', 'src', 'templates', 'schema']) cpSync(join(ROOT, d), join(copy, d), { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) cpSync(join(ROOT, f), join(copy, f));
  // The smallest plan the check lays out: what runs is the compiled code (the check, the layout, the
  // fonts), not the size of the plan, and four of these start at once on two cores.
  cpSync(join(ROOT, 'test', 'fixtures', 'plans', 'minimal'), join(copy, 'plans', 'minimal'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  mkdirSync(join(copy, 'fonts'));
  for (const f of readdirSync(join(ROOT, 'fonts'))) {
    try {
      linkSync(join(ROOT, 'fonts', f), join(copy, 'fonts', f));
    } catch {
      copyFileSync(join(ROOT, 'fonts', f), join(copy, 'fonts', f));
    }
  }
  return copy;
}

describe('the compiled command', () => {
  it('compiles when dist/ is missing, and again after an edit to the sources', () => {
    const copy = projectCopy();
    // Saved a minute ago: digests read within two seconds of a save are not remembered.
    const past = new Date(Date.now() - 60_000);
    for (const e of readdirSync(join(copy, 'src'), { recursive: true, withFileTypes: true })) utimesSync(join(e.parentPath, e.name), past, past);
    const shien = (...args: string[]) => spawnSync(process.execPath, [join(copy, 'bin', 'shien.mjs'), ...args], { cwd: copy, encoding: 'utf8' });

    const compiled = () => readdirSync(join(copy, 'dist')).filter((d) => !d.startsWith('.'));
    const first = shien('--help');
    expect(first.status).toBe(0);
    const [digest] = compiled();

    // The sources' digests are remembered by size, time and inode (dist/.sources.json): an edit that
    // keeps the file's size, its time set back as a copy or a checkout may leave it, is still seen.
    const program = join(copy, 'src', 'cli', 'program.ts');
    writeFileSync(program, readFileSync(program, 'utf8').replace('計画データから作ります。', '計画編集版から作ります。'));
    const earlier = new Date(Date.now() - 30_000);
    utimesSync(program, earlier, earlier);
    const edited = shien('--help');
    expect(edited.status).toBe(0);
    expect(edited.stdout.replace(/\s+/g, '')).toContain('計画編集版から作ります。');
    // A new folder for the new sources; the old one stays for commands still running from it.
    expect(compiled()).toHaveLength(2);
    expect(compiled()).toContain(digest);

    const again = shien('validate', 'plans/minimal');
    expect(again.status, again.stderr).toBe(0);
  });

  it('is compiled once when several commands start together after an edit', async () => {
    const copy = projectCopy();
    const runs = await Promise.all(Array.from({ length: 4 }, () => new Promise<number | null>((resolve) => {
      spawn(process.execPath, [join(copy, 'bin', 'shien.mjs'), 'validate', 'plans/minimal'], { cwd: copy, stdio: 'ignore' }).on('close', resolve);
    })));
    expect(runs).toEqual([0, 0, 0, 0]);
    expect(readdirSync(join(copy, 'dist')).filter((d) => !d.startsWith('.'))).toHaveLength(1);
  });
});
