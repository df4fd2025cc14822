/**
 * What a phonebook name may contain. Telia's phonebook (and its caller
 * names) accepts "ASCII characters plus õ, ü, ö, ä" and answers anything
 * else with ERR1003; the console checks before sending, in the form and in
 * the connector, so the receptionist gets a sentence instead of an error code.
 */

export const PHONEBOOK_NAME_MAX = 64;

/** Printable ASCII plus the four letters the documents list (lower case, as listed). */
const ALLOWED = /^[\x20-\x7eõüöä]*$/;

/** Why `name` cannot be saved, or undefined when it can. */
export function phonebookNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Enter a name.';
  if (trimmed.length > PHONEBOOK_NAME_MAX) return `A name may have at most ${PHONEBOOK_NAME_MAX} characters.`;
  if (!ALLOWED.test(trimmed)) {
    const bad = [...new Set([...trimmed].filter((c) => !ALLOWED.test(c)))].join(' ');
    return `Telia's phonebook accepts only ASCII letters, digits and punctuation plus õ, ü, ö, ä — not: ${bad}`;
  }
  return undefined;
}
