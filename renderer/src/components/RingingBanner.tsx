import { useEffect } from 'react';
import { partyTitle } from '../format/party';
import { useAttendant } from '../store/context';
import { selectAnswerTarget, selectCountryOfLine, selectLine, selectRingingCalls } from '../store/selectors';

const APP_TITLE = 'Attendant Console';

/**
 * The ringing call, large and on top, in an assertive live region so screen
 * readers announce each new ringing call; the window title counts them for
 * when the console is behind another window.
 */
export function RingingBanner() {
  const ringing = useAttendant(selectRingingCalls);
  const next = useAttendant(selectAnswerTarget);
  const country = useAttendant(selectCountryOfLine(next?.lineId));
  const line = useAttendant(selectLine(next?.lineId ?? ''));

  useEffect(() => {
    document.title = ringing.length > 0 ? `(${ringing.length}) Ringing — ${APP_TITLE}` : APP_TITLE;
  }, [ringing.length]);

  const others = ringing.length - (next ? 1 : 0);
  return (
    // The live region stays mounted so a change of its text is announced.
    <div className={`ringing-banner${next ? ' ringing-banner--active' : ''}`} aria-live="assertive" aria-atomic="true">
      {next && (
        <p>
          Incoming call from {partyTitle(next.remote, country)}
          {line && ` on ${line.label}`} — press Enter to answer
          {others > 0 && ` (${others} more ringing)`}
        </p>
      )}
    </div>
  );
}
