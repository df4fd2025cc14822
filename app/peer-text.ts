/**
 * Text that arrives from a network peer (a caller's name from the PBX, a
 * company, a presence note, a line label) is shown to the receptionist and
 * written to logs. Before it enters the model it loses what could disguise or
 * break it: control characters (CR/LF would forge log lines, NUL truncates
 * native strings) and the Unicode bidirectional controls that reorder what is
 * displayed (U+202E makes "gpj.exe" read "exe.jpg"). Visible text, accents and
 * scripts stay exactly as sent.
 */
import type { DomainEvent } from './events';
import type { ConsoleState } from './model';

/** C0 and C1 controls, DEL, bidi embeddings/overrides/isolates, directional marks, BOM and the line/paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const UNSAFE_TEST = new RegExp(UNSAFE.source);

/** Longest name, company or note kept (longer is cut, with an ellipsis). */
export const MAX_PEER_TEXT = 512;

/** The text with unsafe characters removed (line breaks and tabs become a space), cut to a sane length. */
export function cleanPeerText(text: string, maxLength = MAX_PEER_TEXT): string {
  const clean = UNSAFE_TEST.test(text)
    ? text.replace(UNSAFE, (c) => (c === '\t' || c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029' ? ' ' : ''))
    : text;
  return clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
}

/**
 * Whether a property's value is text from a peer that is shown (never identifiers, which must stay as the PBX sent
 * them): name, company, department, group, label, note, title, status, activity, and the numbers shown beside them
 * (number, a forward's `to`, a connection fact's `value`), which lose only what is invisible, as the words do. A
 * switch, not a Set: it runs for every string of every event, and the Set's hash lookup cost about a third of the
 * walk (scripts/ingest-timing.ts, bench:ingest).
 */
function isPeerTextKey(key: string): boolean {
  switch (key) {
    case 'name':
    case 'company':
    case 'department':
    case 'group':
    case 'label':
    case 'note':
    case 'title':
    case 'status':
    case 'activity':
    case 'number':
    case 'to':
    case 'value':
      return true;
    default:
      return false;
  }
}

/**
 * Cleans, in place, every string under a peer-text key anywhere inside a value (an event as a connector emitted
 * it, before the reducer sees it). In place because the event is the connector's fresh report and the common
 * case, clean text, then costs a walk and no allocation. Identifiers are never touched.
 *
 * `stored` is what the model already holds in the value's place (the call of the same id…), or undefined. An object
 * of the value that is the very object the model holds in the same place entered the model through here and was
 * cleaned then (model objects are never edited afterwards), so it is not walked again: a connector that re-sends a
 * call keeps its unchanged parties as the same objects, and only what is new is looked at. Only the same object
 * counts, not equal text: a name the core itself put into the model (a directory's, for a number-only caller) never
 * passed through here.
 */
export function cleanPeerFields(value: unknown, stored?: unknown): void {
  if (value === stored) return;
  if (Array.isArray(value)) {
    const kept = Array.isArray(stored) ? (stored as unknown[]) : undefined;
    // By index, not for…of: the iterator's results were most of what this allocated (npm run bench:ingest).
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null) cleanPeerFields(item, kept?.[i]);
    }
    return;
  }
  if (!isRecord(value)) return;
  const kept = isRecord(stored) ? stored : undefined;
  // for…in, not Object.entries: this walks every event of the ingest path, and the entries arrays it allocated
  // cost about a third of the walk (scripts/bench-portasip.ts). Object.hasOwn only for what is acted on (an object
  // to walk into, a peer text to check), not for every key: checked for every key it cost half the walk. What the
  // stored record inherits is never an object of an event (a prototype, a method), so no hasOwn there either.
  for (const key in value) {
    const item = value[key];
    if (typeof item === 'string') {
      if (!isPeerTextKey(key) || !Object.hasOwn(value, key)) continue;
      const clean = cleanPeerText(item);
      if (clean !== item) value[key] = clean;
    } else if (typeof item === 'object' && item !== null) {
      const storedItem = kept?.[key];
      if (item !== storedItem && Object.hasOwn(value, key)) cleanPeerFields(item, storedItem);
    }
  }
}

/**
 * cleanPeerFields for an event as it enters the core, against what the model holds for it (`state`, read at once,
 * never kept): a re-sent call, line or colleague is checked only where it differs from its stored self. Besides the
 * entity an event carries only ids and times, so the entity is all there is to walk.
 */
export function cleanEventPeerFields(event: DomainEvent, state: ConsoleState): void {
  switch (event.type) {
    case 'callUpserted':
      cleanPeerFields(event.call, storedEntry(state.calls, event.call.id));
      return;
    case 'lineCallsReplaced':
      for (const call of event.calls) cleanPeerFields(call, storedEntry(state.calls, call.id));
      return;
    case 'colleagueUpserted':
      cleanPeerFields(event.colleague, storedEntry(state.colleagues, event.colleague.id));
      return;
    case 'colleaguesReplaced':
      for (const colleague of event.colleagues) cleanPeerFields(colleague, storedEntry(state.colleagues, colleague.id));
      return;
    case 'lineUpserted':
      cleanPeerFields(event.line, storedEntry(state.lines, event.line.id));
      return;
    case 'linePatched':
      // A patch names the line's own fields: each compared with the line's.
      cleanPeerFields(event.patch, storedEntry(state.lines, event.lineId));
      return;
    case 'connectionStatus':
      cleanPeerFields(event.status, storedEntry(state.connections, event.status.id));
      return;
    case 'callEnded':
    case 'lineRemoved':
    case 'connectionRemoved':
    case 'colleagueRemoved':
    case 'historyMerged':
      cleanPeerFields(event);
  }
}

/**
 * The model's entry under an id from the network, never something the record inherits: entries are objects, and what
 * a plain record inherits is a method or, under "__proto__", Object.prototype. One lookup, not Object.hasOwn and then
 * the lookup: among 1,000 calls each is a probe of a large table (as app/reducer.ts finds its entries).
 */
function storedEntry<T>(record: Record<string, T>, id: string): T | undefined {
  const value = record[id];
  return typeof value === 'function' || value === Object.prototype ? undefined : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
