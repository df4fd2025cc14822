import { useEffect, useState } from 'react';
import type { Call, ConnectionStatus } from '../../../app/model';
import { partyTitle } from '../format/party';
import type { Translate } from '../format/labels';
import { useT } from '../i18n/language';
import { useAttendantStore } from '../store/context';
import type { AttendantState } from '../store/types';

/**
 * Says politely what changed that the receptionist did not look at: a call
 * connected, put on hold, ended; a connection leaving online or coming
 * back. (A ringing call is announced assertively by the banner.)
 */
export function StateAnnouncer() {
  const store = useAttendantStore();
  const t = useT();
  const [text, setText] = useState('');
  useEffect(() => {
    let previous = store.getState();
    return store.subscribe((state) => {
      const said = changesToSay(previous, state, t);
      previous = state;
      if (said.length > 0) setText(said.join('. '));
    });
  }, [store, t]);
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true">
      {text}
    </p>
  );
}

function ownCall(state: AttendantState, call: Call): boolean {
  return state.console.lines[call.lineId]?.watched !== true;
}

/** The sentences for what changed between two states (only when a snapshot was there before). */
export function changesToSay(before: AttendantState, after: AttendantState, t: Translate): string[] {
  if (!before.hasSnapshot || before.console === after.console) return [];
  const out: string[] = [];
  const callsBefore = before.console.calls;
  const callsAfter = after.console.calls;
  if (callsBefore !== callsAfter) {
    // Runs on every frame of call updates (1,000 live calls): a call object the patch did not touch is skipped first.
    for (const id in callsAfter) {
      const call = callsAfter[id];
      const old = callsBefore[id];
      if (!call || old === call || !old || old.state === call.state || !ownCall(after, call)) continue;
      // Its connection not online, the call is unknown: its row says so, and nothing is said about it.
      if (after.console.connections[call.connectionId]?.state !== 'online') continue;
      const caller = partyTitle(call.remote, after.console.lines[call.lineId]?.country ?? '', t);
      if (call.state === 'connected') out.push(t('work.announce.connected', { caller }));
      else if (call.state === 'held') out.push(t('work.announce.held', { caller }));
    }
    for (const id in callsBefore) {
      const old = callsBefore[id];
      if (!old || callsAfter[id] || !ownCall(before, old) || !['connected', 'held', 'held-by-peer'].includes(old.state)) continue;
      // A call gone because its connection dropped is not "ended": the connection's own sentence says what happened.
      if (after.console.connections[old.connectionId]?.state !== 'online') continue;
      out.push(t('work.announce.ended', { caller: partyTitle(old.remote, before.console.lines[old.lineId]?.country ?? '', t) }));
    }
  }
  const linksBefore: Record<string, ConnectionStatus> = before.console.connections;
  for (const status of Object.values(after.console.connections)) {
    const old = linksBefore[status.id];
    if (!old || old.state === status.state) continue;
    if (old.state === 'online') out.push(t('work.announce.offline', { connection: status.label }));
    else if (status.state === 'online') out.push(t('work.announce.online', { connection: status.label }));
  }
  return out;
}
