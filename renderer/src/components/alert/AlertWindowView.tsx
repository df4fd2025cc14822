import { ACTION_LABEL } from '../../../../app/model';
import { partyNumberText, partyTitle } from '../../format/party';
import { useActions, useAttendant } from '../../store/context';
import { selectCall, selectCountryOfLine, selectLine } from '../../store/selectors';
import { Notices } from '../Notices';
import './alert-window.css';

export const ANSWER_ON_PHONE_TEXT = 'Answer on your phone';

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
  const { execute, showCallInConsole } = useActions();
  if (!call) {
    return (
      <main className="alert-window" aria-label="Incoming call">
        <p className="alert-window__title">Incoming call</p>
      </main>
    );
  }
  const title = partyTitle(call.remote, country);
  const numberText = partyNumberText(call.remote, country);
  const details = [title !== numberText ? numberText : null, call.remote.company, line ? `on ${line.label}` : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <main className="alert-window" aria-label="Incoming call">
      <p className="alert-window__title">{title} is calling</p>
      {details && <p className="alert-window__details">{details}</p>}
      <div className="alert-window__actions">
        {call.actions.includes('answer') ? (
          <button type="button" className="alert-window__answer" onClick={() => void execute({ kind: 'answer', callId })}>
            {ACTION_LABEL.answer}
          </button>
        ) : (
          <span className="alert-window__note">{ANSWER_ON_PHONE_TEXT}</span>
        )}
        <button type="button" onClick={() => void showCallInConsole(callId)}>
          Show
        </button>
      </div>
      <Notices />
    </main>
  );
}
