import { useEffect } from 'react';
import { chordLabel } from '../../../app/keymap';
import { lineLabel } from '../format/labels';
import { partyTitle } from '../format/party';
import { useT } from '../i18n/language';
import { useAttendant } from '../store/context';
import { selectCountryOfLine, selectKeyBindings, selectLine, selectLongestRinging, selectRingingCalls } from '../store/selectors';
import { CallDuration } from './CallDuration';

/**
 * The call ringing longest here, on one line above the work, in an
 * assertive live region so screen readers announce each new ringing call;
 * the window title counts them for when the console is behind another
 * window. A call the console cannot answer (a notify-only line such as
 * Telia's) rings here too, saying it is answered on the desk phone. Only
 * calls the console can vouch for: an unknown call never rings.
 */
export function RingingBanner() {
  const ringing = useAttendant(selectRingingCalls);
  const next = useAttendant(selectLongestRinging);
  const country = useAttendant(selectCountryOfLine(next?.lineId));
  const line = useAttendant(selectLine(next?.lineId ?? ''));
  const answerKey = useAttendant((s) => selectKeyBindings(s).answerNext[0]);
  const t = useT();

  useEffect(() => {
    const title = t('app.title');
    document.title = ringing.length > 0 ? t('app.titleRinging', { ringing: ringing.length, title }) : title;
  }, [ringing.length, t]);

  const others = ringing.length - (next ? 1 : 0);
  let text = '';
  if (next) {
    const caller = partyTitle(next.remote, country, t);
    text = line ? t('work.banner.callerOnLine', { caller, line: lineLabel(line, t) }) : t('work.banner.caller', { caller });
    text =
      next.actions.includes('answer') && answerKey
        ? t('work.banner.pressToAnswer', { text, key: chordLabel(answerKey) })
        : t('work.banner.answerOnPhone', { text });
  }
  // Apart from the text, so an ellipsis that shortens a long line label never cuts off how many more are ringing.
  const more = next && others > 0 ? t('alert.bannerMore', { count: others }) : '';
  return (
    // The live region stays mounted (and keeps its height) so a change of its text is announced and nothing below it moves.
    <div className={`ringing-banner${next ? ' ringing-banner--active' : ''}`}>
      <p aria-live="assertive" aria-atomic="true">
        <span className="ringing-banner__text">{text}</span>
        {/* A space between the two, for whoever reads the text rather than sees it (the flex gap draws it). */}
        {more && (
          <>
            {' '}
            <span className="ringing-banner__more">{more}</span>
          </>
        )}
      </p>
      {next && <CallDuration call={next} />}
    </div>
  );
}
