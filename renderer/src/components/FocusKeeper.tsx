import { useEffect } from 'react';
import { useAttendantStore } from '../store/context';
import { placeFocusOnNextStep } from './CallRow';

/**
 * The focus is never left on the page's body: when it falls there (the
 * focused element went away, or a click landed on empty space), it goes to
 * the next step — the call ringing longest, else the finder. Switching to
 * another window leaves `activeElement` where it was, so that never counts.
 */
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
    document.addEventListener('focusout', onFocusOut);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('focusout', onFocusOut);
    };
  }, [store]);
  return null;
}
