import { useEffect, useRef } from 'react';
import { useAttendant } from '../store/context';
import { selectCallInViewSerial } from '../store/selectors';

/**
 * Scrolls a call's row into view and focuses it when the desktop asks to
 * show that call (a click on its alert), also when the row appears only
 * after the request (the window was just opened).
 */
export function useCallInView<Row extends HTMLElement>(callId: string) {
  const ref = useRef<Row>(null);
  const serial = useAttendant(selectCallInViewSerial(callId));
  useEffect(() => {
    const row = ref.current;
    if (serial === null || !row) return;
    // jsdom has no scrollIntoView.
    row.scrollIntoView?.({ block: 'nearest' });
    row.focus({ preventScroll: true });
  }, [serial]);
  return ref;
}
