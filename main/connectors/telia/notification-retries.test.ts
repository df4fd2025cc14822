/**
 * Telia notifications lost, repeated or overlapping, through the reducer to
 * the console's calls and journal: Telia retries its HTTP GETs, so a Start
 * or an end may come twice (also after its call ended); withheld callers all
 * read '' and one number may ring twice at once, so a line and caller can
 * have several calls; and a Start may be lost, leaving only the end.
 */
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../app/events';
import { emptyConsoleState, type ConsoleState } from '../../../app/model';
import { reduceAll } from '../../../app/reducer';
import { TeliaAdapter } from './adapter';
import type { TeliaNotification } from './messages';

function notification(fields: Partial<TeliaNotification>): TeliaNotification {
  return { ts: 1_700_000_000, anr: '37255000001', bnr: '3726403231', fn: '', type: 'Start', answered: false, ...fields };
}

function setup(now: () => number = () => 0) {
  const telia = new TeliaAdapter({ connectionId: 'tl', label: 'Telia', country: 'EE' }, now);
  let state: ConsoleState = emptyConsoleState();
  const apply = (events: DomainEvent[]) => {
    state = reduceAll(state, events).state;
  };
  apply([{ type: 'connectionStatus', status: { id: 'tl', label: 'Telia', vendor: 'telia', state: 'online' } as never }]);
  apply(telia.replaceLines(['6403231']));
  return {
    telia,
    apply,
    notify: (fields: Partial<TeliaNotification>) => apply(telia.applyNotification(notification(fields))),
    ringing: () => Object.values(state.calls).filter((call) => call.state === 'ringing'),
    missed: () => state.journal.filter((entry) => !entry.answered),
    get state() {
      return state;
    },
  };
}

describe('Telia notifications repeated, lost or overlapping', () => {
  it('a Missed delivered twice counts one missed call, not two', () => {
    const s = setup();
    s.notify({ ts: 1_700_000_000 });
    s.notify({ ts: 1_700_000_020, type: 'Missed' });
    s.notify({ ts: 1_700_000_020, type: 'Missed' });
    expect(Object.keys(s.state.calls)).toEqual([]);
    expect(s.missed()).toHaveLength(1);
  });

  it('a Start delivered again after its call ended does not ring again, nor is journalled again at its expiry', () => {
    const s = setup();
    s.notify({ ts: 1_700_000_000 });
    s.notify({ ts: 1_700_000_020, type: 'Missed' });
    s.notify({ ts: 1_700_000_000 });
    expect(s.ringing()).toEqual([]);
    expect(s.telia.liveCalls()).toEqual([]);
    expect(s.telia.expire('tl/6403231#n1700000000-37255000001')).toEqual([]);
    expect(s.missed()).toHaveLength(1);
  });

  it('a Start delivered again after its call expired does not ring again', () => {
    const s = setup();
    s.notify({ ts: 1_700_000_000 });
    const [call] = s.telia.liveCalls();
    s.telia.expire(call.id);
    s.notify({ ts: 1_700_000_000 });
    expect(s.telia.liveCalls()).toEqual([]);
  });

  it('one withheld caller hanging up and another giving up in the same second are two ends, not a retry', () => {
    const s = setup();
    s.notify({ ts: 1_700_000_000, anr: '' });
    s.notify({ ts: 1_700_000_004, anr: '', answered: true });
    s.notify({ ts: 1_700_000_005, anr: '' });
    s.notify({ ts: 1_700_000_010, anr: '', type: 'End', answered: true });
    s.notify({ ts: 1_700_000_010, anr: '', type: 'Missed' });
    expect(Object.keys(s.state.calls)).toEqual([]);
    expect(s.telia.liveCalls()).toEqual([]);
  });

  it('an end that comes after the console expired its call is that call’s: journalled once, at the expiry', () => {
    const s = setup();
    s.notify({ ts: 1_700_000_000 });
    const [call] = s.telia.liveCalls();
    s.apply(s.telia.expire(call.id));
    s.notify({ ts: 1_700_000_200, type: 'Missed' });
    expect(Object.keys(s.state.calls)).toEqual([]);
    expect(s.missed()).toHaveLength(1);
  });

  it('after an expired call, the same caller calling again is ended by its own end', () => {
    const s = setup();
    s.notify({ ts: 1_700_000_000 });
    const [call] = s.telia.liveCalls();
    s.apply(s.telia.expire(call.id));
    s.notify({ ts: 1_700_000_300 });
    s.notify({ ts: 1_700_000_320, type: 'Missed' });
    expect(s.ringing()).toEqual([]);
    expect(s.missed()).toHaveLength(2);
  });

  it('the answer Start delivered again after the call ended does not bring it back', () => {
    const s = setup();
    s.notify({ ts: 1_700_000_000 });
    s.notify({ ts: 1_700_000_010, answered: true });
    s.notify({ ts: 1_700_000_090, type: 'End', answered: true });
    s.notify({ ts: 1_700_000_010, answered: true });
    expect(Object.keys(s.state.calls)).toEqual([]);
    expect(s.state.journal.map((entry) => entry.answered)).toEqual([true]);
  });

  it('a Start delivered twice while it rings is one call', () => {
    const s = setup();
    s.notify({ ts: 1_700_000_000 });
    s.notify({ ts: 1_700_000_000 });
    expect(s.ringing()).toHaveLength(1);
  });

  it('two withheld callers ringing at once are two calls; the first ending leaves the second ringing', () => {
    const s = setup();
    s.notify({ ts: 1_700_000_000, anr: '' });
    s.notify({ ts: 1_700_000_005, anr: '' });
    expect(s.ringing()).toHaveLength(2);
    s.notify({ ts: 1_700_000_010, anr: '', type: 'Missed' });
    expect(s.ringing().map((call) => call.startedAt)).toEqual([1_700_000_005_000]);
    // The first Missed again: a retry, not the second caller's end.
    s.notify({ ts: 1_700_000_010, anr: '', type: 'Missed' });
    expect(s.ringing()).toHaveLength(1);
    s.notify({ ts: 1_700_000_015, anr: '', type: 'Missed' });
    expect(s.ringing()).toEqual([]);
    expect(s.missed()).toHaveLength(2);
  });

  it('one number ringing twice at once: the answer goes to the oldest call, an unanswered end to the one still ringing', () => {
    const s = setup();
    s.notify({ ts: 1_700_000_000 });
    s.notify({ ts: 1_700_000_003 });
    s.notify({ ts: 1_700_000_005, answered: true });
    expect(Object.values(s.state.calls).map((call) => [call.startedAt, call.state])).toEqual([
      [1_700_000_000_000, 'connected'],
      [1_700_000_003_000, 'ringing'],
    ]);
    s.notify({ ts: 1_700_000_010, type: 'Missed' });
    expect(Object.values(s.state.calls).map((call) => call.state)).toEqual(['connected']);
    s.notify({ ts: 1_700_000_060, type: 'End', answered: true });
    expect(Object.keys(s.state.calls)).toEqual([]);
    expect(s.state.journal.map((entry) => entry.answered).sort()).toEqual([false, true]);
  });

  it('a lost Start still gives one missed call', () => {
    const s = setup();
    s.notify({ ts: 1_700_000_020, type: 'Missed' });
    expect(Object.keys(s.state.calls)).toEqual([]);
    expect(s.missed()).toHaveLength(1);
  });

  it('the same number calling again after its first call ended is a new call', () => {
    const s = setup();
    s.notify({ ts: 1_700_000_000 });
    s.notify({ ts: 1_700_000_020, type: 'Missed' });
    s.notify({ ts: 1_700_000_100 });
    expect(s.ringing().map((call) => call.startedAt)).toEqual([1_700_000_100_000]);
    s.notify({ ts: 1_700_000_120, type: 'Missed' });
    expect(s.missed()).toHaveLength(2);
  });

  it('ended calls are remembered for a while only: a Start long after is a call again', () => {
    let now = 0;
    const s = setup(() => now);
    s.notify({ ts: 1_700_000_000 });
    s.notify({ ts: 1_700_000_020, type: 'Missed' });
    now = 11 * 60_000;
    s.notify({ ts: 1_700_000_000 });
    expect(s.ringing()).toHaveLength(1);
  });

  it('ended calls are remembered up to a count only', () => {
    const s = setup();
    for (let i = 0; i < 1500; i++) {
      s.notify({ ts: 1_700_000_000 + 10 * i });
      s.notify({ ts: 1_700_000_005 + 10 * i, type: 'Missed' });
    }
    // The first call's Start has been forgotten (3000 keys remembered past a bound of 2000); the last one's is not.
    s.notify({ ts: 1_700_000_000 });
    s.notify({ ts: 1_700_000_000 + 10 * 1499 });
    expect(s.ringing().map((call) => call.startedAt)).toEqual([1_700_000_000_000]);
  });
});
