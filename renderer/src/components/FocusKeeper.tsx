import { useEffect } from 'react';
import { useAttendantStore } from '../store/context';
import { placeFocusOnNextStep } from './CallRow';

/**
 * The focus is never left on the page's body: when it falls there (the
 * focused element went away, or a click landed on empty space), it goes to
 * the next step — the call ringing longest, else the finder. Switching to
 * another window leaves `activeElement` where it was, so that never counts.
 *
 * Nor is it left on a button the pointer pressed (a second Enter would press
 * it again — "Do not disturb" off again instead of what the receptionist
 * meant): unless the button's own action moved the focus somewhere, it goes
 * to the next step too. A button pressed from the keyboard keeps the focus.
 */
/**
 * Where a pointer press should not leave the focus behind: calls, the line, colleagues, the finder's results, the
 * header, and the journal's Call back (its notes' buttons open a form).
 */
const CALL_CONTROL_AREAS = '.call, .line-panel, .presence, .centrex, .directory-entry, .connection-bar, .journal__call-back';

export function FocusKeeper() {
  const store = useAttendantStore();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onFocusOut = (event: FocusEvent) => {
      if (event.relatedTarget !== null) return;
      clearTimeout(timer);
      // After the browser has settled where the focus went (a click on a control focuses it after the focusout).
      timer = setTimeout(() => {
        if (document.activeElement === null || document.activeElement === document.body) placeFocusOnNextStep(store);
      }, 0);
    };
    const onClick = (event: MouseEvent) => {
      // detail is 0 for a click made with Enter or Space.
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      // Only the call and line controls: a button that opens a form (a note, a contact) leaves the focus for typing in it.
      if (event.detail === 0 || !button?.closest(CALL_CONTROL_AREAS)) return;
      setTimeout(() => {
        if (document.activeElement === button) placeFocusOnNextStep(store);
      }, 0);
    };
    document.addEventListener('focusout', onFocusOut);
    document.addEventListener('click', onClick);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('click', onClick);
    };
  }, [store]);
  return null;
}
