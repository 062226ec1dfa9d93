import type { Face } from './registry.js';

// What a font says of itself in its OS/2, post and name tables, in the terms a word processor's font
// table uses to stand in another font when this one is missing (Word's w:font, ECMA-376 17.8.3):
// the kind of face, its pitch, the character set it was made for, its PANOSE numbers and its ranges.

export interface FontDescription {
  /** The family's name in Japanese, when the font gives one (BIZ UDPゴシック). */
  localName?: string;
  /** The ten PANOSE bytes, as hex. */
  panose: string;
  /** The Windows character set (0x80 Shift_JIS for a Japanese font), as hex. */
  charset: string;
  family: 'roman' | 'swiss' | 'modern' | 'script' | 'decorative' | 'auto';
  pitch: 'fixed' | 'variable';
  /** ulUnicodeRange1–4 and ulCodePageRange1–2, as 8-digit hex. */
  signature: { usb: string[]; csb: string[] };
}

interface Os2 {
  panose: number[];
  sFamilyClass: number;
  ulCharRange: number[];
  codePageRange?: number[];
}

const hex = (n: number, digits: number) => (n >>> 0).toString(16).toUpperCase().padStart(digits, '0');

/** The code page a font supports (ulCodePageRange1 bit) → Windows character set; Japanese first. */
const CHARSETS: [bit: number, charset: number][] = [[17, 0x80], [18, 0x86], [20, 0x88], [19, 0x81], [0, 0x00]];

/**
 * The kind of face from PANOSE (Latin text: its serif style; a monospaced proportion is modern), or,
 * when the font gives no PANOSE, from its IBM family class.
 */
function familyOf(panose: readonly number[], familyClass: number): FontDescription['family'] {
  const [kind, serif, , proportion] = panose;
  if (kind === 2) {
    if (proportion === 9) return 'modern';
    if (serif >= 11 && serif <= 15) return 'swiss';
    if (serif >= 2 && serif <= 10) return 'roman';
  }
  if (kind === 3) return 'script';
  if (kind === 4) return 'decorative';
  const cls = familyClass >> 8;
  if ((cls >= 1 && cls <= 5) || cls === 7) return 'roman';
  if (cls === 8) return 'swiss';
  if (cls === 10) return 'script';
  if (cls === 9) return 'decorative';
  return 'auto';
}

export function describeFace(face: Face): FontDescription {
  const font = face.font as unknown as {
    'OS/2': Os2;
    post: { isFixedPitch: number };
    name?: { records?: { fontFamily?: Record<string, string> } };
  };
  const os2 = font['OS/2'];
  const pages = os2.codePageRange ?? [0, 0];
  const charset = CHARSETS.find(([bit]) => (pages[0] >>> bit) & 1)?.[1] ?? 0x01;
  const names = font.name?.records?.fontFamily ?? {};
  const family = familyOf(os2.panose, os2.sFamilyClass);
  const localName = names.ja && names.ja !== names.en ? names.ja : undefined;
  return {
    ...(localName ? { localName } : {}),
    panose: os2.panose.map((b) => hex(b, 2)).join(''),
    charset: hex(charset, 2),
    family,
    pitch: font.post.isFixedPitch || os2.panose[3] === 9 ? 'fixed' : 'variable',
    signature: { usb: [0, 1, 2, 3].map((i) => hex(os2.ulCharRange[i] ?? 0, 8)), csb: [0, 1].map((i) => hex(pages[i] ?? 0, 8)) },
  };
}
