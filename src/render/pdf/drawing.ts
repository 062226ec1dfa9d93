import { createRequire } from 'node:module';

// pdfmake sets the fill colour and pdfkit flips the coordinates once for every run of text it draws
// (some 60,000 runs over the 67 handouts), and both redo work whose answer depends only on their
// arguments: a colour given as '#rrggbb' is parsed and divided into three fractions, which are turned
// into decimal text again (the conversion of a double to its shortest text is the dear part), and
// the flip `1 0 0 -1 0 <page height> cm` is rounded and joined again for a page height that never
// changes. Those answers are kept here, by argument; what pdfkit writes and keeps (its operators, its
// transformation matrix, computed as it computes it) is the same.

const require = createRequire(import.meta.url);

type Color = number[] | null;
interface Kit {
  _ctm: number[];
  _normalizeColor(color: unknown): Color;
  _setColorCore(color: unknown, stroke: boolean): boolean;
  _getColorSpace(color: number[]): string;
  _setColorSpace(space: string, stroke: boolean): unknown;
  transform(m11: number, m12: number, m21: number, m22: number, dx: number, dy: number): Kit;
  addContent(data: string): Kit;
}
type PdfkitClass = { prototype: Kit & Record<symbol, unknown> };

/** A '#' colour as pdfkit normalizes it (a pure function of the string) and its operands as written. */
interface Hex {
  color: number[];
  operands: string;
}

/** Enough for every colour a theme and its documents use; a long session starts over past it. */
const MAX_KEPT = 10_000;

/** Once per process, after pdfkit is loaded (by pdfmake); later calls do nothing. */
export function installLeanDrawing(): void {
  const proto = (require('pdfkit') as PdfkitClass).prototype;
  const mark = Symbol.for('shien.pdfkit.leanDrawing');
  if (proto[mark]) return;
  const { _normalizeColor: normalizeColor, _setColorCore: setColorCore, transform } = proto;
  if (typeof normalizeColor !== 'function' || typeof setColorCore !== 'function' || typeof transform !== 'function') {
    throw new Error('pdfkit _normalizeColor, _setColorCore or transform not found: check the pdfkit version');
  }

  const hexes = new Map<string, Hex>();
  // `kit` may be undefined: pdfkit itself calls _normalizeColor unbound (its tables' cell colours),
  // which its '#' branch allows; so nothing here asks it anything.
  const hex = (kit: Kit | undefined, color: string): Hex | undefined => {
    let known = hexes.get(color);
    if (known) return known;
    const normalized = normalizeColor.call(kit, color);
    // pdfkit's '#' branch always gives three numbers; anything else is left to pdfkit.
    if (!Array.isArray(normalized) || normalized.length !== 3) return undefined;
    if (hexes.size >= MAX_KEPT) hexes.clear();
    hexes.set(color, (known = { color: normalized, operands: normalized.join(' ') }));
    return known;
  };
  const isHex = (color: unknown): color is string => typeof color === 'string' && color.charAt(0) === '#';

  proto._normalizeColor = function (this: Kit, color: unknown) {
    // A copy: a caller may keep or change what it is given.
    return (isHex(color) && hex(this, color)?.color.slice()) || normalizeColor.call(this, color);
  };
  proto._setColorCore = function (this: Kit, color: unknown, stroke: boolean) {
    const known = isHex(color) ? hex(this, color) : undefined;
    if (!known) return setColorCore.call(this, color, stroke);
    const op = stroke ? 'SCN' : 'scn';
    this._setColorSpace(this._getColorSpace(known.color), stroke);
    this.addContent(`${known.operands} ${op}`);
    return true;
  };

  // The flip pdfkit makes before drawing each run of text (_fragment), by page height.
  const flips = new Map<number, string>();
  proto.transform = function (this: Kit, m11, m12, m21, m22, dx, dy) {
    if (!(m11 === 1 && m12 === 0 && m21 === 0 && m22 === -1 && dx === 0)) return transform.call(this, m11, m12, m21, m22, dx, dy);
    let text = flips.get(dy);
    if (text === undefined) {
      // pdfkit's own text for it, taken from what it writes; its matrix is then put back as it was.
      const ctm = this._ctm.slice();
      let written = '';
      const own = Object.prototype.hasOwnProperty.call(this, 'addContent');
      const addContent = this.addContent;
      this.addContent = (data: string) => ((written = data), this);
      try {
        transform.call(this, m11, m12, m21, m22, dx, dy);
      } finally {
        if (own) this.addContent = addContent;
        else delete (this as Partial<Kit>).addContent;
        for (let i = 0; i < ctm.length; i++) this._ctm[i] = ctm[i];
      }
      if (flips.size >= MAX_KEPT) flips.clear();
      flips.set(dy, (text = written));
    }
    // pdfkit's arithmetic, term for term (a factor of 0 or 1 still counts for a signed zero or NaN).
    const m = this._ctm;
    const [m0, m1, m2, m3, m4, m5] = m;
    m[0] = m0 * m11 + m2 * m12;
    m[1] = m1 * m11 + m3 * m12;
    m[2] = m0 * m21 + m2 * m22;
    m[3] = m1 * m21 + m3 * m22;
    m[4] = m0 * dx + m2 * dy + m4;
    m[5] = m1 * dx + m3 * dy + m5;
    return this.addContent(text);
  };
  proto[mark] = true;
}
