import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { confine, projectFile } from '../core/confine.js';
import { locate } from '../core/positions.js';
import type * as fontkit from 'fontkit';
import { cachedCoverage } from './cache.js';
import { Coverage } from './coverage.js';
import { createFont } from './parse.js';
import * as z from 'zod';
import { FONTS_DIR } from '../core/paths.js';
import { loadYaml, type Loaded } from '../core/yaml.js';
import { Failure, formatPath, type Problem } from '../core/problem.js';

// One registry of font files for both renderers and for the glyph check. Files are read and
// parsed at most once per thread: pdfmake would otherwise parse each font again for every document.

const FontsFile = z.strictObject({
  families: z.record(z.string().min(1), z.strictObject({ regular: z.string().min(1), bold: z.string().min(1).optional() })),
});

/** A font file, read and parsed on first use: a fallback font is large and most documents never need it. */
export class Face {
  private bytes?: Buffer;
  private parsed?: fontkit.Font;
  private covered?: Coverage;
  /** A character of some document is drawn with this face: the PDF writer must be given it. */
  used = false;
  constructor(readonly file: string) {}

  /** What the face can draw, without parsing it when the cache knows (fonts/cache.ts). */
  get coverage(): Coverage {
    return (this.covered ??= cachedCoverage(this.file, () => this.data, () => Coverage.fromFont(this.font)));
  }

  /**
   * The height of a line of this face set solid, in ems: ascent and descent as PDF readers and
   * pdfkit take them (hhea). Line pitch is set as a multiple of the type size, whatever the face.
   */
  get lineHeightEm(): number {
    const f = this.font;
    return (f.ascent - f.descent) / f.unitsPerEm;
  }

  get loaded(): boolean {
    return this.bytes !== undefined;
  }

  get data(): Buffer {
    if (!this.bytes) {
      try {
        this.bytes = readFileSync(this.file);
      } catch {
        throw new Failure([{ severity: 'error', code: 'font/missing-file', file: this.file, message: `書体のファイルがありません: ${this.file}` }]);
      }
    }
    return this.bytes;
  }

  get font(): fontkit.Font {
    if (!this.parsed) {
      const data = this.data;
      let font: fontkit.Font;
      try {
        font = createFont(data);
      } catch {
        throw this.unreadable('書体のファイルとして読めません');
      }
      // fontkit reads tables when they are first used: a file cut short (a failed copy or download)
      // would fail deep inside a layout. Every table must lie within the file.
      const tables = (font as unknown as { directory?: { tables?: Record<string, { offset: number; length: number }> } }).directory?.tables;
      if (!tables || Object.values(tables).some((t) => t.offset + t.length > data.length)) {
        throw this.unreadable('書体のファイルが途中で切れています（壊れています）');
      }
      this.parsed = font;
    }
    return this.parsed;
  }

  private unreadable(what: string): Failure {
    return new Failure([{
      severity: 'error', code: 'font/unreadable', file: this.file,
      message: `${what}: ${this.file}`,
      hint: 'fonts/ の書体のファイルを、入手したときのものに置き換えてください（git checkout -- fonts/ で戻せます）。',
    }]);
  }
}

/**
 * Each file the listing names, judged before any is opened: a name that leads out of the fonts'
 * folder (`../../../../etc/passwd`, an absolute path) at its line, and a link that points out of the
 * project where it is.
 */
function listingProblems(dir: string, project: string, r: Loaded<z.infer<typeof FontsFile>>): Problem[] {
  const problems: Problem[] = [];
  for (const [name, def] of Object.entries(r.value!.families)) {
    for (const weight of ['regular', 'bold'] as const) {
      const file = def[weight];
      if (file === undefined) continue;
      const path = ['families', name, weight];
      const place = r.doc && r.lineCounter ? locate(r.doc, r.lineCounter, path)?.place : undefined;
      const where = { file: join(dir, 'fonts.yaml'), source: r.source, place, path: formatPath(path) };
      const rel = relative(dir, join(dir, file));
      if (isAbsolute(file) || rel === '' || rel === '..' || rel.startsWith(`..${sep}`)) {
        problems.push({
          severity: 'error', code: 'font/path-outside', ...where,
          message: `書体のファイル「${file}」は fonts/ の外を指しています。fonts/ の中のファイルの名前だけを書いてください。`,
          found: file,
          hint: '例: regular: BIZUDPGothic-Regular.ttf',
        });
        continue;
      }
      const away = confine(project, join(dir, file), projectFile('font'), where);
      if (away) problems.push(away);
    }
  }
  return problems;
}

export interface Family {
  name: string;
  regular: Face;
  /** Bold face; the regular one when the family has none. */
  bold: Face;
}

export class FontRegistry {
  private constructor(
    readonly dir: string,
    readonly families: ReadonlyMap<string, Family>,
  ) {}

  /** Reads the listing and checks that every file is there; the files themselves are read when used. */
  static load(dir = FONTS_DIR): FontRegistry {
    const listing = join(dir, 'fonts.yaml');
    // The fonts' folder lives in the project: the project is the folder above it.
    const project = dirname(resolve(dir));
    const away = confine(project, listing, projectFile('font'));
    if (away) throw new Failure([away]);
    const r = loadYaml(listing, FontsFile, 'font');
    // A listing that is missing or unreadable is a broken installation, like a missing font file.
    if (!r.value) throw new Failure(r.problems.map((p) => (p.code.startsWith('file/') ? { ...p, code: 'font/missing-file' } : p)));
    const entryProblems = listingProblems(dir, project, r);
    if (entryProblems.length) throw new Failure(entryProblems);
    const faces = new Map<string, Face>();
    const face = (file: string): Face => {
      let f = faces.get(file);
      if (!f) {
        const path = join(dir, file);
        if (!statSync(path, { throwIfNoEntry: false })?.isFile()) {
          throw new Failure([{ severity: 'error', code: 'font/missing-file', file: path, message: `書体のファイルがありません: ${path}` }]);
        }
        f = new Face(path);
        faces.set(file, f);
      }
      return f;
    };
    const families = new Map<string, Family>();
    for (const [name, def] of Object.entries(r.value.families)) {
      const regular = face(def.regular);
      families.set(name, { name, regular, bold: def.bold ? face(def.bold) : regular });
    }
    return new FontRegistry(dir, families);
  }

  family(name: string): Family {
    const f = this.families.get(name);
    if (!f) {
      throw new Failure([{
        severity: 'error', code: 'font/unknown-family', file: join(this.dir, 'fonts.yaml'),
        message: `書体「${name}」は fonts/fonts.yaml にありません（あるもの: ${[...this.families.keys()].join('、')}）。`,
      }]);
    }
    return f;
  }

  /** Every face once, by a stable name: pdfmake reads font data from its virtual file system. */
  faces(): Map<string, Face> {
    const out = new Map<string, Face>();
    for (const f of this.families.values()) for (const face of [f.regular, f.bold]) out.set(basename(face.file), face);
    return out;
  }

  /** pdfmake's font table. Every style is mapped, since pdfmake throws on a style without a file. */
  pdfmakeFonts(): Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>> {
    const out: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>> = {};
    for (const f of this.families.values()) {
      const [regular, bold] = [basename(f.regular.file), basename(f.bold.file)];
      out[f.name] = { normal: regular, bold, italics: regular, bolditalics: bold };
    }
    return out;
  }
}
