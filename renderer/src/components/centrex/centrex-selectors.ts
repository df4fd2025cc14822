/**
 * The Centrex view's reads: every PortaSIP extension (line) with the ids of
 * its calls, oldest first. Memoised on the lines and calls collections, so
 * the view re-renders only when one of them changed; each CallRow then
 * re-renders only for its own call.
 */
import type { Call, Line } from '../../../../app/model';
import type { AttendantState } from '../../store/types';

export interface ExtensionCalls {
  line: Line;
  callIds: string[];
  /** The extension's state (the view shows it in the window's language): Ringing, Talking, On hold, Idle. */
  activity: 'Ringing' | 'Talking' | 'On hold' | 'Idle';
}

const byStart = (a: Call, b: Call) => a.startedAt - b.startedAt || a.id.localeCompare(b.id);

function activityOf(calls: Call[]): ExtensionCalls['activity'] {
  if (calls.some((c) => c.state === 'ringing' || c.state === 'queued')) return 'Ringing';
  if (calls.some((c) => c.state === 'connected' || c.state === 'dialing' || c.state === 'ringback' || c.state === 'held-by-peer'))
    return 'Talking';
  if (calls.some((c) => c.state === 'held')) return 'On hold';
  return 'Idle';
}

/**
 * Extension numbers compared as numbers ("9" before "10"). One collator for every comparison: localeCompare
 * with options builds a collator per call, which at 250 extensions, re-sorted on every frame of call updates,
 * was most of the Centrex view's time (bench-renderer: 1,000 live calls, 200 updates/s).
 */
const byNumber = new Intl.Collator(undefined, { numeric: true }).compare;

/** The receptionist's own (the one that dials) first, then by number. */
const byDialingThenNumber = (a: Line, b: Line) =>
  Number(b.capabilities.includes('dial')) - Number(a.capabilities.includes('dial')) || byNumber(a.number, b.number);

/** The PortaSIP extensions in order; sorted again only when the lines change, not on every call update. */
const portaSipLines = (() => {
  let lastLines: Record<string, Line> | undefined;
  let last: Line[] = [];
  return (lines: Record<string, Line>): Line[] => {
    if (lines !== lastLines) {
      last = Object.values(lines)
        .filter((line) => line.vendor === 'portasip')
        .sort(byDialingThenNumber);
      lastLines = lines;
    }
    return last;
  };
})();

let lastLines: Record<string, Line> | undefined;
let lastCalls: Record<string, Call> | undefined;
let lastResult: ExtensionCalls[] = [];
/** Previous entries by line id: reused when nothing of theirs changed, so memo() skips those extensions. */
let previous = new Map<string, ExtensionCalls>();

function sameEntry(a: ExtensionCalls | undefined, b: ExtensionCalls): a is ExtensionCalls {
  return (
    !!a &&
    a.line === b.line &&
    a.activity === b.activity &&
    a.callIds.length === b.callIds.length &&
    a.callIds.every((id, i) => id === b.callIds[i])
  );
}

/**
 * PortaSIP extensions, the receptionist's own (the one that dials) first, then by number. The same array
 * while every extension's entry is unchanged (a call changing state on an extension that stays as busy), so
 * the view itself re-renders only when an extension's entry does; each CallRow follows its own call.
 */
export function selectCentrexExtensions(state: AttendantState): ExtensionCalls[] {
  const { lines, calls } = state.console;
  if (lines === lastLines && calls === lastCalls) return lastResult;
  const byLine = new Map<string, Call[]>();
  for (const call of Object.values(calls)) {
    const list = byLine.get(call.lineId);
    if (list) list.push(call);
    else byLine.set(call.lineId, [call]);
  }
  let changed = lastResult.length === 0;
  const extensions = portaSipLines(lines).map((line, index) => {
    const own = (byLine.get(line.id) ?? []).sort(byStart);
    const entry: ExtensionCalls = { line, callIds: own.map((c) => c.id), activity: activityOf(own) };
    const before = previous.get(line.id);
    const kept = sameEntry(before, entry) ? before : entry;
    if (kept !== lastResult[index]) changed = true;
    return kept;
  });
  lastLines = lines;
  lastCalls = calls;
  if (!changed && extensions.length === lastResult.length) return lastResult;
  previous = new Map(extensions.map((e) => [e.line.id, e]));
  lastResult = extensions;
  return extensions;
}
