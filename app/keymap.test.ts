import { describe, expect, it } from 'vitest';
import {
  ariaKeyShortcut,
  chordLabel,
  chordOfEvent,
  chordProblem,
  chordTypesCharacter,
  commandOfChord,
  DEFAULT_KEYS,
  KEY_COMMANDS,
  keyBindingsSchema,
} from './keymap';
import { v } from './validation/schema';

const press = (code: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'shiftKey' | 'metaKey', boolean>> = {}) => ({
  code,
  altKey: false,
  ctrlKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('key chords', () => {
  it('names a press by its physical key and modifiers in one order', () => {
    expect(chordOfEvent(press('F4'))).toBe('F4');
    expect(chordOfEvent(press('KeyT', { altKey: true, shiftKey: true, ctrlKey: true }))).toBe('Ctrl+Alt+Shift+KeyT');
    expect(chordOfEvent(press('NumpadAdd'))).toBe('NumpadAdd');
    expect(chordOfEvent(press('AltLeft', { altKey: true }))).toBeNull();
    expect(chordOfEvent(press(''))).toBeNull();
  });

  it('every default is a usable key, none is bound twice, and every command has one', () => {
    for (const command of KEY_COMMANDS) {
      expect(DEFAULT_KEYS[command].length, command).toBeGreaterThan(0);
      for (const chord of DEFAULT_KEYS[command]) expect(chordProblem(chord), chord).toBeNull();
    }
    expect(v.safeParse(keyBindingsSchema, DEFAULT_KEYS).success).toBe(true);
  });

  it('refuses the browser’s keys, the controls’ keys and typing keys', () => {
    for (const chord of ['F5', 'F6', 'F7', 'F11', 'F12', 'F1', 'F3', 'F10', 'Ctrl+KeyT', 'Alt+KeyF', 'Alt+KeyD', 'Alt+ArrowLeft'])
      expect(chordProblem(chord), chord).toBe('work.key.reservedByBrowser');
    for (const chord of ['Enter', 'Space', 'Tab', 'Escape', 'ArrowDown', 'Shift+Enter'])
      expect(chordProblem(chord), chord).toBe('work.key.neededByControls');
    for (const chord of ['KeyA', 'Shift+KeyA', 'Digit5', 'Numpad5', 'Period'])
      expect(chordProblem(chord), chord).toBe('work.key.neededForTyping');
    expect(chordProblem('Meta+KeyK')).toBe('work.key.reservedBySystem');
    expect(chordProblem('Shift+Alt+KeyT')).toBe('work.key.invalid');
    expect(chordProblem('Hyper+KeyT')).toBe('work.key.invalid');
    expect(chordProblem('Alt+KeyT')).toBeNull();
    // AltGr is Ctrl+Alt on Windows: it types @ and € there; Alt+numpad digits type Alt codes.
    for (const chord of ['Ctrl+Alt+KeyQ', 'Ctrl+Alt+KeyE', 'Ctrl+Alt+Digit7', 'Ctrl+Alt+Shift+KeyT', 'Alt+Numpad0'])
      expect(chordProblem(chord), chord).toBe('work.key.neededForTyping');
    expect(chordProblem('Ctrl+Alt+F2')).toBeNull();
    expect(chordProblem('F13')).toBeNull();
  });

  it('refuses one key bound to two commands', () => {
    const twice = { ...DEFAULT_KEYS, hangUp: ['F8'] };
    expect(v.safeParse(keyBindingsSchema, twice).success).toBe(false);
  });

  it('finds the command of a chord', () => {
    expect(commandOfChord(DEFAULT_KEYS, 'NumpadAdd')).toBe('answerNext');
    expect(commandOfChord(DEFAULT_KEYS, 'Alt+KeyT')).toBe('transfer');
    expect(commandOfChord(DEFAULT_KEYS, 'Alt+KeyZ')).toBeNull();
  });

  it('knows which chords type a character in a text field (numpad + types the "+" of a number)', () => {
    for (const chord of ['NumpadAdd', 'Shift+NumpadAdd', 'NumpadSubtract', 'NumpadMultiply', 'NumpadDivide', 'IntlRo'])
      expect(chordTypesCharacter(chord), chord).toBe(true);
    for (const chord of ['F4', 'Shift+F4', 'Alt+KeyT', 'Alt+NumpadAdd', 'Ctrl+Alt+NumpadAdd', 'Insert', 'nonsense'])
      expect(chordTypesCharacter(chord), chord).toBe(false);
  });

  it('shows chords as people write them and as aria-keyshortcuts spells them', () => {
    expect(chordLabel('Alt+KeyT')).toBe('Alt+T');
    expect(chordLabel('NumpadAdd')).toBe('Num +');
    expect(chordLabel('Ctrl+Alt+Digit1')).toBe('Ctrl+Alt+1');
    expect(ariaKeyShortcut('Alt+KeyT')).toBe('Alt+T');
    expect(ariaKeyShortcut('NumpadAdd')).toBe('+');
    expect(ariaKeyShortcut('Ctrl+Alt+KeyX')).toBe('Control+Alt+X');
    expect(ariaKeyShortcut('F4')).toBe('F4');
  });
});
