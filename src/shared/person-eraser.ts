/**
 * Erasing a person from free text and stored values (the account's deletion): each module
 * that keeps text about people rewrites its own rows with this.
 */

/** What replaces a deleted person's name or email wherever free text quoted it. */
export const ERASED = '[supprimé]';

const reEscape = (s: string) => s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');

/**
 * What erasing a person rewrites: only their own stored values — their email, and their
 * full name as one whole phrase — never single words of the name. A customer called
 * "Paid Canceled" or "Martin" must not rewrite a status value or the name of the staff
 * member "Sophie Martin" in a note (issue 15, finding 7).
 */
export interface PersonEraser {
  /** Free text (a note): the email anywhere, the full name as whole words. */
  inText(text: string): string;
  /** A stored value of a person field: erased only when it is the person's name or email, whole. */
  asValue(value: string): string;
}

export function personEraser(name: string, email: string): PersonEraser {
  const fullName = name.trim().replace(/\s+/g, ' ');
  const mail = email.trim();
  // A one-word name cannot be told from other people's words in free text: only a whole
  // stored value of it is erased.
  const phrases = [mail, ...(fullName.includes(' ') ? [fullName] : [])].filter(Boolean).sort((a, b) => b.length - a.length);
  const pattern = phrases.length
    ? new RegExp(`(?<![\\p{L}\\p{N}_])(?:${phrases.map((p) => reEscape(p).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}_])`, 'giu')
    : undefined;
  const own = new Set([fullName.toLowerCase(), mail.toLowerCase()].filter(Boolean));
  return {
    inText: (text) => (own.has(text.trim().replace(/\s+/g, ' ').toLowerCase()) ? ERASED : pattern ? text.replace(pattern, ERASED) : text),
    asValue: (value) => (own.has(value.trim().replace(/\s+/g, ' ').toLowerCase()) ? ERASED : value),
  };
}
