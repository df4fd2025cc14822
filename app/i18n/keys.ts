/** Whether a string names an entry of the catalog (a plural family counts by its base key). */
import { splitPluralKey } from './catalog';
import { en } from './en';
import type { MessageKey } from './message';

const KEYS: ReadonlySet<string> = new Set(Object.keys(en).map((key) => splitPluralKey(key).base));

export function isCatalogKey(text: string): text is MessageKey {
  return KEYS.has(text);
}
