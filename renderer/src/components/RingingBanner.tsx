import { lineLabel } from '../format/labels';
import { useEffect } from 'react';
import { partyTitle } from '../format/party';
import { useT } from '../i18n/language';
import { useAttendant } from '../store/context';
import { selectAnswerTarget, selectCountryOfLine, selectLine, selectRingingCalls } from '../store/selectors';

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
  const t = useT();

  useEffect(() => {
    const title = t('app.title');
    document.title = ringing.length > 0 ? t('app.titleRinging', { ringing: ringing.length, title }) : title;
  }, [ringing.length, t]);

  const others = ringing.length - (next ? 1 : 0);
  let text = '';
  if (next) {
    const caller = partyTitle(next.remote, country, t);
    text = line ? t('alert.bannerOnLine', { caller, line: lineLabel(line, t) }) : t('alert.banner', { caller });
    if (others > 0) text = t('alert.bannerMore', { text, count: others });
  }
  return (
    // The live region stays mounted so a change of its text is announced.
    <div className={`ringing-banner${next ? ' ringing-banner--active' : ''}`} aria-live="assertive" aria-atomic="true">
      {next && <p>{text}</p>}
    </div>
  );
}
