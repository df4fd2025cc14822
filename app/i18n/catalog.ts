/** A language's catalog: flat key → text with {{placeholders}}; plural families as key_one, key_other, … */
export type Catalog = Readonly<Record<string, string>>;

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** The key without its plural suffix, and the plural category when it has one. */
export function splitPluralKey(key: string): { base: string; category?: Intl.LDMLPluralRule } {
  const match = PLURAL_SUFFIX.exec(key);
  return match ? { base: key.slice(0, match.index), category: match[1] as Intl.LDMLPluralRule } : { base: key };
}

/** The {{placeholders}} a text uses. */
export function placeholdersOf(text: string): Set<string> {
  return new Set([...text.matchAll(/\{\{\s*([A-Za-z0-9_]+)[^}]*\}\}/g)].map((m) => m[1] ?? ''));
}
