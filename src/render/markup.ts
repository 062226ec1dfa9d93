// Every character that could end a text node or an attribute value, so that text from the data
// (which may hold <, &, quotes) stays text: one escaper for the markup every writer makes (HTML, and
// the XML of Word's parts), since the five entities mean the same in both.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element's content or a double-quoted attribute value. */
export const escapeMarkup = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
