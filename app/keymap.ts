/**
 * The console's own keys: which key does which receptionist task, written
 * as chords such as "F4", "Alt+KeyT" or "NumpadAdd" (modifiers in a fixed
 * order, then KeyboardEvent.code, so a binding means the same physical key
 * whatever the keyboard layout and whatever Alt makes the key type). The
 * defaults avoid every key Chromium or Electron keep for themselves (F1
 * help, F3 find, F5 reload, F6 address bar, F7 caret browsing, F10 menu,
 * F11 full screen, F12 developer tools, Ctrl+letter, Alt+F/E/D, Alt+arrows)
 * and every key a focused control needs (letters, digits, Enter, Space,
 * Tab, Escape, arrows): those are refused as bindings, so a key changed in
 * Settings can never take typing or a button's Enter away. Numpad + (and any
 * chord that types a character) is a command only outside text fields.
 */
import type { MessageKey } from './i18n/message';
import type { CallAction } from './model';
import { says, v } from './validation/schema';

export const KEY_COMMANDS = [
  'answerNext',
  'holdOrRetrieve',
  'hangUp',
  'finder',
  'transfer',
  'consult',
  'completeTransfer',
  'conference',
  'alternate',
  'reconnect',
  'divert',
  'addParty',
  'park',
  'unpark',
  'journal',
  'agentReady',
  'takeQueued',
] as const;
export type KeyCommand = (typeof KEY_COMMANDS)[number];

/** Each command's chords (none, one or two). */
export type KeyBindings = Record<KeyCommand, string[]>;

/** At most this many chords per command (a main key and a second, like numpad + for answering). */
export const MAX_CHORDS_PER_COMMAND = 2;

export const DEFAULT_KEYS: KeyBindings = {
  answerNext: ['F4', 'NumpadAdd'],
  holdOrRetrieve: ['F8'],
  hangUp: ['F9'],
  finder: ['F2'],
  transfer: ['Alt+KeyT'],
  consult: ['Alt+KeyC'],
  completeTransfer: ['Alt+KeyJ'],
  conference: ['Alt+KeyK'],
  alternate: ['Alt+KeyA'],
  reconnect: ['Alt+KeyB'],
  divert: ['Alt+KeyV'],
  addParty: ['Alt+KeyN'],
  park: ['Alt+KeyP'],
  unpark: ['Alt+KeyU'],
  journal: ['Alt+KeyM'],
  agentReady: ['Alt+KeyR'],
  takeQueued: ['Alt+KeyQ'],
};

/** The key command of each call action that has its own key (answer, hold/retrieve and hang up have theirs). */
export const ACTION_COMMAND: Partial<Record<CallAction, KeyCommand>> = {
  transfer: 'transfer',
  consult: 'consult',
  completeTransfer: 'completeTransfer',
  conference: 'conference',
  alternate: 'alternate',
  reconnect: 'reconnect',
  divert: 'divert',
  addParty: 'addParty',
  park: 'park',
  unpark: 'unpark',
};

export interface KeyEventLike {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

const MODIFIER_ORDER = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;
type Modifier = (typeof MODIFIER_ORDER)[number];
const MODIFIER_CODES = /^(Control|Alt|Shift|Meta|OS)(Left|Right)?$/;

export interface Chord {
  modifiers: Modifier[];
  code: string;
}

/** The chord a key press makes ("Alt+KeyT"), or null for a lone modifier or a press without a code. */
export function chordOfEvent(event: KeyEventLike): string | null {
  if (!event.code || MODIFIER_CODES.test(event.code)) return null;
  const held: Record<Modifier, boolean> = { Ctrl: event.ctrlKey, Alt: event.altKey, Shift: event.shiftKey, Meta: event.metaKey };
  return [...MODIFIER_ORDER.filter((m) => held[m]), event.code].join('+');
}

const CODE = /^(F([1-9]|1[0-9]|2[0-4])|Key[A-Z]|Digit[0-9]|Numpad(Add|Subtract|Multiply|Divide|Enter|Decimal|[0-9])|[A-Z][A-Za-z]{1,20})$/;

export function parseChord(text: string): Chord | null {
  const parts = text.split('+');
  const code = parts.pop() ?? '';
  if (!CODE.test(code) || MODIFIER_CODES.test(code)) return null;
  const modifiers: Modifier[] = [];
  for (const part of parts) {
    const modifier = MODIFIER_ORDER.find((m) => m === part);
    if (!modifier || modifiers.includes(modifier)) return null;
    modifiers.push(modifier);
  }
  // One spelling per chord, so "Shift+Alt+KeyT" and "Alt+Shift+KeyT" cannot both be bound.
  const ordered = MODIFIER_ORDER.filter((m) => modifiers.includes(m));
  if (ordered.some((m, i) => m !== modifiers[i])) return null;
  return { modifiers, code };
}

/** Keys the browser or Electron keep, or that the window would lose if a command took them. */
const RESERVED_FUNCTION_KEYS = new Set(['F1', 'F3', 'F5', 'F6', 'F7', 'F10', 'F11', 'F12']);
const RESERVED_ALT_CODES = new Set(['KeyF', 'KeyE', 'KeyD', 'ArrowLeft', 'ArrowRight', 'Home']);
/** Keys a focused control needs for itself. */
const CONTROL_CODES = /^(Enter|NumpadEnter|Space|Tab|Escape|Backspace|Delete|Arrow(Up|Down|Left|Right)|Home|End|PageUp|PageDown)$/;
const TYPING_CODES =
  /^(Key[A-Z]|Digit[0-9]|Numpad[0-9]|NumpadDecimal|Minus|Equal|Bracket(Left|Right)|Backslash|Semicolon|Quote|Backquote|Comma|Period|Slash|IntlBackslash)$/;

/** Why a chord cannot be a console key, or null when it can. */
export function chordProblem(text: string): MessageKey | null {
  const chord = parseChord(text);
  if (!chord) return 'work.key.invalid';
  const { modifiers, code } = chord;
  const has = (m: Modifier) => modifiers.includes(m);
  if (has('Meta')) return 'work.key.reservedBySystem';
  if (RESERVED_FUNCTION_KEYS.has(code)) return 'work.key.reservedByBrowser';
  if (has('Alt') && !has('Ctrl') && !has('Shift') && RESERVED_ALT_CODES.has(code)) return 'work.key.reservedByBrowser';
  if (has('Ctrl') && !has('Alt')) return 'work.key.reservedByBrowser';
  if (CONTROL_CODES.test(code)) return 'work.key.neededByControls';
  if (TYPING_CODES.test(code) && !has('Alt')) return 'work.key.neededForTyping';
  // Ctrl+Alt is AltGr on Windows (@ € { } on German, Polish, Estonian keyboards), Alt+numpad digits its Alt codes.
  if (has('Ctrl') && has('Alt') && TYPING_CODES.test(code)) return 'work.key.neededForTyping';
  if (has('Alt') && /^Numpad[0-9]$/.test(code)) return 'work.key.neededForTyping';
  return null;
}

const chord = v.pipe(
  v.string(),
  v.maxLength(40),
  v.check((text) => chordProblem(text) === null, says('work.key.invalid')),
);

function chordsInUseTwice(bindings: KeyBindings): boolean {
  const all = KEY_COMMANDS.flatMap((command) => bindings[command]);
  return new Set(all).size !== all.length;
}

const chords = v.pipe(v.array(chord), v.maxLength(MAX_CHORDS_PER_COMMAND));

export const keyBindingsSchema = v.pipe(
  v.strictObject({
    answerNext: chords,
    holdOrRetrieve: chords,
    hangUp: chords,
    finder: chords,
    transfer: chords,
    consult: chords,
    completeTransfer: chords,
    conference: chords,
    alternate: chords,
    reconnect: chords,
    divert: chords,
    addParty: chords,
    park: chords,
    unpark: chords,
    journal: chords,
    // Added after the first release: preferences saved before it have no agent key yet.
    agentReady: v.optional(chords, () => [...DEFAULT_KEYS.agentReady]),
    takeQueued: v.optional(chords, () => [...DEFAULT_KEYS.takeQueued]),
  }),
  v.check((bindings) => !chordsInUseTwice(bindings), says('work.key.usedTwice')),
) satisfies v.GenericSchema<unknown, KeyBindings>;

/** Keys that type a character without a modifier besides Shift: numpad +, −, ×, ÷ and the like. */
const CHARACTER_CODES = /^(Numpad(Add|Subtract|Multiply|Divide|Decimal|Comma|Equal|Hash|Star|Paren(Left|Right)|[0-9])|Intl[A-Za-z]+)$/;

/**
 * Whether a chord types a character in a text field (numpad + types '+'):
 * there it is the field's key, never the command's (an international number
 * starts with it).
 */
export function chordTypesCharacter(text: string): boolean {
  const parsed = parseChord(text);
  if (!parsed || parsed.modifiers.some((m) => m !== 'Shift')) return false;
  return TYPING_CODES.test(parsed.code) || CHARACTER_CODES.test(parsed.code);
}

/** The command a chord is bound to, if any. */
export function commandOfChord(bindings: KeyBindings, chordText: string): KeyCommand | null {
  return KEY_COMMANDS.find((command) => bindings[command].includes(chordText)) ?? null;
}

const CODE_LABEL: Record<string, string> = {
  NumpadAdd: 'Num +',
  NumpadSubtract: 'Num −',
  NumpadMultiply: 'Num ×',
  NumpadDivide: 'Num ÷',
};

function keyName(code: string): string {
  if (CODE_LABEL[code]) return CODE_LABEL[code];
  if (code.startsWith('Key')) return code.slice(3);
  if (code.startsWith('Digit')) return code.slice(5);
  if (code.startsWith('Numpad')) return `Num ${code.slice(6)}`;
  return code;
}

/** How a chord is shown next to its button: "Alt+T", "F4", "Num +". */
export function chordLabel(text: string): string {
  const parsed = parseChord(text);
  if (!parsed) return text;
  return [...parsed.modifiers, keyName(parsed.code)].join('+');
}

/** The chord as `aria-keyshortcuts` spells it (modifier names and key values of UI Events): "Alt+T", "F4", "+". */
export function ariaKeyShortcut(text: string): string {
  const parsed = parseChord(text);
  if (!parsed) return '';
  const modifiers = parsed.modifiers.map((m) => (m === 'Ctrl' ? 'Control' : m));
  const { code } = parsed;
  const key =
    code === 'NumpadAdd'
      ? '+'
      : code === 'NumpadSubtract'
        ? '-'
        : code === 'NumpadMultiply'
          ? '*'
          : code === 'NumpadDivide'
            ? '/'
            : keyName(code).replace(/^Num /, '');
  return [...modifiers, key].join('+');
}
