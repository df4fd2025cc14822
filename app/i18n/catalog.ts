/** A language's catalog: flat key → text with {{placeholders}}; plural families as key_one, key_other, … */
export type Catalog = Readonly<Record<string, string>>;

const PLURAL_CATEGORIES: readonly Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** The key without its plural suffix, and the plural category when it has one. */
export function splitPluralKey(key: string): { base: string; category?: Intl.LDMLPluralRule } {
  const cut = key.lastIndexOf('_');
  const category = PLURAL_CATEGORIES.find((c) => key.slice(cut + 1) === c);
  return cut > 0 && category ? { base: key.slice(0, cut), category } : { base: key };
}

/** The {{placeholders}} a text uses. */
export function placeholdersOf(text: string): Set<string> {
  return new Set([...text.matchAll(/\{\{\s*([A-Za-z0-9_]+)[^}]*\}\}/g)].map((m) => m[1] ?? ''));
}
