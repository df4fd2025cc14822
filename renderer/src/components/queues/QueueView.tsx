import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import { isCallKnown } from '../../../../app/call-trust';
import type { Call } from '../../../../app/model';
import { useNow } from '../../clock';
import { partyTitle } from '../../format/party';
import { formatDuration } from '../../format/time';
import { useT } from '../../i18n/language';
import { useActions, useAttendant } from '../../store/context';
import { selectCountryOfLine, selectKeyBindings, selectQueuedCalls, selectTakeableCallers } from '../../store/selectors';
import { KeyHint } from '../KeyHint';

/** A queue row's height before it is measured. */
const ROW_ESTIMATE = 40;

/**
 * The queue's words: its name where the PBX or the configuration gives one, else its id; a PBX that names no queue
 * (TelServer: a queued call carries only the number it was dialled at) by that number, or its directory name.
 */
function queueName(call: Call): string {
  return call.queue?.name ?? call.queue?.id ?? (call.firstCalled?.name || call.firstCalled?.number || '');
}

/**
 * Callers waiting in a queue or hunt group, longest wait first, with the
 * queue, their place in it, the active operators and the time waited; the
 * heading counts each queue. Where the PBX lets the console take a caller
 * out of its queue (innovaphone: pickup from the waiting-queue object, which
 * hands over its longest-waiting caller, not one the console names), the
 * first caller of each queue has "Take call" and the take key does it for
 * the first queue; the others are listed as waiting behind it. Elsewhere
 * the PBX hands a queued caller to a free operator (it rings in the list
 * below when it is the receptionist's turn), so the view offers nothing
 * that would fail and says so.
 */
export function QueueView() {
  const queued = useAttendant(selectQueuedCalls);
  const takeable = useAttendant(selectTakeableCallers);
  const takeKeys = useAttendant(selectKeyBindings).takeQueued;
  const { execute } = useActions();
  const t = useT();
  if (queued.length === 0 && takeable.length === 0) return null;
  const counts = new Map<string, number>();
  for (const call of queued) counts.set(queueName(call), (counts.get(queueName(call)) ?? 0) + 1);
  for (const { queue } of takeable) counts.set(queue.name, (counts.get(queue.name) ?? 0) + 1);
  return (
    <section className="panel queues" aria-labelledby="queues-heading">
      <h2 id="queues-heading">
        {t('queues.heading')}
        <span className="queues__counts">
          {[...counts].map(([queue, count]) => (
            <span key={queue} className="queues__count">
              {t('queues.countInQueue', { queue: queue || '—', count })}
            </span>
          ))}
        </span>
      </h2>
      {takeable.length > 0 && (
        <ul role="list" className="queue-takeable" aria-label={t('queues.takeable')}>
          {takeable.map(({ queue, call, line }, index) => (
            <li key={`${queue.id}-${index}`} className="queue-takeable__row">
              <span>{[queue.name, partyTitle(call.remote, line.country, t)].join(' · ')}</span>
              {/* The PBX takes the queue's longest-waiting caller: only the first of each queue is the one a click takes. */}
              {takeable.findIndex((other) => other.queue.id === queue.id) === index && (
                <button
                  type="button"
                  aria-keyshortcuts={index === 0 && takeKeys[0] ? takeKeys[0] : undefined}
                  onClick={() => void execute({ kind: 'pickup', lineId: line.id, colleagueId: queue.id, ref: call.ref })}
                >
                  {t('queues.take')}
                  {index === 0 && takeKeys[0] && <KeyHint chordText={takeKeys[0]} />}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {queued.length > 0 && <QueueList calls={queued} label={t('queues.heading')} />}
      {queued.length > 0 && <p className="muted queues__note">{t('queues.routedByPbx')}</p>}
    </section>
  );
}

function QueueList({ calls, label }: { calls: readonly Call[]; label: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The same virtualiser as every long list; the React Compiler is not used, so its API is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: calls.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (index) => calls[index]?.id ?? index,
    overscan: 4,
  });
  return (
    <div ref={scrollRef} className="queue-scroller" data-virtual-viewport="">
      <ul role="list" className="queue-list" aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const call = calls[item.index];
          return call ? (
            <QueueRow key={item.key} call={call} index={item.index} start={item.start} measure={virtualizer.measureElement} />
          ) : null;
        })}
      </ul>
    </div>
  );
}

const QueueRow = memo(function QueueRow({
  call,
  index,
  start,
  measure,
}: {
  call: Call;
  index: number;
  start: number;
  measure: (element: Element | null) => void;
}) {
  const t = useT();
  const now = useNow();
  const country = useAttendant(selectCountryOfLine(call.lineId));
  const known = useAttendant((s) => s.bridge === 'connected' && isCallKnown(call, s.console.connections));
  const { position, operators } = call.queue ?? {};
  const parts = [
    queueName(call),
    position !== undefined ? t('queues.position', { position }) : '',
    partyTitle(call.remote, country, t),
    t('queues.waited', { duration: formatDuration((now - call.startedAt) / 1000) }),
    operators !== undefined ? t('queues.operators', { count: operators }) : '',
  ].filter(Boolean);
  return (
    <li
      ref={measure}
      data-index={index}
      className={`queue-row${known ? '' : ' queue-row--unknown'}`}
      style={{ transform: `translateY(${start}px)` }}
    >
      {known ? parts.join(' · ') : `${parts.slice(0, 3).join(' · ')} · ${t('work.call.unknown')}`}
    </li>
  );
});
