import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useT } from '../i18n/language';
import { useAttendant, useAttendantStore } from '../store/context';
import { selectActiveCallIds, selectHasSnapshot, selectIsCallKnown, selectWaitingCallIds } from '../store/selectors';
import { CallRow } from './CallRow';

/** A compact row's height before it is measured. */
const ROW_ESTIMATE = 64;

/**
 * The receptionist's calls in two regions that stay put: the calls waiting
 * (ringing or queued here, longest wait first) and the calls in progress
 * with their actions. Each is a virtual list: only the rows in view are in
 * the page, so a thousand calls cost what a screenful does.
 */
export function CallList() {
  const waiting = useAttendant(selectWaitingCallIds);
  const active = useAttendant(selectActiveCallIds);
  const hasSnapshot = useAttendant(selectHasSnapshot);
  const t = useT();
  const empty = waiting.length === 0 && active.length === 0;
  return (
    <section className="panel calls" aria-labelledby="calls-heading">
      <h2 id="calls-heading">{t('call.list.heading')}</h2>
      {empty && <p className="muted">{t(hasSnapshot ? 'call.list.empty' : 'call.list.waiting')}</p>}
      {waiting.length > 0 && <VirtualCallList ids={waiting} label={t('work.calls.waiting')} className="calls__waiting" />}
      {active.length > 0 && <VirtualCallList ids={active} label={t('work.calls.active')} className="calls__active" />}
    </section>
  );
}

function VirtualCallList({ ids, label, className }: { ids: readonly string[]; label: string; className: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The React Compiler is not used here, so the virtualizer's non-memoisable API (the lint's concern) is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (index) => ids[index] ?? index,
    overscan: 4,
  });
  const inView = useAttendant((s) => s.callInView);
  const store = useAttendantStore();

  // A call asked for (acted on, its alert clicked) is scrolled in; its row then takes the focus (use-call-in-view.ts).
  useEffect(() => {
    if (!inView) return;
    const index = ids.indexOf(inView.callId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    // Only a new request scrolls, not every change of the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [inView?.serial]);

  // The first row from `start` on, going `step`, whose call is known: no key reaches an unknown call's row.
  function knownFrom(start: number, step: 1 | -1): number {
    const state = store.getState();
    for (let i = start; i >= 0 && i < ids.length; i += step) {
      const id = ids[i];
      if (id !== undefined && selectIsCallKnown(id)(state)) return i;
    }
    return -1;
  }

  // ↑/↓/Home/End move between rows (the rows' own keys: Enter does the row's main action).
  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const row = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('[data-index]') : null;
    if (!row || row !== event.target || event.altKey || event.ctrlKey || event.metaKey) return;
    const index = Number(row.dataset.index);
    const next =
      event.key === 'ArrowDown'
        ? knownFrom(index + 1, 1)
        : event.key === 'ArrowUp'
          ? knownFrom(index - 1, -1)
          : event.key === 'Home'
            ? knownFrom(0, 1)
            : event.key === 'End'
              ? knownFrom(ids.length - 1, -1)
              : -1;
    if (next < 0 || next === index) return;
    event.preventDefault();
    virtualizer.scrollToIndex(next, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
  }

  return (
    <div ref={scrollRef} className={`call-scroller ${className}`} data-virtual-viewport="">
      <ul role="list" className="call-list" aria-label={label} style={{ height: virtualizer.getTotalSize() }} onKeyDown={onKeyDown}>
        {virtualizer.getVirtualItems().map((item) => (
          <CallRow
            key={item.key}
            callId={ids[item.index] ?? ''}
            virtual={{ index: item.index, start: item.start, measure: virtualizer.measureElement }}
          />
        ))}
      </ul>
    </div>
  );
}
