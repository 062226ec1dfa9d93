import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

// The stages of src/ and the one direction of imports, as .dependency-cruiser.cjs states them,
// checked by dependency-cruiser over the real sources; and over a copy with a deliberate breach, so
// that a rule that could never fail is noticed.

const ROOT = join(import.meta.dirname, '..');
const config = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs'));

async function violations(dir: string): Promise<IViolation[]> {
  const r = await cruise(['src'], { ...config.options, ruleSet: { forbidden: config.forbidden }, baseDir: dir, validate: true });
  return (r.output as ICruiseResult).summary.violations;
}

const shown = (v: IViolation[]) => v.map((x) => `${x.rule.name}: ${x.from} → ${x.to}${x.cycle ? ` (${x.cycle.map((c) => c.name).join(' → ')})` : ''}`);

const copies: string[] = [];
afterAll(() => copies.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the sources with text written to files (a new file, or appended to one there), and the packages linked. */
function breached(files: readonly (readonly [string, string])[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'shien-arch-'));
  copies.push(dir);
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
  cpSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  // The packages, so that the copy breaks no rule but the breaches (an unresolvable import is one).
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  for (const [file, text] of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text, { flag: 'a' });
  }
  return dir;
}

describe('the architecture', () => {
  it('has no cycle, no import from a lower stage to a higher one, no writer reaching into another', async () => {
    expect(shown(await violations(ROOT))).toEqual([]);
  }, 60_000);

  it('fails on a deliberate breach of each kind of rule', async () => {
    const cases: [string, string, string][] = [
      // The document model reaching up into the writers.
      ['src/document/breach.ts', "export { WRITERS } from '../render/writers.js';\n", 'document-imports-upward'],
      // The layout stage reaching up into the PDF writer for its engine.
      ['src/layout/breach.ts', "export { measurePdf } from '../render/pdf/index.js';\n", 'layout-imports-upward'],
      // One writer using another's code.
      ['src/render/html/breach.ts', "export { writeDocx } from '../docx/index.js';\n", 'writer-imports-writer'],
      // Two siblings of one stage.
      ['src/theme/breach.ts', "export { Plan } from '../plan/schema.js';\n", 'theme-imports-sibling'],
      // A cycle inside one folder.
      ['src/core/breach.ts', "export { formatProblem } from './print.js';\nexport const x = 1;\n", 'no-cycle'],
      // A folder that is no stage.
      ['src/misc/breach.ts', "export { describedEnum } from '../core/schema.js';\n", 'stage-known'],
    ];
    // All in one copy, cruised once (a cruise of src/ takes a second): each breach must be reported
    // under its own rule, from its own file, so that one cannot stand in for another.
    // The cycle's other half is appended to an existing file.
    const found = await violations(breached([...cases.map(([file, text]) => [file, text] as const), ['src/core/print.ts', `import { x } from './breach.js';\nvoid x;\n`]]));
    for (const [file, , rule] of cases) {
      expect(found.some((v) => v.rule.name === rule && (v.from === file || (rule === 'no-cycle' && v.from === 'src/core/print.ts'))), `${rule} for ${file}: ${shown(found).join('; ')}`).toBe(true);
    }
    // And none but these: the sources without them have none (the test above).
    expect(shown(found)).toHaveLength(cases.length);
  }, 120_000);

  it('reads environment variables and the working directory at the command line only (src/cli/)', () => {
    const found: string[] = [];
    for (const entry of readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })) {
      const file = join(entry.parentPath, entry.name);
      if (!entry.isFile() || !/\.(ts|mjs|js)$/.test(entry.name) || file.startsWith(join(ROOT, 'src', 'cli'))) continue;
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        // What a comment says of them is no read.
        if (/process\.(env|cwd)\b/.test(line.replace(/\/\/.*$|^\s*\*.*$/, ''))) found.push(`${file.slice(ROOT.length + 1)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
