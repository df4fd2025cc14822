/**
 * Text that arrives from a network peer (a caller's name from the PBX, a
 * company, a presence note, a line label) is shown to the receptionist and
 * written to logs. Before it enters the model it loses what could disguise or
 * break it: control characters (CR/LF would forge log lines, NUL truncates
 * native strings) and the Unicode bidirectional controls that reorder what is
 * displayed (U+202E makes "gpj.exe" read "exe.jpg"). Visible text, accents and
 * scripts stay exactly as sent.
 */

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
 * Whether a property's value is words from a peer (never identifiers, which must stay as the PBX sent them): name,
 * company, department, label, note, title, status, activity. A switch, not a Set: it runs for every string of every
 * event, and the Set's hash lookup cost about a third of the walk (scripts/ingest-timing.ts, bench:ingest).
 */
function isPeerTextKey(key: string): boolean {
  switch (key) {
    case 'name':
    case 'company':
    case 'department':
    case 'label':
    case 'note':
    case 'title':
    case 'status':
    case 'activity':
      return true;
    default:
      return false;
  }
}

/**
 * Cleans, in place, every string under a peer-text key anywhere inside a value (an event as a connector emitted
 * it, before the reducer sees it). In place because the event is the connector's fresh report and the common
 * case, clean text, then costs a walk and no allocation. Identifiers and numbers are never touched.
 */
export function cleanPeerFields(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && item !== null) cleanPeerFields(item);
    return;
  }
  if (!isRecord(value)) return;
  // for…in, not Object.entries: this walks every event of the ingest path, and the entries arrays it allocated
  // cost about a third of the walk (scripts/bench-portasip.ts). Object.hasOwn only for what is acted on (an object
  // to walk into, a peer text to check), not for every key: checked for every key it cost half the walk.
  for (const key in value) {
    const item = value[key];
    if (typeof item === 'string') {
      if (!isPeerTextKey(key) || !Object.hasOwn(value, key)) continue;
      const clean = cleanPeerText(item);
      if (clean !== item) value[key] = clean;
    } else if (typeof item === 'object' && item !== null && Object.hasOwn(value, key)) {
      cleanPeerFields(item);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
