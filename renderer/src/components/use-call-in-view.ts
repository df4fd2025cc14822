import { useEffect, useRef } from 'react';
import { useAttendant } from '../store/context';
import { selectCallInViewSerial } from '../store/selectors';

/** The last request served: a row mounting again later (scrolled back into a virtual list) must not take the focus again. */
let servedSerial = 0;

/**
 * Scrolls a call's row into view and focuses it when something asks for
 * that call (a click on its alert, an action just done on it), also when
 * the row appears only after the request (the window was just opened, or
 * a virtual list scrolled it in). Each request is served once.
 */
export function useCallInView<Row extends HTMLElement>(callId: string) {
  const ref = useRef<Row | null>(null);
  const serial = useAttendant(selectCallInViewSerial(callId));
  useEffect(() => {
    const row = ref.current;
    if (serial === null || serial <= servedSerial || !row) return;
    servedSerial = serial;
    // jsdom has no scrollIntoView.
    row.scrollIntoView?.({ block: 'nearest' });
    row.focus({ preventScroll: true });
  }, [serial]);
  return ref;
}
