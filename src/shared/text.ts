/**
 * Folds text for search: lower case, accents removed, ligatures spelled out, so
 * "Crème brûlée" and "creme brulee" meet. The same function writes products'
 * search_text and prepares the query, so both drivers compare identical strings.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/gi, 'oe').replace(/æ/gi, 'ae').replace(/ß/g, 'ss').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Escapes LIKE wildcards so a searched "%" or "_" means itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const ACCENTED = 'àáâãäåāçćčèéêëēėęìíîïīñńòóôõöōùúûüūýÿž';
const PLAIN = 'aaaaaaaccceeeeeeeiiiiinnoooooouuuuuyyz';

/**
 * The SQL twin of foldForSearch for columns without a stored folded copy (names,
 * emails): the same lower-case, accent-free text, with functions both drivers have.
 */
export function sqlFold(column: string): string {
  return `replace(replace(translate(lower(${column}), '${ACCENTED}', '${PLAIN}'), 'œ', 'oe'), 'æ', 'ae')`;
}

/**
 * Bidirectional override and isolate controls (and the invisible direction marks): in a
 * name they make what staff and customers read differ from what is stored (a name can
 * display backwards, or push the text after it around). Names never need them.
 */
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
