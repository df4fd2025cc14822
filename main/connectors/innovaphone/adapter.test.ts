import { describe, expect, it } from 'vitest';
import { InnovaphoneLineAdapter, InnovaphonePresence, mapCallState } from './adapter';
import type { CallInfo, UserInfo } from './messages';

describe('CallInfo state bit field', () => {
  it.each([
    [0x81, 'incoming', 'ringing'], // setup sent to the phone
    [0x84, 'incoming', 'ringing'],
    [0x85, 'incoming', 'connected'],
    [0x185, 'incoming', 'held'],
    [0x285, 'incoming', 'held-by-peer'],
    [0x88, 'incoming', 'parked'],
    [0x87, 'incoming', 'failed'],
    [0x01, 'outgoing', 'dialing'],
    [0x03, 'outgoing', 'dialing'],
    [0x04, 'outgoing', 'ringback'],
    [0x05, 'outgoing', 'connected'],
  ])('%s → %s %s (0x80 is "outbound" from the PBX, so incoming for the receptionist)', (state, direction, mapped) => {
    expect(mapCallState(state)).toEqual({ direction, state: mapped });
  });
});

const callInfo = (call: number, state: number, extra: Partial<CallInfo> = {}): CallInfo => ({
  user: 4, call, reg: 0, active: true, state, msg: '', no: [{ type: 'peer', cn: '', e164: `+37250000${call}`, h323: '', dn: '' }], info: [], ...extra,
});

describe('InnovaphoneLineAdapter', () => {
  const adapter = () => {
    const a = new InnovaphoneLineAdapter({ connectionId: 'c', cn: 'Reception', label: 'Reception', country: 'EE' }, () => 1000);
    a.userHandle = 4;
    return a;
  };

  it('derives actions from state and the other calls, and plans the SOAP requests', () => {
    const a = adapter();
    a.applyCallInfo(callInfo(1, 0x185));
    const events = a.applyCallInfo(callInfo(2, 0x05));
    const byId = Object.fromEntries(events.flatMap((e) => (e.type === 'callUpserted' ? [[e.call.id, e.call]] : [])));
    expect(byId['c/Reception#1'].actions).toEqual(['completeTransfer', 'conference', 'hangup']);
    expect(byId['c/Reception#2'].actions).toEqual(['completeTransfer', 'conference', 'hold', 'hangup', 'park']);
    expect(a.plan({ kind: 'completeTransfer', callId: 'c/Reception#2' })).toEqual({ requests: [{ op: 'UserTransfer', a: 1, b: 2 }] });
    expect(a.plan({ kind: 'conference', callId: 'c/Reception#1' })).toEqual({ requests: [{ op: 'UserRc', call: 2, rc: 4 }] });
    expect(a.plan({ kind: 'consult', callId: 'c/Reception#2', to: '1103' })).toMatchObject({ requests: [{ op: 'UserHold', call: 2 }, { op: 'UserCall', user: 4, e164: '1103' }] });
  });

  it('shows who transferred or diverted the call, and ends it on active=false', () => {
    const a = adapter();
    const [upsert] = a.applyCallInfo(callInfo(7, 0x84, { no: [{ type: 'peer', cn: '', e164: '+3725123456', h323: '', dn: 'Kalev Kask' }, { type: 'leg2', cn: 'Maria Lind', e164: '1102', h323: '', dn: 'Maria Lind' }] }));
    expect(upsert).toMatchObject({ type: 'callUpserted', call: { remote: { number: '+3725123456', name: 'Kalev Kask' }, redirectedBy: { number: '1102', name: 'Maria Lind' } } });
    expect(a.applyCallInfo(callInfo(7, 0x87, { active: false }))[0]).toMatchObject({ type: 'callEnded', callId: 'c/Reception#7' });
  });
});

describe('InnovaphonePresence', () => {
  const user = (cn: string, extra: Partial<UserInfo> = {}): UserInfo => ({
    active: true, state: 1, channel: 0, alert: 0, type: 'ep', guid: '', cn, e164: '1', h323: '', dn: cn, groups: [], presence: [], cfg: false, node: '', loc: '', ...extra,
  });

  it('publishes the initial stream once at its empty-cn end, then upserts and removes', () => {
    const p = new InnovaphonePresence('c', new Set(['Reception']));
    expect(p.apply(user('A'))).toEqual([]);
    expect(p.apply(user('Reception'))).toEqual([]);
    const [replaced] = p.apply(user(''));
    expect(replaced).toMatchObject({ type: 'colleaguesReplaced', colleagues: [{ name: 'A', activity: 'idle' }] });
    expect(p.apply(user('A', { alert: 1, channel: 1 }))[0]).toMatchObject({ type: 'colleagueUpserted', colleague: { activity: 'ringing', calls: [{ state: 'ringing' }] } });
    expect(p.apply(user('A', { active: false }))).toEqual([{ type: 'colleagueRemoved', colleagueId: 'c/A' }]);
  });
});
