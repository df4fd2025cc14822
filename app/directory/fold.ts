/**
 * Folding text for directory search: what a receptionist types without
 * diacritics finds what the PBX spells with them, and back.
 *
 * - primary: lower case, diacritics dropped ('Põld' → 'pold', 'Müller' → 'muller', 'Ёлкин' → 'елкин');
 * - secondary: the spellings people use when a keyboard lacks the letter
 *   ('Müller' → 'mueller', 'Šostakovitš' → 'shostakovitsh', Cyrillic → Latin 'Иванов' → 'ivanov'),
 *   matched after the primary form.
 */

/** Letters NFD does not decompose. */
const PRIMARY_SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  đ: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const ASCII_ONLY = /^[\x20-\x7e]*$/;

/** The primary folded form: lower case, no diacritics. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (ASCII_ONLY.test(lower)) return lower;
  let out = lower.normalize('NFD').replace(COMBINING_MARKS, '');
  if (/[ßæøœđłıþ]/.test(out)) out = out.replace(/[ßæøœđłıþ]/g, (ch) => PRIMARY_SPECIAL[ch] ?? ch);
  return out;
}

/** German umlauts and Baltic/Slavic carons as typed on a keyboard without them. */
const SECONDARY_LATIN: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  õ: 'o',
  š: 'sh',
  ž: 'zh',
  č: 'ch',
};

/** Russian transliteration as names are written on Latin business cards (close to ICAO 9303). */
const CYRILLIC_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

const SECONDARY_CHARS = /[äöüõšžčа-яё]/;

/**
 * The secondary folded form of an (unfolded) word, or undefined when it equals the primary one.
 * Secondary forms exist only for words with letters that have a common keyboard spelling.
 */
export function secondaryFold(text: string): string | undefined {
  const lower = text.toLowerCase();
  if (!SECONDARY_CHARS.test(lower)) return undefined;
  let out = '';
  for (const ch of lower) out += SECONDARY_LATIN[ch] ?? CYRILLIC_LATIN[ch] ?? ch;
  const folded = foldText(out);
  return folded === foldText(lower) ? undefined : folded;
}

const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/** The words of a text, each in its primary folded form ('Anna-Liisa Põld' → ['anna', 'liisa', 'pold']). */
export function foldedWords(text: string): string[] {
  return foldText(text)
    .split(WORD_SPLIT)
    .filter((word) => word !== '');
}

/** The raw (unfolded, lower-cased) words of a text, for the secondary forms. */
export function rawWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(WORD_SPLIT)
    .filter((word) => word !== '');
}
