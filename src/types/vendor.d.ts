// Just the parts of untyped libraries that this project calls.

declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    familyName: string;
    hasGlyphForCodePoint(cp: number): boolean;
    glyphsForString(s: string): { id: number }[];
    /** hhea ascent and descent (negative), in font units. */
    ascent: number;
    descent: number;
    unitsPerEm: number;
    /** Shaped text: its advance is the width a PDF gives it, in font units. */
    layout(s: string): { advanceWidth: number };
    /** A glyph's ink, in font units above the baseline. */
    glyphForCodePoint(cp: number): { bbox: { minX: number; minY: number; maxX: number; maxY: number } };
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}

declare module 'pdfmake' {
  interface OutputDocument {
    getBuffer(): Promise<Buffer>;
    /** The pdfkit document, once laid out and drawn (not yet ended). */
    getStream(): Promise<unknown>;
  }
  interface PdfMake {
    setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
    virtualfs: { writeFileSync(name: string, data: Buffer): void };
    setUrlAccessPolicy(cb: (url: string) => boolean): void;
    setLocalAccessPolicy(cb: (path: string) => boolean): void;
    createPdf(def: object, options?: object): OutputDocument;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}

// The workbook class alone: the package's entry also loads its streaming reader and writer (archiver,
// unzipper and their dependencies), which the survey never uses and which took half of its loading.
declare module 'exceljs/lib/doc/workbook.js' {
  import type ExcelJS from 'exceljs';
  const Workbook: typeof ExcelJS.Workbook;
  export default Workbook;
}
