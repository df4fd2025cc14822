import { lineLabel } from '../../format/labels';
import { partyNumberText, partyTitle } from '../../format/party';
import { useT } from '../../i18n/language';
import { useActions, useAttendant } from '../../store/context';
import { selectCall, selectCountryOfLine, selectIsCallKnown, selectLine } from '../../store/selectors';
import { Notices } from '../Notices';
import './alert-window.css';

/**
 * The always-on-top alert window's page: the ringing caller, Answer (only
 * when the console can answer this call) and Show (the console comes
 * forward with the call selected). The main process closes the window when
 * the call stops ringing.
 */
export function AlertWindowView({ callId }: { callId: string }) {
  const call = useAttendant(selectCall(callId));
  const country = useAttendant(selectCountryOfLine(call?.lineId));
  const line = useAttendant(selectLine(call?.lineId ?? ''));
  // Its connection not online, the call is unknown: nothing to answer until it is back (the window closes then anyway).
  const known = useAttendant(selectIsCallKnown(callId));
  const { execute, showCallInConsole } = useActions();
  const t = useT();
  if (!call) {
    return (
      <main className="alert-window" aria-label={t('alert.window.incomingCall')}>
        <p className="alert-window__title">{t('alert.window.incomingCall')}</p>
      </main>
    );
  }
  const title = partyTitle(call.remote, country, t);
  const numberText = partyNumberText(call.remote, country, t);
  const details = [
    title !== numberText ? numberText : null,
    call.remote.company,
    line ? t('alert.window.onLine', { line: lineLabel(line, t) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <main className="alert-window" aria-label={t('alert.window.incomingCall')}>
      <p className="alert-window__title">{t('alert.window.calling', { name: title })}</p>
      {details && <p className="alert-window__details">{details}</p>}
      <div className="alert-window__actions">
        {known && call.actions.includes('answer') ? (
          <button type="button" className="alert-window__answer" onClick={() => void execute({ kind: 'answer', callId })}>
            {t('action.answer')}
          </button>
        ) : (
          <span className="alert-window__note">{t('alert.window.answerOnPhone')}</span>
        )}
        <button type="button" onClick={() => void showCallInConsole(callId)}>
          {t('alert.window.show')}
        </button>
      </div>
      <Notices />
    </main>
  );
}
