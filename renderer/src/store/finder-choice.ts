/**
 * The finder's rows and which one is highlighted, worked out the same way
 * for what is drawn and for what Enter acts on.
 *
 * - The number as typed is a row of its own, first, whenever the query
 *   looks like a number that no result has exactly: "110" (a hunt group)
 *   must be diallable although 1102 and 1103 start with it, and Enter then
 *   dials 110, not Maria Lind at 1102.
 * - The highlight follows a row, not a position: the PBX's answer arriving
 *   under it (ranked in among the local results) or a shorter list must
 *   not move Enter onto someone else. The row is found again by what it
 *   is (choiceKey); while it is gone, the first row is highlighted.
 */
import { looksLikeNumber } from '../../../app/phone';
import type { DirectoryEntry } from '../../../app/model';

export type FinderChoice = { entry: DirectoryEntry; typed?: undefined } | { typed: string; entry?: undefined };

const digitsOf = (text: string) => text.replace(/\D/g, '');

/** The rows for this query and these results: the typed number first where it is one no result has. */
export function finderChoices(query: string, results: readonly DirectoryEntry[]): FinderChoice[] {
  const typed = query.trim();
  const rows: FinderChoice[] = results.map((entry) => ({ entry }));
  if (!looksLikeNumber(typed)) return rows;
  const digits = digitsOf(typed);
  return results.some((entry) => digitsOf(entry.number) === digits) ? rows : [{ typed }, ...rows];
}

/** What a row is, whatever its position: the number as typed, or the entry by its source and ids. */
export function choiceKey(choice: FinderChoice): string {
  if (choice.typed !== undefined) return `typed\u0000${choice.typed}`;
  const { source, connectionId, number, contactId, entryId } = choice.entry;
  return ['entry', source, connectionId ?? '', number, contactId ?? '', entryId ?? ''].join('\u0000');
}

/** The highlighted row: the one she moved to (picked, by choiceKey) while it is listed, else the first. */
export function highlightedIndex(choices: readonly FinderChoice[], picked: string | null): number {
  if (picked === null) return 0;
  const index = choices.findIndex((choice) => choiceKey(choice) === picked);
  return index < 0 ? 0 : index;
}
