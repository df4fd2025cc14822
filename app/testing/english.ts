/** Messages in English, for tests that read what a receptionist would read. */
import type { Message } from '../i18n/message';
import { createTranslator } from '../i18n/translator';

export const english = createTranslator('en');

/** The English text of a refusal, an outcome or a problem list (one line per problem). */
export function englishOf(value: Message | { error: Message } | { problems: readonly { path: string; message: Message }[] }): string {
  if ('problems' in value) return value.problems.map((p) => `${p.path}: ${english(p.message)}`).join('\n');
  if ('error' in value) return english(value.error);
  return english(value);
}
