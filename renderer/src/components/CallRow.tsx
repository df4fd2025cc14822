import { memo, type FocusEvent } from 'react';
import type { Call } from '../../../app/model';
import { CALL_ROLE_KEY, CALL_STATE_KEY, DIRECTION_KEY, type Translate, lineLabel } from '../format/labels';
import { partyNumberText, partyTitle } from '../format/party';
import { useT } from '../i18n/language';
import { useActions, useAttendant } from '../store/context';
import { selectCall, selectCountryOfLine, selectIsCallSelected, selectLine, selectPendingTarget } from '../store/selectors';
import { CallActions } from './CallActions';
import { CallDuration } from './CallDuration';
import { CrmLookupButton } from './CrmLookupButton';
import { DestinationForm } from './DestinationForm';
import { sendActionOf, startCallDrag } from './presence/call-drag';
import { useCallInView } from './use-call-in-view';

/** One call: who, what state, how long, on which line, and the actions it allows now. */
export const CallRow = memo(function CallRow({ callId }: { callId: string }) {
  const call = useAttendant(selectCall(callId));
  if (!call) return null;
  return <CallRowContent call={call} />;
});

function CallRowContent({ call }: { call: Call }) {
  const selected = useAttendant(selectIsCallSelected(call.id));
  const country = useAttendant(selectCountryOfLine(call.lineId));
  const line = useAttendant(selectLine(call.lineId));
  const pendingTarget = useAttendant(selectPendingTarget);
  const { selectCall: choose } = useActions();
  const rowRef = useCallInView<HTMLLIElement>(call.id);
  const t = useT();
  const title = partyTitle(call.remote, country, t);
  const numberText = partyNumberText(call.remote, country, t);

  // Focus landing on the row itself (keyboard) selects it, like a click.
  const onFocus = (event: FocusEvent<HTMLLIElement>) => {
    if (event.target === event.currentTarget) choose(call.id);
  };

  return (
    <li
      ref={rowRef}
      className={`call call--${call.state}${selected ? ' call--selected' : ''}`}
      aria-label={callAccessibleName(call, title, numberText, t)}
      aria-current={selected ? 'true' : undefined}
      tabIndex={0}
      onClick={() => choose(call.id)}
      onFocus={onFocus}
      // A call that can be sent on can be dropped on a colleague in the presence grid.
      draggable={sendActionOf(call) !== null}
      onDragStart={(event) => startCallDrag(event, call.id)}
    >
      <div className="call__status">
        <span className="call__direction">{t(DIRECTION_KEY[call.direction])}</span>
        <span className={`badge badge--${call.state}`}>{t(CALL_STATE_KEY[call.state])}</span>
        {call.role && <span className="badge badge--role">{t(CALL_ROLE_KEY[call.role])}</span>}
        <CallDuration call={call} />
        {line && <span className="call__line">{lineLabel(line, t)}</span>}
      </div>
      <div className="call__party">
        <span className="call__name">{title}</span>
        {title !== numberText && <span className="call__number">{numberText}</span>}
        {call.remote.company && <span className="call__company">{call.remote.company}</span>}
      </div>
      <CallOrigin call={call} country={country} t={t} />
      <CallActions call={call} />
      <CrmLookupButton call={call} />
      {line?.capabilities.includes('notify-only') && <p className="call__note">{t('call.notifyOnly')}</p>}
      {pendingTarget?.callId === call.id && <DestinationForm action={pendingTarget.action} />}
    </li>
  );
}

/** "Incoming call from Anna Berg (+372 5123 4567), Ringing": what a screen reader (and an e2e test) finds the row by. */
function callAccessibleName(call: Call, title: string, numberText: string, t: Translate): string {
  const who = title === numberText ? title : t('call.partyWithNumber', { name: title, number: numberText });
  const name = t(call.direction === 'incoming' ? 'call.name.incoming' : 'call.name.outgoing', {
    who,
    state: t(CALL_STATE_KEY[call.state]),
  });
  return call.role ? t('call.name.withRole', { name, role: t(CALL_ROLE_KEY[call.role]) }) : name;
}

/** How the call got here: the number dialled, who diverted or transferred it, the conference members. */
function CallOrigin({ call, country, t }: { call: Call; country: string; t: Translate }) {
  const lines: string[] = [];
  if (call.queue) {
    const queue = call.queue.name ?? call.queue.id;
    const { position } = call.queue;
    lines.push(position !== undefined ? t('call.queuePosition', { queue, position }) : t('call.queue', { queue }));
  } else if (call.firstCalled) {
    const number = partyNumberText(call.firstCalled, country, t);
    const name = call.firstCalled.name;
    lines.push(name ? t('call.origin.dialledNamed', { number, name }) : t('call.origin.dialled', { number }));
  }
  if (call.redirectedBy) {
    const who = partyTitle(call.redirectedBy, country, t);
    lines.push(t(call.cause === 'transfer' ? 'call.origin.transferredBy' : 'call.origin.divertedBy', { who }));
  }
  if (call.conferenceParties?.length) {
    const parties = call.conferenceParties.map((party) => partyTitle(party, country, t)).join(', ');
    lines.push(t('call.origin.conference', { parties }));
  }
  if (lines.length === 0) return null;
  return (
    <div className="call__origin">
      {lines.map((text) => (
        <span key={text}>{text}</span>
      ))}
    </div>
  );
}
