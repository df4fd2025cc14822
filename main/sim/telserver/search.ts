/**
 * TelServer's directory searches (searchName, searchNumber) as its document
 * describes them, over the switch directory's entries.
 */
import type { Contact } from '../shared/directory';

/**
 * Case-insensitive "smart" search: names starting with the text; if none,
 * names containing ' ' + text (a later word); if none, companies starting
 * with the text. Always ordered lexicographically by name.
 */
export function searchName(entries: Contact[], text: string, limit?: number): Contact[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  const byName = (match: (name: string) => boolean) => entries.filter((e) => match(e.name.toLowerCase()));
  let found = byName((name) => name.startsWith(needle));
  if (found.length === 0) found = byName((name) => name.includes(` ${needle}`));
  if (found.length === 0) found = entries.filter((e) => (e.company ?? '').toLowerCase().startsWith(needle));
  const sorted = unique(found).sort((a, b) => compare(a.name, b.name) || compare(a.number, b.number));
  return limit !== undefined && limit > 0 ? sorted.slice(0, limit) : sorted;
}

/** Exact match: the number must be given as the directory records it. */
export function searchNumber(entries: Contact[], number: string): Contact[] {
  return unique(entries.filter((e) => e.number === number));
}

function unique(entries: Contact[]): Contact[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = `${e.number}\u0000${e.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
