/**
 * The console's keys inside its window (bindings in app/keymap.ts, changed
 * in Settings). The rule: a focused control's own keys always do that
 * control's job — Enter and Space press the focused button, Enter in a
 * field does the field's action, Enter on a call row does that call's main
 * action — so the console's keys are only chords no control uses (F2, F4,
 * F8, F9, Alt+letter), and they work from anywhere, text fields included.
 * Numpad + answers too, except in a text field, where it types '+'. Typing
 * a character while nothing that takes text has the focus starts a search
 * in the finder.
 */
import { useEffect } from 'react';
import { chordOfEvent, chordTypesCharacter, commandOfChord } from '../../../app/keymap';
import { FINDER_ID } from '../components/Finder';
import type { AttendantStore } from '../store/store';
import { selectKeyBindings } from '../store/selectors';
import { useAttendantStore } from '../store/context';

/** Elements whose own keys include every printable character. */
function takesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target.isContentEditable ||
    target.closest('[role="listbox"], [role="grid"], [role="menu"], [role="combobox"], dialog') !== null
  );
}

/** A field characters are typed into (not a list or a menu, whose letters only move the selection). */
function typesCharacters(target: EventTarget | null): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset'].includes(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}

/** Whether the page runs on a Mac, where Option is how accented letters are typed. */
function isMac(doc: Document): boolean {
  return /Mac|iPhone|iPad/.test(doc.defaultView?.navigator.platform ?? '');
}

/** A modal dialog is open (the click-to-dial question): it has the keyboard, no console key reaches through it. */
function modalOpen(doc: Document): boolean {
  return doc.querySelector('[aria-modal="true"]') !== null;
}

/** Handles one keydown; returns true when it acted (and the key's default must not happen). */
export function handleShortcut(event: KeyboardEvent, store: AttendantStore, doc: Document): boolean {
  if (event.defaultPrevented || event.isComposing || modalOpen(doc)) return false;
  const chord = chordOfEvent(event);
  if (!chord) return false;
  let command = commandOfChord(selectKeyBindings(store.getState()), chord);
  // A key that types a character (numpad + for an international number) types it in a text field.
  if (command && typesCharacters(event.target) && chordTypesCharacter(chord)) command = null;
  // On a Mac, Option (Alt) with a letter types a character (µ, ñ, ą): in a text field it is typing, not a command.
  if (command && event.altKey && !event.ctrlKey && isMac(doc) && typesCharacters(event.target)) return false;
  if (command) {
    // A key held down acts once: its repeats would answer the next caller, hang up the next call.
    if (event.repeat) return true;
    const acted = store.getState().runKeyCommand(command);
    // Outside a text field the answer key means nothing else: with no one to answer it starts no search with '+'.
    return acted || command === 'answerNext';
  }
  const printable = event.key.length === 1 && !event.ctrlKey && !event.altKey && !event.metaKey && event.key !== ' ';
  if (printable && !takesText(event.target)) {
    // Focus moves before the key's default, so the character lands in the finder.
    doc.getElementById(FINDER_ID)?.focus();
  }
  return false;
}

export function useGlobalShortcuts(): void {
  const store = useAttendantStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (handleShortcut(event, store, document)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
