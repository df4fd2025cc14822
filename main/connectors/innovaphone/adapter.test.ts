import { describe, expect, it } from 'vitest';
import { msg } from '../../../app/i18n/message';
import { InnovaphoneLineAdapter, InnovaphonePresence, mapCallState, ringingCallers } from './adapter';
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
  user: 4,
  call,
  reg: 0,
  active: true,
  state,
  msg: '',
  no: [{ type: 'peer', cn: '', e164: `+37250000${call}`, h323: '', dn: '' }],
  info: [],
  ...extra,
});

describe('InnovaphoneLineAdapter', () => {
  const adapter = () => {
    const a = new InnovaphoneLineAdapter({ connectionId: 'c', cn: 'Reception', label: 'Reception', country: 'EE' }, () => 1000);
    a.userHandle = 4;
    return a;
  };

  it('keeps a party the PBX repeats as the object already published, and makes a new one when it changes', () => {
    const a = adapter();
    const upserted = (info: CallInfo) => {
      const event = a.applyCallInfo(info).find((e) => e.type === 'callUpserted');
      if (event?.type !== 'callUpserted') throw new Error('no callUpserted');
      return event.call;
    };
    const no = (dn: string): CallInfo['no'] => [
      { type: 'peer', cn: '', e164: '+3725000001', h323: '', dn },
      { type: 'leg2orig', cn: '', e164: '5000', h323: '', dn: '' },
    ];
    const ringing = upserted(callInfo(1, 0x81, { no: no('Ann') }));
    const connected = upserted(callInfo(1, 0x85, { no: no('Ann') }));
    expect(connected.remote).toBe(ringing.remote);
    expect(connected.firstCalled).toBe(ringing.firstCalled);
    const renamed = upserted(callInfo(1, 0x185, { no: no('Ann Tamm') }));
    expect(renamed.remote).toEqual({ number: '+3725000001', name: 'Ann Tamm' });
    expect(renamed.remote).not.toBe(connected.remote);
    expect(connected.remote).toEqual({ number: '+3725000001', name: 'Ann' });
  });

  it('pairs no later call with the held caller when the consultation ended before UserCall answered with its handle', () => {
    const a = adapter();
    a.applyCallInfo(callInfo(1, 0x85));
    a.applyCallInfo(callInfo(1, 0x185));
    // The consultation rings and ends, then the reply names its handle.
    a.applyCallInfo(callInfo(2, 0x05));
    a.applyCallInfo(callInfo(2, 0x05, { active: false }));
    expect(a.consultationPlaced(2, 'c/Reception#1')).toEqual([]);
    // The PBX gives handle 2 to an unrelated call later: it is no consultation of the held caller.
    const events = a.applyCallInfo(callInfo(2, 0x05));
    const upserted = events.flatMap((e) => (e.type === 'callUpserted' ? [e.call] : []));
    expect(upserted.find((call) => call.role !== undefined)).toBeUndefined();
  });

  it('derives actions from state and the consultation pair, and plans the SOAP requests', () => {
    const a = adapter();
    a.applyCallInfo(callInfo(1, 0x85));
    expect(a.plan({ kind: 'consult', callId: 'c/Reception#1', to: '1103' })).toEqual({
      requests: [
        { op: 'UserHold', call: 1, remote: false },
        { op: 'UserCall', user: 4, cn: '', e164: '1103', h323: '', rc: 0, srce164: '' },
      ],
      undo: {
        request: { op: 'UserRetrieve', call: 1 },
        undone: msg('work.announce.connected', { caller: '+372500001' }),
        notUndone: msg('work.announce.held', { caller: '+372500001' }),
      },
      consultationOf: 'c/Reception#1',
    });
    a.applyCallInfo(callInfo(1, 0x185));
    // UserCall answered with handle 2 before its CallInfo came: the pair forms when it does.
    expect(a.consultationPlaced(2, 'c/Reception#1')).toEqual([]);
    const events = a.applyCallInfo(callInfo(2, 0x05));
    const byId = Object.fromEntries(events.flatMap((e) => (e.type === 'callUpserted' ? [[e.call.id, e.call]] : [])));
    expect(byId['c/Reception#1']).toMatchObject({
      actions: ['completeTransfer', 'conference', 'hangup'],
      role: 'consulted-from',
      relatedCallId: 'c/Reception#2',
    });
    expect(byId['c/Reception#2']).toMatchObject({
      actions: ['completeTransfer', 'conference', 'hold', 'hangup', 'park'],
      role: 'consultation',
      relatedCallId: 'c/Reception#1',
    });
    expect(a.plan({ kind: 'completeTransfer', callId: 'c/Reception#2' })).toEqual({ requests: [{ op: 'UserTransfer', a: 1, b: 2 }] });
    expect(a.plan({ kind: 'conference', callId: 'c/Reception#1' })).toEqual({
      requests: [{ op: 'UserRc', call: 2, rc: 4 }],
      effectOn: [2, 1],
    });
  });

  it('plans Consult and Transfer on a held call as the PBX takes them: UserCall alone; UserRetrieve, then UserRedirect', () => {
    const a = adapter();
    a.applyCallInfo(callInfo(1, 0x185));
    expect(a.plan({ kind: 'consult', callId: 'c/Reception#1', to: '1103' })).toEqual({
      requests: [{ op: 'UserCall', user: 4, cn: '', e164: '1103', h323: '', rc: 0, srce164: '' }],
      consultationOf: 'c/Reception#1',
    });
    expect(a.plan({ kind: 'transfer', callId: 'c/Reception#1', to: '1103' })).toEqual({
      requests: [
        { op: 'UserRetrieve', call: 1 },
        { op: 'UserRedirect', call: 1, cn: '', e164: '1103', h323: '', rc: 0 },
      ],
      undo: {
        request: { op: 'UserHold', call: 1, remote: false },
        undone: msg('work.announce.held', { caller: '+372500001' }),
        notUndone: msg('work.announce.connected', { caller: '+372500001' }),
      },
    });
    // A connected call is redirected as it is.
    a.applyCallInfo(callInfo(1, 0x85));
    expect(a.plan({ kind: 'transfer', callId: 'c/Reception#1', to: '1103' })).toEqual({
      requests: [{ op: 'UserRedirect', call: 1, cn: '', e164: '1103', h323: '', rc: 0 }],
    });
  });

  it('joins the call held for the consultation, not an older held call; an unrelated held call changes no other call', () => {
    const a = adapter();
    const actionsOf = (events: ReturnType<typeof a.applyCallInfo>) =>
      Object.fromEntries(
        events.flatMap((e) => (e.type === 'callUpserted' ? [[e.call.id.replace('c/Reception#', ''), e.call.actions]] : [])),
      );
    // Caller A waits on hold; caller B is answered: B keeps Consult and Transfer, and nothing else is republished.
    a.applyCallInfo(callInfo(1, 0x185));
    expect(actionsOf(a.applyCallInfo(callInfo(2, 0x85)))).toEqual({ '2': ['hold', 'transfer', 'consult', 'park', 'hangup'] });
    expect(a.plan({ kind: 'completeTransfer', callId: 'c/Reception#2' })).toEqual({ refused: msg('innovaphone.noSecondCall') });
    expect(a.plan({ kind: 'conference', callId: 'c/Reception#2' })).toEqual({ refused: msg('innovaphone.conferenceNeedsTwo') });
    // B is held and 1103 dialled: the dial consults for B, the call put on hold last.
    a.applyCallInfo(callInfo(2, 0x185));
    expect(a.plan({ kind: 'dial', lineId: a.lineId, to: '1103' })).toMatchObject({ consultationOf: 'c/Reception#2' });
    a.applyCallInfo(callInfo(3, 0x04));
    expect(actionsOf(a.consultationPlaced(3, 'c/Reception#2'))).toEqual({
      '3': ['completeTransfer', 'hangup'],
      '2': ['completeTransfer', 'hangup'],
    });
    expect(actionsOf(a.applyCallInfo(callInfo(3, 0x05)))).toEqual({
      '3': ['completeTransfer', 'conference', 'hold', 'hangup', 'park'],
      '2': ['completeTransfer', 'conference', 'hangup'],
    });
    expect(a.plan({ kind: 'completeTransfer', callId: 'c/Reception#3' })).toEqual({ requests: [{ op: 'UserTransfer', a: 2, b: 3 }] });
    expect(a.plan({ kind: 'completeTransfer', callId: 'c/Reception#2' })).toEqual({ requests: [{ op: 'UserTransfer', a: 2, b: 3 }] });
    expect(a.plan({ kind: 'conference', callId: 'c/Reception#2' })).toMatchObject({ requests: [{ op: 'UserRc', call: 3, rc: 4 }] });
    // A is in no pair: it offers what a held call alone does, and cannot be joined with the consultation.
    expect(a.plan({ kind: 'completeTransfer', callId: 'c/Reception#1' })).toEqual({ refused: msg('innovaphone.noSecondCall') });
    // While one consultation is under way, a dial starts no other pair (what it is for is not clear).
    expect(a.plan({ kind: 'dial', lineId: a.lineId, to: '1104' })).not.toHaveProperty('consultationOf');
  });

  it('forgets a pair when either call ends, and keeps it through a resync that finds both calls again', () => {
    const a = adapter();
    const conf = (guid: string) => [{ type: 'conf', vals: guid, vali: 0 }];
    const paired = (first: number, second: number) => {
      a.applyCallInfo(callInfo(first, 0x185, { info: conf(`g${first}`) }));
      a.consultationPlaced(second, `c/Reception#${first}`);
      a.applyCallInfo(callInfo(second, 0x05, { info: conf(`g${second}`) }));
    };
    paired(1, 2);
    // The consultation ends (the colleague hung up): the caller is held on its own again, its role gone.
    const [, upsert] = a.applyCallInfo(callInfo(2, 0x05, { active: false }));
    expect(upsert).toMatchObject({
      type: 'callUpserted',
      call: { id: 'c/Reception#1', actions: ['retrieve', 'transfer', 'consult', 'park', 'hangup'] },
    });
    expect(upsert.type === 'callUpserted' && upsert.call).not.toHaveProperty('role');
    expect(a.plan({ kind: 'completeTransfer', callId: 'c/Reception#1' })).toEqual({ refused: msg('innovaphone.noSecondCall') });

    paired(3, 4);
    // A reconnect: new handles, the same calls (by conference GUID) — the pair stays and joins the new handles.
    a.userHandle = 9;
    a.beginResync();
    a.applyCallsSnapshot([
      callInfo(0, 0x185, { info: conf('g1') }),
      callInfo(0, 0x185, { info: conf('g3') }),
      callInfo(0, 0x05, { info: conf('g4') }),
    ]);
    a.applyCallInfo(callInfo(11, 0x185, { info: conf('g1') }));
    a.applyCallInfo(callInfo(13, 0x185, { info: conf('g3') }));
    a.applyCallInfo(callInfo(14, 0x05, { info: conf('g4') }));
    const [replaced] = a.finishResync();
    expect(replaced.type === 'lineCallsReplaced' && replaced.calls).toMatchObject([
      { id: 'c/Reception#1', actions: ['retrieve', 'transfer', 'consult', 'park', 'hangup'] },
      {
        id: 'c/Reception#3',
        role: 'consulted-from',
        relatedCallId: 'c/Reception#4',
        actions: ['completeTransfer', 'conference', 'hangup'],
      },
      { id: 'c/Reception#4', role: 'consultation', relatedCallId: 'c/Reception#3' },
    ]);
    expect(a.plan({ kind: 'completeTransfer', callId: 'c/Reception#4' })).toEqual({ requests: [{ op: 'UserTransfer', a: 13, b: 14 }] });

    // A resync that does not find the held call again ends the pair.
    a.beginResync();
    a.applyCallsSnapshot([callInfo(0, 0x05, { info: conf('g4') })]);
    a.applyCallInfo(callInfo(24, 0x05, { info: conf('g4') }));
    const [again] = a.finishResync();
    expect(again.type === 'lineCallsReplaced' && again.calls).toMatchObject([
      { id: 'c/Reception#4', actions: ['hold', 'transfer', 'consult', 'park', 'hangup'] },
    ]);
    expect(again.type === 'lineCallsReplaced' && again.calls[0]).not.toHaveProperty('role');
  });

  it('says why it refuses a command, as a catalog message', () => {
    const a = adapter();
    expect(a.plan({ kind: 'hold', callId: 'c/Reception#9' })).toEqual({ refused: msg('command.callEnded') });
    expect(a.plan({ kind: 'setDnd', lineId: a.lineId, enabled: true })).toEqual({ refused: msg('innovaphone.notFromConsole') });
    expect(a.plan({ kind: 'phonebookDelete', connectionId: 'c', entryId: 'x' })).toEqual({ refused: msg('command.noPhonebook') });
    a.applyCallInfo(callInfo(1, 0x05));
    expect(a.plan({ kind: 'completeTransfer', callId: 'c/Reception#1' })).toEqual({ refused: msg('innovaphone.noSecondCall') });
    expect(a.plan({ kind: 'alternate', callId: 'c/Reception#1' })).toEqual({
      refused: msg('command.notSupported', { system: 'innovaphone' }),
    });
    a.userHandle = 0;
    expect(a.planPickup('Maria Lind')).toEqual({ refused: msg('innovaphone.lineNotMonitored') });
  });

  it('ignores a Calls answer outside a resync', () => {
    const a = adapter();
    const peer = [{ type: 'peer', cn: '', e164: '+3725000009', h323: '', dn: '' }];
    a.applyCallsSnapshot([callInfo(0, 0x85, { no: peer })]);
    // Had it been taken, this call would bind to the snapshot's call (an id of its own) instead of its handle's.
    expect(a.applyCallInfo(callInfo(3, 0x85, { no: peer }))).toMatchObject([{ type: 'callUpserted', call: { id: 'c/Reception#3' } }]);
    expect(a.plan({ kind: 'hold', callId: 'c/Reception#3' })).toEqual({ requests: [{ op: 'UserHold', call: 3, remote: false }] });
  });

  it('shows who transferred or diverted the call, and ends it on active=false', () => {
    const a = adapter();
    const [upsert] = a.applyCallInfo(
      callInfo(7, 0x84, {
        no: [
          { type: 'peer', cn: '', e164: '+3725123456', h323: '', dn: 'Kalev Kask' },
          { type: 'leg2', cn: 'Maria Lind', e164: '1102', h323: '', dn: 'Maria Lind' },
        ],
      }),
    );
    expect(upsert).toMatchObject({
      type: 'callUpserted',
      call: { remote: { number: '+3725123456', name: 'Kalev Kask' }, redirectedBy: { number: '1102', name: 'Maria Lind' } },
    });
    expect(a.applyCallInfo(callInfo(7, 0x87, { active: false }))[0]).toMatchObject({ type: 'callEnded', callId: 'c/Reception#7' });
  });
});

describe('InnovaphoneLineAdapter resync with Calls', () => {
  const conf = (guid: string) => [{ type: 'conf', vals: guid, vali: 0 }];
  const connected = () => {
    const a = new InnovaphoneLineAdapter({ connectionId: 'c', cn: 'Reception', label: 'Reception', country: 'EE' }, () => 1000);
    a.userHandle = 4;
    a.beginResync();
    a.applyCallInfo(callInfo(1, 0x85, { info: conf('guid-1') }));
    a.applyCallInfo(callInfo(2, 0x84, { info: conf('guid-2') }));
    a.finishResync();
    return a;
  };
  const replaced = (events: ReturnType<InnovaphoneLineAdapter['finishResync']>) => {
    const [event] = events;
    if (event.type !== 'lineCallsReplaced') throw new Error('expected lineCallsReplaced');
    return event.calls;
  };

  it('keeps the id of a call found again (by conference GUID, whatever its new handle), drops the one gone, adds the new one', () => {
    const a = connected();
    a.userHandle = 9;
    a.beginResync();
    // Calls: handles meaningless (0); guid-2 ended meanwhile, guid-3 is new.
    a.applyCallsSnapshot([
      callInfo(0, 0x85, { info: conf('guid-1') }),
      { ...callInfo(0, 0x84, { info: conf('guid-3') }), no: [{ type: 'peer', cn: '', e164: '+3725999', h323: '', dn: '' }] },
    ]);
    // The stream after UserInitialize brings the new session's handles.
    a.applyCallInfo(callInfo(501, 0x85, { info: conf('guid-1'), no: [{ type: 'peer', cn: '', e164: '+372500001', h323: '', dn: '' }] }));
    const calls = replaced(a.finishResync());
    expect(calls.map((c) => [c.remote.number, c.id, c.state])).toEqual([
      ['+372500001', 'c/Reception#1', 'connected'],
      ['+3725999', expect.stringMatching(/^c\/Reception#s2\.\d+$/), 'ringing'],
    ]);
    // Controllable through the new handle; the call still without a handle offers nothing and is refused with a reason.
    expect(calls[0].actions).toContain('hold');
    expect(calls[1].actions).toEqual([]);
    expect(a.plan({ kind: 'hold', callId: 'c/Reception#1' })).toEqual({ requests: [{ op: 'UserHold', call: 501, remote: false }] });
    expect(a.plan({ kind: 'answer', callId: calls[1].id })).toEqual({ refused: msg('innovaphone.callNotReported') });
    // Its CallInfo arrives later: bound to the same id, actions appear.
    const [upsert] = a.applyCallInfo({
      ...callInfo(502, 0x84, { info: conf('guid-3') }),
      no: [{ type: 'peer', cn: '', e164: '+3725999', h323: '', dn: '' }],
    });
    expect(upsert).toMatchObject({ type: 'callUpserted', call: { id: calls[1].id, actions: ['answer', 'divert', 'hangup'] } });
  });

  it('keeps the ids of the calls known before, when the resync before this one failed before it finished', () => {
    const a = connected();
    a.userHandle = 9;
    a.beginResync();
    // That attempt failed before its Calls answer (the link dropped again); the next one starts over.
    a.userHandle = 11;
    a.beginResync();
    a.applyCallsSnapshot([callInfo(0, 0x85, { info: conf('guid-1') }), callInfo(0, 0x84, { info: conf('guid-2') })]);
    expect(replaced(a.finishResync()).map((c) => c.id)).toEqual(['c/Reception#1', 'c/Reception#2']);
  });

  it('matches by peer and direction when the PBX sends no conference GUID', () => {
    const a = new InnovaphoneLineAdapter({ connectionId: 'c', cn: 'Reception', label: 'Reception', country: 'EE' }, () => 1000);
    a.userHandle = 4;
    a.beginResync();
    a.applyCallInfo(callInfo(3, 0x85));
    a.finishResync();
    a.beginResync();
    a.applyCallsSnapshot([callInfo(0, 0x185, { no: [{ type: 'peer', cn: '', e164: '+372500003', h323: '', dn: '' }] })]);
    a.applyCallInfo(callInfo(3, 0x185));
    expect(replaced(a.finishResync())).toMatchObject([{ id: 'c/Reception#3', state: 'held', remote: { number: '+372500003' } }]);
  });

  it('a handle reused by a later session does not take an old call id', () => {
    const a = connected();
    a.beginResync();
    a.applyCallsSnapshot([
      callInfo(0, 0x85, { info: conf('guid-1') }),
      callInfo(0, 0x05, { info: conf('guid-new'), no: [{ type: 'peer', cn: '', e164: '1102', h323: '', dn: '' }] }),
    ]);
    a.applyCallInfo(callInfo(2, 0x85, { info: conf('guid-1') }));
    a.applyCallInfo(callInfo(1, 0x05, { info: conf('guid-new'), no: [{ type: 'peer', cn: '', e164: '1102', h323: '', dn: '' }] }));
    const ids = replaced(a.finishResync()).map((c) => c.id);
    expect(ids[0]).toBe('c/Reception#1');
    expect(new Set(ids).size).toBe(2);
  });

  it('without a Calls answer the stream alone decides, still keeping known ids', () => {
    const a = connected();
    a.beginResync();
    a.applyCallInfo(callInfo(77, 0x85, { info: conf('guid-1') }));
    expect(replaced(a.finishResync()).map((c) => c.id)).toEqual(['c/Reception#1']);
  });
});

describe('InnovaphonePresence', () => {
  const user = (cn: string, extra: Partial<UserInfo> = {}): UserInfo => ({
    active: true,
    state: 1,
    channel: 0,
    alert: 0,
    type: 'ep',
    guid: '',
    cn,
    e164: '1',
    h323: '',
    dn: cn,
    groups: [],
    presence: [],
    cfg: false,
    node: '',
    loc: '',
    ...extra,
  });

  it('publishes the initial stream once at its empty-cn end, then upserts and removes', () => {
    const p = new InnovaphonePresence('c', new Set(['Reception']));
    expect(p.apply(user('A'))).toEqual([]);
    expect(p.apply(user('Reception'))).toEqual([]);
    const [replaced] = p.apply(user(''));
    expect(replaced).toMatchObject({ type: 'colleaguesReplaced', colleagues: [{ name: 'A', activity: 'idle' }] });
    expect(p.apply(user('A', { alert: 1, channel: 1 }))[0]).toMatchObject({
      type: 'colleagueUpserted',
      colleague: { activity: 'ringing', calls: [{ state: 'ringing' }] },
    });
    expect(p.apply(user('A', { active: false }))).toEqual([{ type: 'colleagueRemoved', colleagueId: 'c/A' }]);
  });

  it('shows status, activity and note as the user set them, dnd as a badge, and the callers once the PBX says who calls', () => {
    const p = new InnovaphonePresence('c', new Set(['Reception']));
    p.apply(user('B', { alert: 1, channel: 1 }));
    p.apply(user(''));
    expect(p.callersWanted()).toEqual(['B']);
    const [withCaller] = p.setCallers('B', [{ number: '+3725123456', name: 'Kalev Kask' }]);
    expect(withCaller).toMatchObject({
      type: 'colleagueUpserted',
      colleague: {
        activity: 'ringing',
        calls: [{ state: 'ringing', direction: 'incoming', remote: { number: '+3725123456', name: 'Kalev Kask' } }],
      },
    });
    expect(p.callersWanted()).toEqual([]);
    // A second call alerting: ask again; the call stopping: nothing to show.
    p.apply(user('B', { alert: 2, channel: 2 }));
    expect(p.callersWanted()).toEqual(['B']);
    p.apply(user('B', { alert: 0, channel: 0 }));
    expect(p.callersWanted()).toEqual([]);
    expect(p.setCallers('B', [{ number: '1' }])).toEqual([]);
    // A PBX that names no caller is asked once, not on every Poll.
    p.apply(user('B', { alert: 1, channel: 1 }));
    expect(p.setCallers('B', [])).toEqual([]);
    p.apply(user('B', { alert: 1, channel: 1 }));
    expect(p.callersWanted()).toEqual([]);

    const [dnd] = p.apply(user('B', { presence: [{ status: 'closed', activity: 'dnd', note: 'Board meeting' }] }));
    expect(dnd).toMatchObject({ colleague: { dnd: true, presence: { status: 'closed', activity: 'dnd', note: 'Board meeting' } } });
    const [lunch] = p.apply(user('B', { presence: [{ status: 'open', activity: 'lunch', note: '' }] }));
    expect(lunch.type === 'colleagueUpserted' && lunch.colleague).toMatchObject({ presence: { status: 'open', activity: 'lunch' } });
    expect(lunch.type === 'colleagueUpserted' && lunch.colleague.dnd).toBeUndefined();
  });
});

describe('ringingCallers', () => {
  it('takes the peers of the ringing calls of a Calls answer', () => {
    const ringing: CallInfo = {
      user: 0,
      call: 0,
      reg: 0,
      active: true,
      state: 0x84,
      msg: 'r-alert',
      no: [{ type: 'peer', cn: '', e164: '+3725123456', h323: '', dn: 'Kalev Kask' }],
      info: [],
    };
    const connected: CallInfo = { ...ringing, state: 0x85, no: [{ type: 'peer', cn: '', e164: '+1', h323: '', dn: '' }] };
    expect(ringingCallers([ringing, connected])).toEqual([{ number: '+3725123456', name: 'Kalev Kask' }]);
  });
});

describe('conference', () => {
  const call = (handle: number, state: number, number: string, active = true): CallInfo => ({
    user: 4,
    call: handle,
    reg: 0,
    active,
    state,
    msg: active ? '' : 'r-rel',
    no: [{ type: 'peer', cn: '', e164: number, h323: '', dn: '' }],
    info: [],
  });

  it('is recognised when the held call ends right after UserRc 4, and only then', () => {
    const a = new InnovaphoneLineAdapter({ connectionId: 'c', cn: 'Reception', label: 'Reception', country: 'EE' }, () => 1000);
    a.userHandle = 4;
    a.applyCallInfo(call(1, 0x185, '+3725000001'));
    a.consultationPlaced(2, 'c/Reception#1');
    a.applyCallInfo(call(2, 0x05, '1103'));
    expect(a.plan({ kind: 'conference', callId: 'c/Reception#2' })).toMatchObject({ requests: [{ op: 'UserRc', call: 2, rc: 4 }] });
    const events = a.applyCallInfo(call(1, 0x185, '+3725000001', false));
    expect(events[0]).toEqual({ type: 'callEnded', callId: 'c/Reception#1', at: 1000 });
    const upserted = events.find((e) => e.type === 'callUpserted' && e.call.id === 'c/Reception#2');
    expect(upserted?.type === 'callUpserted' && upserted.call).toMatchObject({
      conference: true,
      conferenceParties: [{ number: '+3725000001' }],
    });

    const b = new InnovaphoneLineAdapter({ connectionId: 'c', cn: 'Reception', label: 'Reception', country: 'EE' }, () => 1000);
    b.userHandle = 4;
    b.applyCallInfo(call(1, 0x185, '+3725000001'));
    b.applyCallInfo(call(2, 0x05, '1103'));
    const hungUp = b.applyCallInfo(call(1, 0x185, '+3725000001', false));
    expect(hungUp.some((e) => e.type === 'callUpserted' && e.call.conference)).toBe(false);
  });
});
