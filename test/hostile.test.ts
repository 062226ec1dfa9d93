import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSurveys } from '../src/survey/index.js';
import { SHEET } from '../src/survey/layout.js';
import { checkPlan, problemLine, tempDir } from './helpers.js';

// Trust, second round (issue 24): workbooks from 67 offices, symlinks, marks, options. Each case
// published something wrong, exhausted the machine, or said nothing, before the change it tests.

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'shien.mjs');
const TIME = new Date('2023-03-30T15:00:00Z');

const shien = (args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env } });

/** Every file under a folder with its bytes, to show that a refused command changed nothing. */
function snapshotOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const f = join(e.parentPath, e.name);
    out[f.slice(dir.length)] = readFileSync(f).toString('base64');
  }
  return out;
}

let work: string;
let planDir: string;
let exported: string;

beforeAll(async () => {
  work = tempDir('shien-hostile-');
  cpSync(join(ROOT, 'plans'), join(work, 'plans'), { recursive: true });
  planDir = join(work, 'plans', 'r5');
  const checked = checkPlan(planDir);
  if (!checked.set) throw new Error(JSON.stringify(checked.problems.map((p) => p.code)));
  exported = join(work, 'exported');
  const r = await exportSurveys(checked.set, { outDir: exported, jurisdictions: ['13'], time: TIME });
  expect(r.problems).toEqual([]);
});

// --- zip bombs -------------------------------------------------------------------------------------

interface ZipPart {
  name: string;
  /** Raw deflate data. */
  data: Buffer;
  /** The inflated size the archive states (a bomb may state less than the truth). */
  size: number;
}

/** A zip archive written part by part, stating the sizes given (CRCs left zero: they are never reached). */
function zipOf(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, p.data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(p.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + p.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

/** Raw deflate of `size` bytes of spaces, made a megabyte at a time (never held inflated). */
async function deflatedSpaces(size: number): Promise<Buffer> {
  const z = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  z.on('data', (c: Buffer) => chunks.push(c));
  const mib = Buffer.alloc(1024 * 1024, 0x20);
  for (let done = 0; done < size; done += mib.length) {
    if (!z.write(mib.subarray(0, Math.min(mib.length, size - done)))) await once(z, 'drain');
  }
  z.end();
  await once(z, 'end');
  return Buffer.concat(chunks);
}

let gibibyte: Promise<Buffer> | undefined;

/** The exported workbook with one sheet's part replaced by a gibibyte of spaces, stating `stated` as its size. */
async function bomb(stated: (real: number) => number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(join(exported, '13-tokyo.xlsx')));
  const GIB = 1024 * 1024 * 1024;
  const huge = await (gibibyte ??= deflatedSpaces(GIB));
  const parts: ZipPart[] = [];
  for (const name of Object.keys(zip.files).sort()) {
    if (name === 'xl/worksheets/sheet2.xml') {
      parts.push({ name, data: huge, size: stated(GIB) });
      continue;
    }
    const bytes = await zip.file(name)!.async('nodebuffer');
    parts.push({ name, data: deflateRawSync(bytes), size: bytes.length });
  }
  return zipOf(parts);
}

/** `survey import` as a user runs it, under /usr/bin/time: its result and its peak memory in MB. */
function importMeasured(file: string) {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, CLI, 'survey', 'import', file, planDir], { encoding: 'utf8', cwd: ROOT });
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) / 1024;
  return { ...r, rss };
}

describe('a zip bomb in a returned workbook is refused before it is inflated', () => {
  const MEMORY_MB = 200;

  it('a part stating 1 GiB: survey/oversized at the workbook, exit 1, under 200 MB, nothing written', async () => {
    const dir = join(work, 'bomb-honest');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, '13-tokyo.xlsx');
    writeFileSync(file, await bomb((real) => real));
    expect(statSync(file).size).toBeLessThan(2 * 1024 * 1024);
    const before = snapshotOf(planDir);
    const r = importMeasured(file);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(problemLine('error', 'survey/oversized'));
    expect(r.stderr).toMatch(/13-tokyo\.xlsx: error: ブックの中の「xl\/worksheets\/sheet2\.xml」は展開すると 1024 MB になります/);
    expect(r.stderr).not.toMatch(/\n\s+at |Bug|mismatch/);
    expect(r.rss).toBeGreaterThan(0);
    expect(r.rss).toBeLessThan(MEMORY_MB);
    expect(snapshotOf(planDir)).toEqual(before);
  });

  it('a part stating 10 KB that inflates to 1 GiB: stopped at the stated size, exit 1, under 200 MB', async () => {
    const dir = join(work, 'bomb-lying');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, '13-tokyo.xlsx');
    writeFileSync(file, await bomb(() => 10_000));
    const before = snapshotOf(planDir);
    const r = importMeasured(file);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(problemLine('error', 'survey/unreadable'));
    expect(r.stderr).toContain('13-tokyo.xlsx: error: ブックの中の「xl/worksheets/sheet2.xml」が、目録に書かれた大きさのとおりに展開できません');
    expect(r.stderr).not.toMatch(/\n\s+at |Bug|mismatch/);
    expect(r.rss).toBeLessThan(MEMORY_MB);
    expect(snapshotOf(planDir)).toEqual(before);
  });

  it('a ratio no workbook has (2 MB of spaces in 2 KB) is refused at the directory', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(exported, '13-tokyo.xlsx')));
    const padded = Buffer.alloc(2 * 1024 * 1024, 0x20);
    zip.file('xl/media/padding.bin', padded, { compression: 'DEFLATE', compressionOptions: { level: 9 } });
    const file = join(work, 'ratio', '13-tokyo.xlsx');
    mkdirSync(join(work, 'ratio'), { recursive: true });
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const r = shien(['survey', 'import', file, planDir]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(problemLine('error', 'survey/oversized'));
    expect(r.stderr).toMatch(/13-tokyo\.xlsx: error: ブックの中の「xl\/media\/padding\.bin」は .* 倍、上限 100 倍/);
  });

  it('the workbook as exported passes the same checks', () => {
    const r = shien(['survey', 'import', join(exported, '13-tokyo.xlsx'), planDir, '--dry-run']);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(exported, '13-tokyo.xlsx'))).toBe(true);
  });
});

// --- returned workbooks: what exceljs would read wrong ---------------------------------------------

/** The exported workbook of Tokyo, changed by `edit`, written to `<work>/<folder>/13-tokyo.xlsx`. */
async function variant(folder: string, edit: (wb: ExcelJS.Workbook) => void, name = '13-tokyo.xlsx'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(exported, '13-tokyo.xlsx')) as unknown as ArrayBuffer);
  edit(wb);
  const dir = join(work, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), Buffer.from(await wb.xlsx.writeBuffer()));
  return join(dir, name);
}

describe('merged cells in the data area are refused, not read as data twice', () => {
  it('D5:D6 in 「事業」 and D6:E6 in 「相談窓口」: survey/merged-cells at each range, exit 1, nothing written', async () => {
    const file = await variant('merged', (wb) => {
      wb.getWorksheet(SHEET.programmes)!.mergeCells('D5:D6');
      wb.getWorksheet(SHEET.contacts)!.mergeCells('D6:E6');
    });
    const before = snapshotOf(planDir);
    const r = shien(['survey', 'import', file, planDir]);
    expect(r.status, r.stderr).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.includes('error:'));
    expect(lines).toEqual([
      expect.stringMatching(/13-tokyo\.xlsx 「事業」 D5:D6: error: セル D5:D6 が結合されています。.* \[survey\/merged-cells\]$/),
      expect.stringMatching(/13-tokyo\.xlsx 「相談窓口」 D6:E6: error: セル D6:E6 が結合されています。.* \[survey\/merged-cells\]$/),
    ]);
    expect(r.stderr).toContain('セルの結合を解除し');
    expect(r.stdout).toContain('取り込み 0 件、誤り 1 件');
    expect(snapshotOf(planDir)).toEqual(before);
  });

  it('a merge outside the data area (a note beside the table) is no problem', async () => {
    const file = await variant('merged-outside', (wb) => wb.getWorksheet(SHEET.programmes)!.mergeCells('H5:I6'));
    const r = shien(['survey', 'import', file, planDir, '--dry-run']);
    expect(r.status, r.stderr).toBe(0);
  });
});
