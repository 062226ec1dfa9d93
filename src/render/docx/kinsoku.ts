import { DocumentDefaults, OnOffElement, ParagraphProperties, ParagraphPropertiesDefaults, type Document as WordDocument } from 'docx';

// 禁則処理 in Word, said explicitly: <w:kinsoku/> in the document default paragraph properties
// (styles.xml, w:docDefaults/w:pPrDefault/w:pPr). Word applies kinsoku when the element is absent,
// but a file that says so cannot be read otherwise by another editor or a later default.
//
// `docx` 9 has no option for w:kinsoku, so the element is added to the paragraph properties that
// `styles.default.document.paragraph` built, at the place the schema (CT_PPrBase) gives it: before
// w:wordWrap, w:spacing, w:ind, w:jc and the rest. If a later `docx` changes its internals, this
// throws rather than quietly dropping the setting (and test/kinsoku.test.ts reads styles.xml).

/** The elements of CT_PPrBase that come after w:kinsoku, in the schema's order. */
const AFTER_KINSOKU = new Set([
  'w:wordWrap', 'w:overflowPunct', 'w:topLinePunct', 'w:autoSpaceDE', 'w:autoSpaceDN', 'w:bidi',
  'w:adjustRightInd', 'w:snapToGrid', 'w:spacing', 'w:ind', 'w:contextualSpacing', 'w:mirrorIndents',
  'w:suppressOverlap', 'w:jc', 'w:textDirection', 'w:textAlignment', 'w:textboxTightWrap', 'w:outlineLvl',
  'w:divId', 'w:cnfStyle', 'w:rPr', 'w:sectPr', 'w:pPrChange',
]);

interface Component {
  root?: unknown[];
  rootKey?: string;
}

function child<T>(parent: unknown, type: abstract new (...args: never[]) => T): (T & Component) | undefined {
  return (parent as Component).root?.find((c) => c instanceof type) as (T & Component) | undefined;
}

export function explicitKinsoku(file: WordDocument): WordDocument {
  const pPr = child(child(child(file.Styles, DocumentDefaults), ParagraphPropertiesDefaults), ParagraphProperties);
  if (!pPr?.root) throw new Error('docx: the document default paragraph properties were not found (w:kinsoku not set)');
  if (pPr.root.some((c) => (c as Component).rootKey === 'w:kinsoku')) return file;
  const at = pPr.root.findIndex((c) => AFTER_KINSOKU.has((c as Component).rootKey ?? ''));
  pPr.root.splice(at < 0 ? pPr.root.length : at, 0, new OnOffElement('w:kinsoku', true));
  return file;
}
