import { memo, useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent, type Ref } from 'react';
import type { MessageKey } from '../../../app/i18n/message';
import type { Call, CallAction, CallCause } from '../../../app/model';
import { CALL_ROLE_KEY, CALL_STATE_KEY, DIRECTION_KEY, type Translate, lineLabel } from '../format/labels';
import { partyNumberText, partyTitle } from '../format/party';
import { useT } from '../i18n/language';
import { useActions, useAttendant, useAttendantStore } from '../store/context';
import {
  parseKeyHints,
  selectCall,
  selectCountryOfLine,
  selectIsCallKnown,
  selectIsCallSelected,
  selectKeyHintsOf,
  selectLine,
  selectLongestRinging,
} from '../store/selectors';
import type { AttendantStore } from '../store/store';
import { CallActions } from './CallActions';
import { CallDuration } from './CallDuration';
import { CrmLookupButton } from './CrmLookupButton';
import { sendActionOf, startCallDrag } from './presence/call-drag';
import { useCallInView } from './use-call-in-view';

export interface CallRowProps {
  callId: string;
  /** Set by a virtual list: the row's index, its offset, and the callback measuring its height. */
  virtual?: { index: number; start: number; measure: Ref<HTMLLIElement> };
}

/** One call, compact: who, what state, how long, on which line, and the actions it allows now; details when selected. */
export const CallRow = memo(function CallRow({ callId, virtual }: CallRowProps) {
  const call = useAttendant(selectCall(callId));
  if (!call) return null;
  return <CallRowContent call={call} virtual={virtual} />;
});

/** The main action Enter does on a focused row: answer it ringing, retrieve it held, unpark it parked. */
const MAIN_ACTION: readonly CallAction[] = ['answer', 'retrieve', 'unpark'];

const CAUSE_KEY: Record<CallCause, MessageKey> = {
  busy: 'work.cause.busy',
  conference: 'work.cause.conference',
  'dest-not-obtainable': 'work.cause.notObtainable',
  'dropped-by-other-party': 'work.cause.dropped',
  'held-by-other-party': 'work.cause.heldByOther',
  redirect: 'work.cause.redirect',
  'retrieved-by-other-party': 'work.cause.retrievedByOther',
  transfer: 'work.cause.transfer',
  route: 'work.cause.route',
};

function CallRowContent({ call, virtual }: { call: Call; virtual: CallRowProps['virtual'] }) {
  const selected = useAttendant(selectIsCallSelected(call.id));
  const known = useAttendant(selectIsCallKnown(call.id));
  const bridgeLost = useAttendant((s) => s.bridge !== 'connected');
  const country = useAttendant(selectCountryOfLine(call.lineId));
  const line = useAttendant(selectLine(call.lineId));
  const hints = useAttendant(selectKeyHintsOf(call.id));
  const { selectCall: choose, runCallAction } = useActions();
  const store = useAttendantStore();
  const rowRef = useCallInView<HTMLLIElement>(call.id);
  useFocusAfterRowLeaves(rowRef, call, store);
  const t = useT();
  const title = partyTitle(call.remote, country, t);
  const numberText = partyNumberText(call.remote, country, t);
  const nameId = `call-name-${cssId(call.id)}`;
  const stateText = known ? stateWords(call, t) : t(bridgeLost ? 'work.call.unknownBridge' : 'work.call.unknown');
  const origin = originLines(call, country, t);

  // Focus landing on the row itself (keyboard) selects it, like a click; an unknown call is never selected (no key may act on it).
  const onFocus = (event: FocusEvent<HTMLLIElement>) => {
    if (event.target === event.currentTarget && known) choose(call.id);
  };
  // Enter on the row (not on one of its buttons) does the call's main action; an unknown call does nothing.
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.key !== 'Enter' || event.target !== event.currentTarget || !known) return;
    const action = MAIN_ACTION.find((a) => call.actions.includes(a));
    if (!action) return;
    event.preventDefault();
    void runCallAction(call, action);
  };

  const setRef = (element: HTMLLIElement | null) => {
    rowRef.current = element;
    const measure = virtual?.measure;
    if (typeof measure === 'function') measure(element);
  };

  return (
    <li
      ref={setRef}
      data-index={virtual?.index}
      data-call-id={call.id}
      style={virtual ? { transform: `translateY(${virtual.start}px)` } : undefined}
      className={`call call--${call.state}${known ? '' : ' call--unknown'}${selected ? ' call--selected' : ''}${virtual ? ' call--virtual' : ''}`}
      aria-label={callAccessibleName(call, title, numberText, stateText, t)}
      aria-current={selected ? 'true' : undefined}
      tabIndex={known ? 0 : -1}
      onClick={() => {
        if (known) choose(call.id);
      }}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
      // A call that can be sent on can be dropped on a colleague in the presence grid.
      draggable={known && sendActionOf(call) !== null}
      onDragStart={(event) => startCallDrag(event, call.id)}
    >
      <div className="call__card">
        <div className="call__main">
          <span className={`badge badge--${known ? call.state : 'unknown'}`}>{stateText}</span>
          {call.role && known && <span className="badge badge--role">{t(CALL_ROLE_KEY[call.role])}</span>}
          <span className="call__who">
            <span id={nameId} className="call__name">
              {title}
            </span>
            {title !== numberText && <span className="call__number">{numberText}</span>}
            {call.remote.company && <span className="call__company">{call.remote.company}</span>}
          </span>
          <CallDuration call={call} />
          {line && <span className="call__line">{lineLabel(line, t)}</span>}
        </div>
        {origin.length > 0 && (
          <div className="call__origin">
            {/* A waiting call says all it can before it is answered; a call in progress says more when selected. */}
            {(selected || isWaiting(call) ? origin : origin.slice(0, 1)).map((text) => (
              <span key={text}>{text}</span>
            ))}
          </div>
        )}
        {known && (
          <div className="call__controls">
            <CallActions call={call} describedBy={nameId} keys={parseKeyHints(hints)} />
            <CrmLookupButton call={call} />
          </div>
        )}
        {selected && known && (
          <div className="call__details">
            <span className="call__direction">{t(DIRECTION_KEY[call.direction])}</span>
          </div>
        )}
        {/* Instead of buttons: where this call is answered. */}
        {known && line?.capabilities.includes('notify-only') && <p className="call__note">{t('call.notifyOnly')}</p>}
      </div>
    </li>
  );
}

/** "Ringing", "Failed — busy": the state, and for a failed call why, where the PBX says so. */
function stateWords(call: Call, t: Translate): string {
  const state = t(CALL_STATE_KEY[call.state]);
  if (call.state === 'failed' && call.cause) return t('work.call.failedBecause', { state, cause: t(CAUSE_KEY[call.cause]) });
  return state;
}

/** A call id as part of an element id (ids hold '/', '#', ':'). */
function cssId(callId: string): string {
  return callId.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** "Incoming call from Anna Berg (+372 5123 4567), Ringing": what a screen reader (and an e2e test) finds the row by. */
function callAccessibleName(call: Call, title: string, numberText: string, stateText: string, t: Translate): string {
  const who = title === numberText ? title : t('call.partyWithNumber', { name: title, number: numberText });
  const name = t(call.direction === 'incoming' ? 'call.name.incoming' : 'call.name.outgoing', { who, state: stateText });
  return call.role ? t('call.name.withRole', { name, role: t(CALL_ROLE_KEY[call.role]) }) : name;
}

/** How the call got here: the queue or the number dialled, who diverted or transferred it, the conference members. */
function originLines(call: Call, country: string, t: Translate): string[] {
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
  return lines;
}

/**
 * When the row holding the focus goes, the focus follows the call: to its
 * row in the other region when it moved (answered: from waiting to in
 * progress), else — its call ended (hung up, transferred) — to the next
 * step: the next ringing call, else the finder. Never to the page's body.
 * A row merely scrolled out of a virtual list keeps nothing to do.
 */
function useFocusAfterRowLeaves(rowRef: { current: HTMLLIElement | null }, call: Call, store: AttendantStore) {
  const waitingNow = useRef(isWaiting(call));
  const waiting = isWaiting(call);
  useLayoutEffect(() => {
    waitingNow.current = waiting;
  }, [waiting]);
  const callId = call.id;
  useLayoutEffect(() => {
    const row = rowRef.current;
    return () => {
      if (!row?.contains(document.activeElement)) return;
      const now = store.getState().console.calls[callId];
      if (now && isWaiting(now) === waitingNow.current) return; // scrolled out of view
      queueMicrotask(() => (now ? store.getState().focusCall(callId) : placeFocusOnNextStep(store)));
    };
  }, [rowRef, callId, store]);
}

function isWaiting(call: Call): boolean {
  return call.state === 'ringing' || call.state === 'queued';
}

/** The next step: the call ringing longest here, else the finder. */
export function placeFocusOnNextStep(store: AttendantStore): void {
  const state = store.getState();
  const ringing = selectLongestRinging(state);
  if (ringing) state.focusCall(ringing.id);
  else state.focusFinder();
}
