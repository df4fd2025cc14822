/**
 * Reads for the presence grid. The grid may hold 10,000 colleagues and
 * receive a thousand presence changes a second, so the sorted order is kept
 * across patches that change only activity or presence: it is rebuilt only
 * when a colleague arrives, leaves or is renamed (an O(n) check instead of
 * an O(n log n) sort on every patch).
 */
import { foldText } from '../../../../app/directory/fold';
import type { Colleague, Line } from '../../../../app/model';
import type { AttendantState } from '../../store/types';

let lastColleagues: Record<string, Colleague> | undefined;
let lastOrder: string[] = [];
let lastNames: string[] = [];

function sameMembers(colleagues: Record<string, Colleague>): boolean {
  let count = 0;
  for (const id in colleagues) if (colleagues[id]?.kind !== 'queue') count++;
  if (count !== lastOrder.length) return false;
  for (let i = 0; i < lastOrder.length; i++) {
    if (colleagues[lastOrder[i]]?.name !== lastNames[i]) return false;
  }
  return true;
}

/** Colleague ids sorted by name (stable identity while membership and names are unchanged); call queues left out. */
export function selectColleagueOrder(state: AttendantState): string[] {
  const colleagues = state.console.colleagues;
  if (colleagues === lastColleagues) return lastOrder;
  lastColleagues = colleagues;
  if (sameMembers(colleagues)) return lastOrder;
  // A PBX's call queue is no colleague: its callers are in the queue view.
  const sorted = Object.values(colleagues)
    .filter((c) => c.kind !== 'queue')
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  lastOrder = sorted.map((c) => c.id);
  lastNames = sorted.map((c) => c.name);
  return lastOrder;
}

export const selectColleague = (id: string) => (state: AttendantState) => state.console.colleagues[id] as Colleague | undefined;

/** The line the grid acts with: the first line that offers presence. */
export function selectPresenceLine(state: AttendantState): Line | null {
  for (const line of Object.values(state.console.lines)) if (line.capabilities.includes('presence')) return line;
  return null;
}

/**
 * Whether a colleague matches the search text: name, number or group, case and accents aside, as the finder
 * reads them ("pold" finds Põld, "muller" Müller).
 */
export function matchesColleague(colleague: Colleague | undefined, text: string): boolean {
  if (!colleague) return false;
  if (!text) return true;
  const needle = foldText(text);
  return foldedName(colleague).includes(needle) || colleague.number.includes(needle) || foldText(colleague.group ?? '').includes(needle);
}

/** Each colleague's folded name, kept while the colleague object is (a keystroke filters up to 10,000 of them). */
const foldedNames = new WeakMap<Colleague, string>();
function foldedName(colleague: Colleague): string {
  let folded = foldedNames.get(colleague);
  if (folded === undefined) foldedNames.set(colleague, (folded = foldText(colleague.name)));
  return folded;
}
