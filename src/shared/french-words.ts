/**
 * Numbers and euro amounts in French words, as a tax receipt writes them ("somme en toutes
 * lettres"). Traditional spelling (not the 1990 rectified one): hyphens only between tens
 * and units below one hundred ("vingt-deux", "quatre-vingt-dix-sept"), "et" without hyphens
 * ("vingt et un", "soixante et onze"), "cent" and "vingt" plural only at the end of the
 * number or before "million(s)" ("deux cents", "quatre-vingts", "deux cent mille"),
 * "mille" invariable, "million" a noun ("deux millions", "un million d'euros").
 */

const UNITS = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  'dix-sept',
  'dix-huit',
  'dix-neuf',
];
const TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

/** 0–99; `final`: nothing follows but a noun, so "quatre-vingts" takes its s. */
function belowHundred(n: number, final: boolean): string {
  if (n < 20) return UNITS[n]!;
  if (n < 70) {
    const ten = TENS[Math.floor(n / 10)]!;
    const unit = n % 10;
    if (unit === 0) return ten;
    return unit === 1 ? `${ten} et un` : `${ten}-${UNITS[unit]}`;
  }
  if (n < 80) return n === 71 ? 'soixante et onze' : `soixante-${UNITS[n - 60]}`;
  if (n === 80) return final ? 'quatre-vingts' : 'quatre-vingt';
  return `quatre-vingt-${UNITS[n - 80]}`;
}

/** 0–999 (0 gives ""); `final`: the plural marks of "cent" and "vingt" apply. */
function belowThousand(n: number, final: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds === 1) parts.push('cent');
  else if (hundreds > 1) parts.push(rest === 0 && final ? `${UNITS[hundreds]} cents` : `${UNITS[hundreds]} cent`);
  if (rest > 0) parts.push(belowHundred(rest, final));
  return parts.join(' ');
}

/** A whole number from 0 to 999 999 999 999 in French words (traditional spelling). */
export function numberInFrenchWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e12) throw new RangeError(`not a whole number below 10^12: ${n}`);
  if (n === 0) return 'zéro';
  const billions = Math.floor(n / 1e9);
  const millions = Math.floor((n % 1e9) / 1e6);
  const thousands = Math.floor((n % 1e6) / 1000);
  const rest = n % 1000;
  const parts: string[] = [];
  // "milliard" and "million" are nouns: what counts them keeps its plural marks.
  if (billions > 0) parts.push(billions === 1 ? 'un milliard' : `${belowThousand(billions, true)} milliards`);
  if (millions > 0) parts.push(millions === 1 ? 'un million' : `${belowThousand(millions, true)} millions`);
  // "mille" is an adjective: "deux cent mille", "quatre-vingt mille", and never "un mille".
  if (thousands > 0) parts.push(thousands === 1 ? 'mille' : `${belowThousand(thousands, false)} mille`);
  if (rest > 0) parts.push(belowThousand(rest, true));
  return parts.join(' ');
}

/**
 * An amount in cents in French words: 12340 → "cent vingt-trois euros et quarante centimes",
 * 100 → "un euro", 1 → "un centime", 0 → "zéro euro", 100000000 → "un million d’euros".
 * No centimes: they are omitted; no euros but centimes: only the centimes.
 */
export function amountInFrenchWords(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`not an amount in cents: ${cents}`);
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  const centimes = rest === 0 ? '' : `${numberInFrenchWords(rest)} ${rest === 1 ? 'centime' : 'centimes'}`;
  if (euros === 0) return centimes || 'zéro euro';
  const words = numberInFrenchWords(euros);
  // A whole number of millions or billions takes "d'": "un million d'euros", "deux milliards d'euros".
  const unit = euros === 1 ? 'euro' : /(?:million|milliard)s?$/.test(words) ? 'd’euros' : 'euros';
  const figure = `${words} ${unit}`;
  return centimes ? `${figure} et ${centimes}` : figure;
}
