// The PDF's logical structure (its tags), planned while the pdfmake definition is made: one element
// per part of the document model, in the model's reading order, each holding numbered slots for the
// content it owns. The definition stamps a slot on every inline and figure that pdfmake lays out;
// tagging.ts then marks each drawing with its slot and builds pdfkit's structure tree from this plan.
// Whatever carries no slot (marks, page numbers, borders, bands, bullets) is drawn as an artifact.
// Pure: no pdfmake or pdfkit here.

/** The standard structure types of ISO 32000-1 that the documents use. */
export type Role =
  | 'Document' | 'Sect' | 'H1' | 'H2' | 'H3' | 'P'
  | 'L' | 'LI' | 'Lbl' | 'LBody'
  | 'Table' | 'TR' | 'TH' | 'TD'
  | 'Figure' | 'Link';

export interface StructElement {
  role: Role;
  /** Alternate text (Figure). */
  alt?: string;
  /** Which cells a header cell heads (TH). */
  scope?: 'Column';
  /** How the items of a list are labelled (L): a bullet, or a number. */
  listNumbering?: 'Disc' | 'Decimal';
  /** Where a Link goes. */
  link?: string;
  /** The text of a heading or a link, for the outline and the link's description. */
  text?: string;
  /** Child elements and slots (numbers), in reading order. */
  kids: (StructElement | number)[];
}

export interface Slot {
  element: StructElement;
  /** Drawn again on later pages (a table's header row): only its first drawing is content. */
  repeats: boolean;
  /** Whether something visible is planned in it (a stretch of text that is not blank, a QR code). */
  filled: boolean;
}

/** Where the definition puts a slot on what pdfmake draws (text inlines, QR codes). */
export const SLOT = '_slot';
/** Where it names the kind of artifact an untagged inline is (ISO 32000-1, 14.8.2.2.2). */
export const ARTIFACT = '_artifact';

export type ArtifactType = 'Pagination' | 'Layout';

export class StructurePlan {
  readonly root: StructElement = { role: 'Document', kids: [] };
  readonly slots: Slot[] = [];
  private readonly open: StructElement[] = [this.root];
  private repeating = 0;

  private get current(): StructElement {
    return this.open[this.open.length - 1];
  }

  /** An element as the next child of the current one; what `build` plans goes inside it. */
  element<T>(role: Role, build: () => T, attrs: Omit<StructElement, 'role' | 'kids'> = {}): T {
    const el: StructElement = { role, ...attrs, kids: [] };
    this.current.kids.push(el);
    this.open.push(el);
    try {
      return build();
    } finally {
      this.open.pop();
    }
  }

  /** A new slot for content of the current element, after what it already holds. */
  slot(filled = true): number {
    const id = this.slots.length;
    this.slots.push({ element: this.current, repeats: this.repeating > 0, filled });
    this.current.kids.push(id);
    return id;
  }

  /** Plan content that is drawn again on every page it runs onto (a table's header row). */
  repeated<T>(build: () => T): T {
    this.repeating += 1;
    try {
      return build();
    } finally {
      this.repeating -= 1;
    }
  }
}
