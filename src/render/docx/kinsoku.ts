import { DocumentDefaults, OnOffElement, ParagraphProperties, ParagraphPropertiesDefaults, type Document as WordDocument } from 'docx';
import { LATIN_SPACE_EM } from '../../layout/metrics.js';

// Line breaking and spacing said explicitly in the document default paragraph properties
// (styles.xml, w:docDefaults/w:pPrDefault/w:pPr), where `docx` 9 has no option for them:
// - 禁則処理 on (<w:kinsoku/>): Word applies it when the element is absent, but a file that says so
//   cannot be read otherwise by another editor or a later default;
// - room between Japanese and Latin letters (<w:autoSpaceDE/>) and none beside digits
//   (<w:autoSpaceDN w:val="false"/>), as the PDF sets them (layout/metrics.ts LATIN_SPACE_EM).
// Hanging full stops and commas (ぶら下げ, as the PDF hangs them: text/kinsoku.ts HANGING) are what
// an absent <w:overflowPunct> means, and it is left absent on purpose: LibreOffice reads the
// element the other way round (its DOCX import maps w:overflowPunct="1" to no hanging), so only
// the absent element means the same to Word and to LibreOffice.
// The elements go into the properties that `styles.default.document.paragraph` built, at the place
// the schema (CT_PPrBase) gives them. If a later `docx` changes its internals, this throws rather
// than quietly dropping the settings (test/kinsoku.test.ts reads styles.xml).

/** The elements of CT_PPrBase from w:kinsoku on, in the schema's order. */
const ORDER = [
  'w:kinsoku', 'w:wordWrap', 'w:overflowPunct', 'w:topLinePunct', 'w:autoSpaceDE', 'w:autoSpaceDN', 'w:bidi',
  'w:adjustRightInd', 'w:snapToGrid', 'w:spacing', 'w:ind', 'w:contextualSpacing', 'w:mirrorIndents',
  'w:suppressOverlap', 'w:jc', 'w:textDirection', 'w:textAlignment', 'w:textboxTightWrap', 'w:outlineLvl',
  'w:divId', 'w:cnfStyle', 'w:rPr', 'w:sectPr', 'w:pPrChange',
];

interface Component {
  root?: unknown[];
  rootKey?: string;
}

function child<T>(parent: unknown, type: abstract new (...args: never[]) => T): (T & Component) | undefined {
  return (parent as Component).root?.find((c) => c instanceof type) as (T & Component) | undefined;
}

export function explicitDefaults(file: WordDocument): WordDocument {
  const pPr = child(child(child(file.Styles, DocumentDefaults), ParagraphPropertiesDefaults), ParagraphProperties);
  if (!pPr?.root) throw new Error('docx: the document default paragraph properties were not found (w:kinsoku not set)');
  const wanted: [string, boolean][] = [['w:kinsoku', true], ['w:autoSpaceDE', LATIN_SPACE_EM > 0], ['w:autoSpaceDN', false]];
  for (const [name, value] of wanted) {
    if (pPr.root.some((c) => (c as Component).rootKey === name)) continue;
    const after = new Set(ORDER.slice(ORDER.indexOf(name) + 1));
    const at = pPr.root.findIndex((c) => after.has((c as Component).rootKey ?? ''));
    pPr.root.splice(at < 0 ? pPr.root.length : at, 0, new OnOffElement(name, value));
  }
  return file;
}
