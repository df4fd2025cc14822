import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../app/events';
import { msg } from '../../../app/i18n/message';
import type { Call } from '../../../app/model';
import { TelServerLineAdapter } from './adapter';
import type { TsCallInfo, TsCallLeg, TsService } from './messages';

const leg = (state: TsCallLeg['state'], number: string, extra: Partial<TsCallLeg> = {}): TsCallLeg => ({
  state,
  otherParty: { number },
  duration: 0,
  isOutgoing: false,
  isConference: false,
  ...extra,
});
const info = (primCall: TsCallLeg, secCall?: TsCallLeg, permittedServices?: TsService[], id = '1'): TsCallInfo => ({
  id,
  primCall,
  ...(secCall ? { secCall } : {}),
  ...(permittedServices ? { permittedServices } : {}),
});

function setup(now = 1_000_000) {
  let clock = now;
  const adapter = new TelServerLineAdapter({ connectionId: 'ts', deviceNumber: '1101', label: 'Reception', country: 'EE' }, () => clock);
  return { adapter, advance: (ms: number) => (clock += ms) };
}
const upserts = (events: DomainEvent[]) =>
  events.filter((e): e is Extract<DomainEvent, { type: 'callUpserted' }> => e.type === 'callUpserted').map((e) => e.call);
const ends = (events: DomainEvent[]) => events.filter((e) => e.type === 'callEnded').map((e) => (e as { callId: string }).callId);

describe('TelServerLineAdapter call events', () => {
  it('maps an incoming alerting call and its permitted services (document example 2)', () => {
    const { adapter } = setup();
    const [call] = upserts(adapter.applyCallEvent(info(leg('alerting', '1101'), undefined, ['answerCall', 'divertCall'])));
    expect(call).toMatchObject({ lineId: 'ts/1101', direction: 'incoming', state: 'ringing', remote: { number: '1101' } });
    expect(call.actions).toEqual(['answer', 'divert']);
    expect(call.connectedAt).toBeUndefined();
  });

  it('keeps the call id from alerting to connected and starts the duration', () => {
    const { adapter, advance } = setup();
    const [ringing] = upserts(adapter.applyCallEvent(info(leg('alerting', '1101'), undefined, ['answerCall', 'divertCall'])));
    advance(5000);
    const [connected] = upserts(
      adapter.applyCallEvent(info(leg('connected', '1101'), undefined, ['holdCall', 'dropCall', 'divertCall', 'consultationCall'])),
    );
    expect(connected.id).toBe(ringing.id);
    expect(connected.state).toBe('connected');
    expect(connected.connectedAt).toBe(1_005_000);
    expect(connected.actions).toEqual(['hangup', 'hold', 'consult', 'transfer', 'addParty']);
  });

  it('follows a consultation: ids stable while the number appears, roles and pair actions (document example 3)', () => {
    const { adapter } = setup();
    const out = { isOutgoing: true };
    const [first] = upserts(adapter.applyCallEvent(info(leg('connected', '1102', out), undefined, ['holdCall', 'dropCall'])));
    const step1 = upserts(
      adapter.applyCallEvent(
        info(leg('hold', '1102', { ...out, duration: 118 }), leg('initiated', '', out), ['dropCall', 'reconnectCall']),
      ),
    );
    const consult = step1.find((c) => c.id !== first.id)!;
    expect(consult.state).toBe('dialing');
    const step2 = upserts(
      adapter.applyCallEvent(info(leg('hold', '1102', out), leg('originated', '1103', out), ['dropCall', 'reconnectCall'])),
    );
    expect(step2.map((c) => c.id)).toContain(consult.id);
    adapter.applyCallEvent(info(leg('hold', '1102', out), leg('delivered', '1103', out), ['dropCall', 'reconnectCall', 'transferCall']));
    const final = upserts(
      adapter.applyCallEvent(
        info(leg('hold', '1102', out), leg('connected', '1103', out), [
          'dropCall',
          'holdCall',
          'reconnectCall',
          'alternateCall',
          'transferCall',
          'conferenceCall',
        ]),
      ),
    );
    const byId = Object.fromEntries(final.map((c) => [c.id, c])) as Record<string, Call>;
    const held = adapter.findCall(first.id)!;
    const active = byId[consult.id] ?? adapter.findCall(consult.id)!;
    expect(held).toMatchObject({ state: 'held', role: 'consulted-from', relatedCallId: consult.id });
    expect(active).toMatchObject({ state: 'connected', role: 'consultation', relatedCallId: first.id, remote: { number: '1103' } });
    expect(active.actions).toEqual(['hangup', 'hold', 'completeTransfer', 'conference', 'alternate', 'reconnect']);
    expect(held.actions).toEqual(['alternate']);
  });

  it('ends the consultation leg on reconnect and keeps the held call', () => {
    const { adapter } = setup();
    adapter.applyCallEvent(info(leg('connected', '1102')));
    const pair = upserts(adapter.applyCallEvent(info(leg('hold', '1102'), leg('connected', '1103'))));
    const consultId = pair.find((c) => c.remote.number === '1103')!.id;
    const events = adapter.applyCallEvent(info(leg('connected', '1102'), undefined, ['holdCall', 'dropCall']));
    expect(ends(events)).toEqual([consultId]);
    const [survivor] = upserts(events);
    expect(survivor.role).toBeUndefined();
    expect(survivor.relatedCallId).toBeUndefined();
  });

  it('ends calls reported as cleared', () => {
    const { adapter } = setup();
    const [call] = upserts(adapter.applyCallEvent(info(leg('alerting', '+3726401234'))));
    const events = adapter.applyCallEvent(info(leg('cleared', '+3726401234')));
    expect(ends(events)).toEqual([call.id]);
    expect(upserts(events)).toEqual([]);
    expect(adapter.findCall(call.id)).toBeUndefined();
  });

  it('shows who diverted the call and the number first dialled (document example 6)', () => {
    const { adapter } = setup();
    const [call] = upserts(
      adapter.applyCallEvent(
        info(leg('alerting', '1101', { firstCalledParty: { number: '1102' }, lastRedirectionParty: { number: '1103' } }), undefined, [
          'answerCall',
          'divertCall',
        ]),
      ),
    );
    expect(call.firstCalled).toEqual({ number: '1102' });
    expect(call.redirectedBy).toEqual({ number: '1103' });
  });

  it('restarts the duration when a call is transferred to us (document example 4)', () => {
    const { adapter, advance } = setup();
    const [before] = upserts(
      adapter.applyCallEvent(info(leg('connected', '1102', { lastRedirectionParty: { number: '1103' }, cause: 'transfer', duration: 11 }))),
    );
    expect(before.connectedAt).toBe(1_000_000 - 11_000);
    advance(2000);
    const [after] = upserts(
      adapter.applyCallEvent(info(leg('connected', '1101', { lastRedirectionParty: { number: '1102' }, cause: 'transfer', duration: 44 }))),
    );
    expect(after.id).toBe(before.id);
    expect(after.remote.number).toBe('1101');
    expect(after.redirectedBy).toEqual({ number: '1102' });
    expect(after.cause).toBe('transfer');
    expect(after.connectedAt).toBe(1_002_000 - 44_000);
  });

  it('shows a call held by the other party', () => {
    const { adapter } = setup();
    const [call] = upserts(adapter.applyCallEvent(info(leg('connected', '1102', { cause: 'heldByOtherParty' }))));
    expect(call.state).toBe('held-by-peer');
  });

  it('call waiting (document: the second call is the secCall): each call gets only the services that act on it', () => {
    const { adapter } = setup();
    const waitingServices: TsService[] = ['answerCall', 'divertCall', 'holdCall', 'dropCall'];
    const calls = upserts(adapter.applyCallEvent(info(leg('connected', '1102'), leg('alerting', '+33160127764'), waitingServices)));
    const [first, waiting] = calls;
    // dropCall drops the connected call: never Hang up on the waiting one.
    expect(waiting.actions).toEqual(['answer', 'divert']);
    expect(first.actions).toEqual(['hangup', 'hold', 'transfer', 'addParty']);
    expect(first.role).toBeUndefined();
    expect(waiting.role).toBeUndefined();
    // The same without permittedServices.
    const { adapter: bare } = setup();
    const [bareFirst, bareWaiting] = upserts(bare.applyCallEvent(info(leg('connected', '1102'), leg('alerting', '+33160127764'))));
    expect(bareWaiting.actions).toEqual(['answer', 'divert']);
    expect(bareFirst.actions).toContain('hangup');
  });

  it('an answered waiting call and the held first one are a pair for alternate and transfer, not a consultation', () => {
    const { adapter } = setup();
    adapter.applyCallEvent(
      info(leg('connected', '1102'), leg('alerting', '+33160127764'), ['answerCall', 'divertCall', 'holdCall', 'dropCall']),
    );
    const pairServices: TsService[] = ['dropCall', 'holdCall', 'reconnectCall', 'alternateCall', 'transferCall', 'conferenceCall'];
    const [held, answered] = upserts(adapter.applyCallEvent(info(leg('hold', '1102'), leg('connected', '+33160127764'), pairServices)));
    expect(held).toMatchObject({ state: 'held', actions: ['alternate'] });
    expect(answered.actions).toEqual(['hangup', 'hold', 'completeTransfer', 'conference', 'alternate', 'reconnect']);
    expect(held.role).toBeUndefined();
    expect(held.relatedCallId).toBeUndefined();
    expect(answered.role).toBeUndefined();
  });

  it('a held call gets no Hang up while another <call> of the line is connected (dropCall would drop that one)', () => {
    const { adapter } = setup();
    const [held] = upserts(adapter.applyCallEvent(info(leg('hold', '1102'), undefined, ['retrieveCall', 'dropCall'], '1')));
    expect(held.actions).toContain('hangup');
    const events = adapter.applyCallEvent(info(leg('connected', '1103'), undefined, ['holdCall', 'dropCall'], '2'));
    const updated = upserts(events).find((c) => c.id === held.id);
    expect(updated?.actions).toEqual(['retrieve', 'addParty']);
  });

  it('an event touches only the <call> it names: the line’s other calls stay the objects already published', () => {
    const { adapter } = setup();
    const [first] = upserts(adapter.applyCallEvent(info(leg('connected', '1102'), undefined, ['holdCall', 'dropCall'], '1')));
    const events = adapter.applyCallEvent(info(leg('connected', '1103'), undefined, ['holdCall', 'dropCall'], '2'));
    expect(upserts(events).map((c) => c.lineId + c.remote.number)).toEqual(['ts/11011103']);
    expect(adapter.findCall(first.id)).toBe(first);
    // The same report again changes nothing, so nothing is published.
    expect(adapter.applyCallEvent(info(leg('connected', '1103'), undefined, ['holdCall', 'dropCall'], '2'))).toEqual([]);
  });

  it('publishes a change of any field, the name of the other party included', () => {
    const { adapter } = setup();
    adapter.applyCallEvent(info(leg('connected', '1102', { otherParty: { number: '1102', name: 'Mart' } })));
    const [renamed] = upserts(adapter.applyCallEvent(info(leg('connected', '1102', { otherParty: { number: '1102', name: 'Martin' } }))));
    expect(renamed.remote.name).toBe('Martin');
  });

  it('a held call gets Hang up back once the line’s last current call ends or is held', () => {
    const { adapter } = setup();
    const [held] = upserts(adapter.applyCallEvent(info(leg('hold', '1102'), undefined, ['retrieveCall', 'dropCall'], '1')));
    const connected = upserts(adapter.applyCallEvent(info(leg('connected', '1103'), undefined, ['holdCall', 'dropCall'], '2')));
    const current = connected.find((c) => c.remote.number === '1103');
    expect(connected.find((c) => c.id === held.id)?.actions).not.toContain('hangup');

    const onHold = upserts(adapter.applyCallEvent(info(leg('hold', '1103'), undefined, ['retrieveCall', 'dropCall'], '2')));
    expect(onHold.find((c) => c.id === held.id)?.actions).toContain('hangup');
    expect(onHold.find((c) => c.id === current?.id)?.actions).toContain('hangup');

    adapter.applyCallEvent(info(leg('connected', '1103'), undefined, ['holdCall', 'dropCall'], '2'));
    expect(adapter.findCall(held.id)?.actions).not.toContain('hangup');
    const cleared = adapter.applyCallEvent(info(leg('cleared', '1103'), undefined, undefined, '2'));
    expect(ends(cleared)).toEqual([current?.id]);
    expect(upserts(cleared).find((c) => c.id === held.id)?.actions).toContain('hangup');
  });

  it('derives actions from the states when the server sends no permittedServices', () => {
    const { adapter } = setup();
    const [ringing] = upserts(adapter.applyCallEvent(info(leg('alerting', '1102'))));
    expect(ringing.actions).toEqual(['answer', 'divert']);
    const [held] = upserts(adapter.applyCallEvent(info(leg('hold', '1103'), undefined, undefined, '2')));
    expect(held.actions).toEqual(['hangup', 'retrieve', 'addParty']);
  });

  it('offers nothing the PBX did not permit', () => {
    const { adapter } = setup();
    const [call] = upserts(adapter.applyCallEvent(info(leg('connected', '1102'), undefined, ['dropCall'])));
    expect(call.actions).toEqual(['hangup', 'addParty']);
    const [none] = upserts(adapter.applyCallEvent(info(leg('alerting', '1103'), undefined, [], '2')));
    expect(none.actions).toEqual([]);
  });
});

describe('TelServerLineAdapter: what an event republishes', () => {
  const HELD: TsService[] = ['retrieveCall', 'dropCall'];
  const CONNECTED: TsService[] = ['holdCall', 'dropCall'];
  const RINGING: TsService[] = ['answerCall', 'divertCall'];
  /** A line with `held` held calls (<call> ids h0…), one ringing (r) and one connected (c). */
  function busyLine(held: number) {
    const { adapter } = setup();
    for (let i = 0; i < held; i++) adapter.applyCallEvent(info(leg('hold', `12${i}`), undefined, HELD, `h${i}`));
    adapter.applyCallEvent(info(leg('alerting', '1300'), undefined, RINGING, 'r'));
    adapter.applyCallEvent(info(leg('connected', '1400'), undefined, CONNECTED, 'c'));
    return adapter;
  }
  const numbers = (events: DomainEvent[]) => upserts(events).map((c) => c.remote.number);

  it.each([1, 10])('with %i held calls, a held call is republished exactly when its actions change', (held) => {
    const adapter = busyLine(held);
    const heldNumbers = Array.from({ length: held }, (_, i) => `12${i}`);
    // A change of the connected call that leaves it current: no held call's actions change, only that call is sent.
    expect(numbers(adapter.applyCallEvent(info(leg('connected', '1400', { duration: 9 }), undefined, CONNECTED, 'c')))).toEqual([]);
    expect(
      numbers(
        adapter.applyCallEvent(info(leg('connected', '1400', { otherParty: { number: '1400', name: 'Ann' } }), undefined, CONNECTED, 'c')),
      ),
    ).toEqual(['1400']);
    // Holding the line's last current call gives every held call Hang up: each is sent once; the ringing one is not.
    const onHold = adapter.applyCallEvent(info(leg('hold', '1400'), undefined, HELD, 'c'));
    expect(numbers(onHold).sort()).toEqual([...heldNumbers, '1400'].sort());
    expect(upserts(onHold).every((c) => c.actions.includes('hangup'))).toBe(true);
    // Held calls changing among themselves change no other held call.
    expect(
      numbers(adapter.applyCallEvent(info(leg('hold', '120', { otherParty: { number: '120', name: 'Bo' } }), undefined, HELD, 'h0'))),
    ).toEqual(['120']);
    // Retrieving it takes Hang up back from each held call: each sent once more.
    const retrieved = adapter.applyCallEvent(info(leg('connected', '1400'), undefined, CONNECTED, 'c'));
    expect(numbers(retrieved).sort()).toEqual([...heldNumbers, '1400'].sort());
    expect(
      upserts(retrieved)
        .filter((c) => c.state === 'held')
        .every((c) => !c.actions.includes('hangup')),
    ).toBe(true);
  });

  it('keeps what did not change as the objects already published: parties, and one array per set of actions', () => {
    const adapter = busyLine(2);
    const first = { otherParty: { number: '1400', name: 'Ann' }, firstCalledParty: { number: '5000' } };
    const [connected] = upserts(adapter.applyCallEvent(info(leg('connected', '1400', first), undefined, CONNECTED, 'c')));
    const onHold = upserts(adapter.applyCallEvent(info(leg('hold', '1400', first), undefined, HELD, 'c')));
    const held = onHold.find((c) => c.id === connected.id);
    expect(held?.state).toBe('held');
    expect(held?.remote).toBe(connected.remote);
    expect(held?.firstCalled).toBe(connected.firstCalled);
    // Every held call now offers the same actions: one array, so comparing them costs one check.
    expect(onHold).toHaveLength(3);
    expect(new Set(onHold.map((c) => c.actions)).size).toBe(1);
    expect(onHold[0].actions).toEqual(['hangup', 'retrieve', 'addParty']);
  });

  it("gives the line's calls one first called party while they report the same one, and a new one when it differs", () => {
    const { adapter } = setup();
    const called = (number: string, id: string, name?: string) =>
      upserts(
        adapter.applyCallEvent(
          info(
            leg('alerting', number, { firstCalledParty: { number: '5000', ...(name ? { name } : {}) } }),
            undefined,
            ['answerCall', 'divertCall'],
            id,
          ),
        ),
      )[0];
    const a = called('1400', 'a');
    const b = called('1401', 'b');
    expect(b.firstCalled).toBe(a.firstCalled);
    const c = called('1402', 'c', 'Sales');
    expect(c.firstCalled).toEqual({ number: '5000', name: 'Sales' });
    expect(c.firstCalled).not.toBe(a.firstCalled);
    expect(a.firstCalled).toEqual({ number: '5000' });
  });
});

describe('TelServerLineAdapter snapshots', () => {
  it('replaces the line calls: stale calls are dropped, known calls keep their ids', () => {
    const { adapter } = setup();
    const [kept] = upserts(adapter.applyCallEvent(info(leg('connected', '1102'), undefined, undefined, '1')));
    const [stale] = upserts(adapter.applyCallEvent(info(leg('alerting', '1104'), undefined, undefined, '2')));
    const events = adapter.applySnapshot({
      calls: [info(leg('connected', '1102'), undefined, undefined, '1'), info(leg('alerting', '1105'), undefined, undefined, '3')],
      forwards: [{ number: '1102', type: 'immediate', state: 'on' }],
      doNotDisturb: 'on',
      msgWaiting: 'off',
    });
    const replaced = events.find((e) => e.type === 'lineCallsReplaced') as Extract<DomainEvent, { type: 'lineCallsReplaced' }>;
    const ids = replaced.calls.map((c) => c.id);
    expect(ids).toContain(kept.id);
    expect(ids).not.toContain(stale.id);
    expect(replaced.calls).toHaveLength(2);
    const line = (events.find((e) => e.type === 'lineUpserted') as Extract<DomainEvent, { type: 'lineUpserted' }>).line;
    expect(line).toMatchObject({ dnd: true, messageWaiting: false, forwards: [{ type: 'immediate', to: '1102' }] });
  });

  it('an empty snapshot clears every call', () => {
    const { adapter } = setup();
    adapter.applyCallEvent(info(leg('connected', '1102')));
    const events = adapter.applySnapshot({ calls: [] });
    const replaced = events.find((e) => e.type === 'lineCallsReplaced') as Extract<DomainEvent, { type: 'lineCallsReplaced' }>;
    expect(replaced.calls).toEqual([]);
  });
});

describe('TelServerLineAdapter features', () => {
  it('tracks forwards, DND, message waiting and agent state from events', () => {
    const { adapter } = setup();
    adapter.applyFeatureEvent({ type: 'forward', forward: { number: '1102', type: 'immediate', state: 'on' } });
    expect(adapter.currentLine().forwards).toEqual([{ type: 'immediate', to: '1102' }]);
    adapter.applyFeatureEvent({ type: 'forward', forward: { number: '1102', type: 'immediate', state: 'off' } });
    expect(adapter.currentLine().forwards).toEqual([]);
    const [dnd] = adapter.applyFeatureEvent({ type: 'doNotDisturb', state: 'on' });
    expect(dnd).toEqual({ type: 'linePatched', lineId: 'ts/1101', patch: { dnd: true } });
    adapter.applyFeatureEvent({ type: 'msgWaiting', state: 'on' });
    adapter.applyFeatureEvent({ type: 'agent', agent: { state: 'workingAfterCall', timeout: 30, permittedStates: ['ready', 'notReady'] } });
    expect(adapter.currentLine()).toMatchObject({ messageWaiting: true, agent: { state: 'workingAfterCall', timeoutSeconds: 30 } });
  });

  it('forgets the agent (and its statistics) when a snapshot after a reconnect has no <agent>: logged off meanwhile', () => {
    const { adapter } = setup();
    adapter.applySnapshot({ agent: { state: 'ready', permittedStates: ['notReady'] } });
    adapter.applyStatistics({ offered: 9, answered: 8, abandoned: 1 });
    expect(adapter.isAgent).toBe(true);
    const [upserted] = adapter.applySnapshot({});
    expect(upserted).toMatchObject({ type: 'lineUpserted' });
    expect(upserted?.type === 'lineUpserted' && upserted.line.agent).toBeUndefined();
    expect(adapter.isAgent).toBe(false);
    adapter.applySnapshot({ agent: { state: 'notReady', permittedStates: ['ready'] } });
    expect(adapter.currentLine().agent?.statistics).toBeUndefined();
  });
});

describe('TelServerLineAdapter commands', () => {
  it('maps every command to its TelServices request', () => {
    const { adapter } = setup();
    const [call] = upserts(adapter.applyCallEvent(info(leg('connected', '1102'))));
    const id = call.id;
    expect(adapter.toRequest({ kind: 'dial', lineId: 'ts/1101', to: '1103' })).toEqual({
      type: 'makeCall',
      deviceNumber: '1101',
      calledDeviceNumber: '1103',
    });
    expect(adapter.toRequest({ kind: 'answer', callId: id })).toEqual({ type: 'answerCall', deviceNumber: '1101', callingNumber: '1102' });
    expect(adapter.toRequest({ kind: 'hangup', callId: id })).toEqual({ type: 'dropCall', deviceNumber: '1101', otherNumber: '1102' });
    expect(adapter.toRequest({ kind: 'hold', callId: id })).toMatchObject({ type: 'holdCall' });
    expect(adapter.toRequest({ kind: 'retrieve', callId: id })).toMatchObject({ type: 'retrieveCall' });
    expect(adapter.toRequest({ kind: 'transfer', callId: id, to: '1104' })).toMatchObject({
      type: 'divertCall',
      divertedDeviceNumber: '1104',
    });
    expect(adapter.toRequest({ kind: 'divert', callId: id, to: '1104' })).toMatchObject({
      type: 'divertCall',
      divertedDeviceNumber: '1104',
    });
    expect(adapter.toRequest({ kind: 'consult', callId: id, to: '1103' })).toMatchObject({
      type: 'consultationCall',
      consultedDeviceNumber: '1103',
    });
    expect(adapter.toRequest({ kind: 'addParty', callId: id, to: '1105' })).toMatchObject({
      type: 'addPartyToCall',
      addedDeviceNumber: '1105',
    });
    expect(adapter.toRequest({ kind: 'conference', callId: id })).toMatchObject({ type: 'conferenceCall', primOtherNumber: '1102' });
    expect(adapter.toRequest({ kind: 'alternate', callId: id })).toMatchObject({ type: 'alternateCall' });
    expect(adapter.toRequest({ kind: 'reconnect', callId: id })).toMatchObject({ type: 'reconnectCall' });
    expect(adapter.toRequest({ kind: 'setDnd', lineId: 'ts/1101', enabled: true })).toEqual({
      type: 'doNotDisturb',
      deviceNumber: '1101',
      state: 'on',
    });
    expect(adapter.toRequest({ kind: 'setForward', lineId: 'ts/1101', enabled: true, type: 'immediate', to: '1102' })).toEqual({
      type: 'forward',
      deviceNumber: '1101',
      info: { number: '1102', type: 'immediate', state: 'on' },
    });
    expect(adapter.toRequest({ kind: 'setAgentState', lineId: 'ts/1101', state: 'ready' })).toEqual({
      type: 'agentState',
      deviceNumber: '1101',
      state: 'ready',
    });
  });

  it("names a withheld caller by TelServer's '*****-<call reference>', so the PBX acts on that call and no other", () => {
    const { adapter } = setup();
    const [first] = upserts(adapter.applyCallEvent(info(leg('alerting', '*****-41'), undefined, undefined, '1')));
    const [second] = upserts(adapter.applyCallEvent(info(leg('alerting', '*****-42'), undefined, undefined, '2')));
    expect(adapter.toRequest({ kind: 'answer', callId: second.id })).toEqual({
      type: 'answerCall',
      deviceNumber: '1101',
      callingNumber: '*****-42',
    });
    expect(adapter.toRequest({ kind: 'divert', callId: first.id, to: '1103' })).toEqual({
      type: 'divertCall',
      deviceNumber: '1101',
      otherNumber: '*****-41',
      divertedDeviceNumber: '1103',
    });
  });

  it('a call its number cannot name is refused when the PBX could pick another call by default, sent when it cannot', () => {
    const { adapter } = setup();
    // A bare withheld mark (no call reference) names no call.
    const [anonymous] = upserts(adapter.applyCallEvent(info(leg('alerting', '*****'), undefined, undefined, '1')));
    expect(adapter.toRequest({ kind: 'answer', callId: anonymous.id })).toEqual({
      type: 'answerCall',
      deviceNumber: '1101',
      callingNumber: undefined,
    });
    upserts(adapter.applyCallEvent(info(leg('alerting', '+3725123456'), undefined, undefined, '2')));
    expect(adapter.toRequest({ kind: 'answer', callId: anonymous.id })).toEqual({
      refused: msg('command.notPossibleNow', { action: msg('action.answer') }),
    });
    expect(adapter.toRequest({ kind: 'divert', callId: anonymous.id, to: '1103' })).toEqual({
      refused: msg('command.notPossibleNow', { action: msg('action.divert') }),
    });
    // A call still dialing (no number yet) beside a held one: dropCall drops the current call, which is this one.
    const [, dialing] = upserts(
      adapter.applyCallEvent(info(leg('hold', '1102', { isOutgoing: true }), leg('initiated', '', { isOutgoing: true }), undefined, '3')),
    );
    expect(dialing.state).toBe('dialing');
    expect(adapter.toRequest({ kind: 'hangup', callId: dialing.id })).toEqual({
      type: 'dropCall',
      deviceNumber: '1101',
      otherNumber: undefined,
    });
  });

  it('refuses commands for unknown calls and forward-off without a forward', () => {
    const { adapter } = setup();
    expect(adapter.toRequest({ kind: 'hangup', callId: 'ts/1101#9.9' })).toEqual({ refused: msg('command.callEnded') });
    expect(adapter.toRequest({ kind: 'setForward', lineId: 'ts/1101', enabled: false, type: 'busy' })).toEqual({
      refused: msg('telserver.forwardNotActive'),
    });
  });
});
