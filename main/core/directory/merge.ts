/**
 * Merging what PBX searches answer (TelServer searchName/searchNumber,
 * innovaphone FindUser, Telia's phonebook) into the directory's own ranked
 * results: the same ranking for both, duplicates of a known user dropped.
 */
import { MATCH_TIERS, matchEntry } from '../../../app/directory/directory-index';
import { digitsOf } from '../../../app/directory/numbers';
import type { DirectoryEntry, DirectoryMatch } from '../../../app/model';

const ORDER: readonly DirectoryMatch[] = [...MATCH_TIERS, 'vendor'];

export function mergeVendorEntries(
  local: readonly DirectoryEntry[],
  vendor: readonly DirectoryEntry[],
  text: string,
  limit: number,
): DirectoryEntry[] {
  const known = new Set(local.map((entry) => `${entry.connectionId ?? ''}\u0000${digitsOf(entry.number)}`));
  const knownPeople = new Set(local.map((entry) => personKey(entry)));
  const added: DirectoryEntry[] = [];
  for (const entry of vendor) {
    // The PBX's own user, already known with presence; or the same person and number from another source.
    if (known.has(`${entry.connectionId ?? ''}\u0000${digitsOf(entry.number)}`)) continue;
    if (!entry.editable && knownPeople.has(personKey(entry))) continue;
    known.add(`${entry.connectionId ?? ''}\u0000${digitsOf(entry.number)}`);
    knownPeople.add(personKey(entry));
    const tier = matchEntry({ name: entry.name, company: entry.company, numbers: [entry.number] }, text);
    added.push({ ...entry, origin: entry.origin ?? 'vendor', match: tier ?? 'vendor' });
  }
  const all = [...local, ...added];
  const rank = (entry: DirectoryEntry) => ORDER.indexOf(entry.match ?? 'vendor');
  // Stable: the directory's own order within a tier stays; a PBX's answer follows the local ones of its tier.
  return all
    .map((entry, position) => ({ entry, position }))
    .sort((a, b) => rank(a.entry) - rank(b.entry) || a.position - b.position)
    .slice(0, limit)
    .map(({ entry }) => entry);
}

function personKey(entry: DirectoryEntry): string {
  return `${(entry.name ?? '').trim().toLowerCase()}\u0000${digitsOf(entry.number)}`;
}
