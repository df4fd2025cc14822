/**
 * What a phonebook name may contain. Telia's phonebook (and its caller
 * names) accepts "ASCII characters plus õ, ü, ö, ä" and answers anything
 * else with ERR1003; the console checks before sending, in the form and in
 * the connector, so the receptionist gets a sentence (a catalog message)
 * instead of an error code.
 */
import { msg, type Message } from './i18n/message';

export const PHONEBOOK_NAME_MAX = 64;

/** Printable ASCII plus the four letters the documents list (lower case, as listed). */
const ALLOWED = /^[\x20-\x7eõüöä]*$/;

/** Why `name` cannot be saved, or undefined when it can. */
export function phonebookNameProblem(name: string): Message | undefined {
  const trimmed = name.trim();
  if (!trimmed) return msg('telia.phonebook.nameEmpty');
  if (trimmed.length > PHONEBOOK_NAME_MAX) return msg('telia.phonebook.nameTooLong', { max: PHONEBOOK_NAME_MAX });
  if (!ALLOWED.test(trimmed)) {
    const bad = [...new Set([...trimmed].filter((c) => !ALLOWED.test(c)))].join(' ');
    return msg('telia.phonebook.nameCharacters', { characters: bad });
  }
  return undefined;
}
