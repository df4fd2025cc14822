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

/** Folded words of a name or company text: its primary words (as they come, repeats kept) and its secondary spellings (each once, none a primary word). */
export interface TextWords {
  primary: readonly string[];
  secondary: readonly string[];
}

/**
 * The folded words of a text. An ASCII text (most names, companies and
 * departments) is scanned by hand: its folding is lower case, its words the
 * runs of letters and digits, and it has no secondary spelling — the words
 * unicodeTextWords makes, without its normalisation, regular expressions and
 * intermediate arrays (building 100,000 entries folds every distinct text once).
 */
export function textWords(text: string): TextWords {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return unicodeTextWords(text);
  const primary: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const lower = c | 32; // 'A'–'Z' onto 'a'–'z'; no other code lands there
    const wordChar = (lower >= 97 && lower <= 122) || (c >= 48 && c <= 57);
    if (wordChar) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      primary.push(text.slice(start, i).toLowerCase());
      start = -1;
    }
  }
  return { primary, secondary: NO_WORDS };
}

const NO_WORDS: readonly string[] = Object.freeze([]);

/** The folded words of any text: the general path (textWords takes it for every text that is not ASCII). */
export function unicodeTextWords(text: string): TextWords {
  const primary = foldedWords(text);
  const secondary: string[] = [];
  for (const word of rawWords(text)) {
    const form = secondaryFold(word);
    if (form && !primary.includes(form) && !secondary.includes(form)) secondary.push(form);
  }
  return { primary, secondary };
}
