/**
 * Console-wide keys. F8/F9 are free in Chromium and Electron (unlike F5
 * reload, F6 address bar, F7 caret browsing, F11 full screen, F12 devtools).
 *
 * Enter answers the ringing call from anywhere, including a focused button
 * (a button keeps focus after a mouse click, and pressing "Do not disturb"
 * again instead of answering would be a trap); only a text field holding
 * text keeps Enter for its own action. Space still presses a focused button.
 */
import { useEffect } from 'react';
import { DIRECTORY_SEARCH_ID } from '../components/DirectorySearch';
import type { AttendantActions } from '../store/context';
import { useActions } from '../store/context';

export const SHORTCUT_KEYS = {
  answer: 'Enter',
  holdOrRetrieve: 'F8',
  hangUp: 'F9',
  search: 'F2',
  clear: 'Escape',
} as const;

function isTextFieldWithText(target: EventTarget | null): boolean {
  return (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) && target.value.trim() !== '';
}

function hasModifier(event: KeyboardEvent): boolean {
  return event.altKey || event.ctrlKey || event.metaKey || event.shiftKey;
}

/** Handles one keydown; returns true when it acted (and the key's default must not happen). */
export function handleShortcut(event: KeyboardEvent, actions: AttendantActions, doc: Document): boolean {
  if (event.defaultPrevented || event.isComposing || hasModifier(event)) return false;
  switch (event.key) {
    case SHORTCUT_KEYS.answer:
      return !isTextFieldWithText(event.target) && actions.answerRingingCall();
    case SHORTCUT_KEYS.holdOrRetrieve:
      return actions.holdOrRetrieveActiveCall();
    case SHORTCUT_KEYS.hangUp:
      return actions.hangUpActiveCall();
    case SHORTCUT_KEYS.search: {
      const search = doc.getElementById(DIRECTORY_SEARCH_ID);
      search?.focus();
      return search !== null;
    }
    case SHORTCUT_KEYS.clear:
      actions.cancelDestinationForm();
      actions.clearDirectory();
      return false; // Escape keeps its own meaning too (e.g. closing a native <select>).
    default:
      return false;
  }
}

export function useGlobalShortcuts(): void {
  const actions = useActions();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (handleShortcut(event, actions, document)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions]);
}
