import './presence.css';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef, useState, type DragEvent } from 'react';
import type { MessageKey } from '../../../../app/i18n/message';
import type { Colleague, Line, Party } from '../../../../app/model';
import { useT } from '../../i18n/language';
import { useActions, useAttendant, useAttendantStore } from '../../store/context';
import { reachableFromCall, selectIsCallKnown, selectLineFor, selectSelectedCall } from '../../store/selectors';
import { droppedCallId, isCallDrag, sendActionOf } from './call-drag';
import { matchesColleague, selectColleague, selectColleagueOrder, selectPresenceLine } from './presence-selectors';

const ROW_HEIGHT = 44;
const VIEWPORT_HEIGHT = 440;

/**
 * The presence grid (busy lamp field): every colleague the PBX publishes,
 * searchable, virtualised (only the rows in view are in the DOM, so 10,000
 * colleagues scroll smoothly), and usable for work: call a colleague, send
 * the selected call to them (button, or drop a call row on them), pick up
 * a call ringing at their phone. Shown
 * only when a line offers presence.
 */
export function PresenceGrid() {
  const line = useAttendant(selectPresenceLine);
  const order = useAttendant(selectColleagueOrder);
  const store = useAttendantStore();
  const [query, setQuery] = useState('');
  const viewportRef = useRef<HTMLDivElement>(null);
  const t = useT();
  const text = query.trim();
  // Filtering reads names and numbers, which change only with the order.
  const ids = useMemo(() => {
    if (!text) return order;
    const colleagues = store.getState().console.colleagues;
    return order.filter((id) => matchesColleague(colleagues[id], text));
  }, [order, text, store]);
  // The same virtualiser as the call lists; rows have one fixed height here. The React Compiler is not used.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => ids[index] ?? index,
    overscan: 8,
  });
  if (!line || order.length === 0) return null;
  return (
    <section className="panel presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading">{t('presence.heading')}</h2>
      <input
        type="search"
        className="presence__search"
        aria-label={t('presence.search')}
        placeholder={t('presence.search')}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          virtualizer.scrollToOffset(0);
        }}
      />
      <p className="muted" aria-live="polite">
        {ids.length === order.length
          ? t('presence.count', { count: order.length })
          : t('presence.countFiltered', { shown: ids.length, count: order.length })}
      </p>
      <div
        className="presence__viewport"
        style={{ height: VIEWPORT_HEIGHT }}
        ref={viewportRef}
        data-virtual-viewport=""
        role="list"
        aria-label={t('presence.list')}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <ColleagueRow key={item.key} id={ids[item.index] ?? ''} line={line} top={item.start} />
          ))}
        </div>
      </div>
    </section>
  );
}

const ACTIVITY_KEY: Record<Colleague['activity'], MessageKey> = {
  idle: 'presence.activity.idle',
  ringing: 'presence.activity.ringing',
  busy: 'presence.activity.busy',
  offline: 'presence.activity.offline',
  unknown: 'presence.activity.unknown',
};

const ColleagueRow = memo(function ColleagueRow({ id, line, top }: { id: string; line: Line; top: number }) {
  const colleague = useAttendant(selectColleague(id));
  const selected = useAttendant(selectSelectedCall);
  // The grid's line and the colleague's own connection both online: else what the row shows is not known now.
  const online = useAttendant(
    (s) =>
      s.console.connections[line.connectionId]?.state === 'online' &&
      s.console.connections[colleague?.connectionId ?? '']?.state === 'online',
  );
  // Her extension is that PBX's: called and picked up on a line of the colleague's own connection (the grid's line
  // when it is one), a call sent to her only from that PBX.
  const dialLine = useAttendant((s) => selectLineFor(s, colleague?.connectionId ?? line.connectionId, 'dial'));
  const pickupLine = useAttendant((s) => selectLineFor(s, colleague?.connectionId ?? line.connectionId, 'pickup'));
  const store = useAttendantStore();
  const { execute } = useActions();
  const [dropTarget, setDropTarget] = useState(false);
  const t = useT();
  if (!colleague) return null;
  const send = selected && reachableFromCall(selected.connectionId, colleague) ? sendActionOf(selected) : null;
  const acceptsCalls = colleague.number !== '';
  // A dragged call is sent as the buttons would send it: transfer when connected, divert while ringing.
  const onDragOver = (event: DragEvent) => {
    if (!acceptsCalls || !isCallDrag(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setDropTarget(true);
  };
  const onDrop = (event: DragEvent) => {
    setDropTarget(false);
    if (!acceptsCalls || !isCallDrag(event)) return;
    event.preventDefault();
    const state = store.getState();
    const call = state.console.calls[droppedCallId(event)];
    const action = sendActionOf(call);
    // Its connection may have left online during the drag: an unknown call is never sent anywhere.
    if (call && action && selectIsCallKnown(call.id)(state) && reachableFromCall(call.connectionId, colleague))
      void execute({ kind: action, callId: call.id, to: colleague.number });
  };
  const ringing = colleague.calls.find((c) => c.state === 'ringing');
  const canDial = online && dialLine !== null && colleague.number !== '';
  // A colleague's ringing call on a connection not online is unknown: no pickup reaches it.
  const canPickup = online && ringing !== undefined && pickupLine !== null;
  const presence = presenceText(colleague);
  const caller = ringing ? callerText(ringing.remote) : '';
  return (
    <div
      role="listitem"
      className={`colleague colleague--${colleague.activity}${dropTarget ? ' colleague--drop-target' : ''}`}
      style={{ top, height: ROW_HEIGHT }}
      aria-label={colleague.name}
      onDragOver={onDragOver}
      onDragLeave={() => setDropTarget(false)}
      onDrop={onDrop}
    >
      <span className="colleague__lamp" aria-hidden="true" />
      <button
        type="button"
        className="colleague__name"
        disabled={!canDial}
        title={canDial ? t('presence.call', { name: colleague.name }) : undefined}
        onClick={() => dialLine && void execute({ kind: 'dial', lineId: dialLine.id, to: colleague.number })}
      >
        {colleague.name}
      </button>
      <span className="colleague__number">{colleague.number}</span>
      <span className="colleague__activity">{t(ACTIVITY_KEY[colleague.activity])}</span>
      <span className="colleague__presence" title={[caller && t('presence.ringingFrom', { caller }), presence].filter(Boolean).join(' · ')}>
        {colleague.dnd && <span className="colleague__badge colleague__badge--dnd">{t('presence.dnd')}</span>}
        {caller && <span className="colleague__caller">{t('presence.ringingFrom', { caller })}</span>}
        {presence}
      </span>
      <span className="colleague__actions">
        {send && colleague.number && (
          <button type="button" onClick={() => void execute({ kind: send, callId: selected!.id, to: colleague.number })}>
            {t(send === 'transfer' ? 'presence.transferHere' : 'presence.divertHere')}
          </button>
        )}
        {canPickup && (
          <button
            type="button"
            onClick={() =>
              pickupLine && void execute({ kind: 'pickup', lineId: pickupLine.id, colleagueId: colleague.id, ref: ringing.ref })
            }
          >
            {t('presence.pickUp')}
          </button>
        )}
      </span>
    </div>
  );
});

/**
 * The colleague's presence as they set it — the PBX's status word (open,
 * closed), their activity and their note — data, shown as written. The
 * dnd activity is the badge, so it is not repeated here.
 */
export function presenceText(colleague: Colleague): string {
  const p = colleague.presence;
  if (!p) return '';
  const activity = colleague.dnd && p.activity === 'dnd' ? '' : p.activity;
  return [p.status, activity, p.note].filter(Boolean).join(' — ');
}

/** Who calls at a colleague's ringing phone: the name and number the PBX gave, or '' while unknown. */
function callerText(remote: Party): string {
  if (remote.name && remote.number) return `${remote.name} (${remote.number})`;
  return remote.name ?? remote.number;
}
