import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../app/testing/manual-clock';
import { Directory } from './directory';
import { Switch, SwitchError, type DeviceView, type GroupView, type SwitchChange } from './switch';

function setup(options: { maxCalls?: number; noAnswerMs?: number } = {}) {
  const clock = new ManualClock();
  const directory = new Directory(
    ['1100', '1101', '1102', '1103', '1104'].map((number) => ({
      number,
      name: `User ${number}`,
      company: 'Acme',
      maxCalls: options.maxCalls,
    })),
    [{ number: '+33160127764', name: 'Martin Jagger', company: 'uniGone', numberType: 'home' }],
  );
  const sw = new Switch({ clock, directory, noAnswerMs: options.noAnswerMs });
  const changes: SwitchChange[][] = [];
  /** Each notification's view of every touched device, as a front end would read it. */
  const views: Array<Record<string, DeviceView>> = [];
  sw.onChange((batch) => {
    changes.push(batch);
    const snapshot: Record<string, DeviceView> = {};
    for (const c of batch) if (c.kind === 'calls') snapshot[c.device] = sw.deviceView(c.device);
    views.push(snapshot);
  });
  return { clock, sw, changes, views };
}

const onlyGroup = (sw: Switch, device: string): GroupView => {
  const { groups } = sw.deviceView(device);
  expect(groups).toHaveLength(1);
  return groups[0];
};

/** The primary/consultation states a device showed in each notification it was part of. */
function timeline(views: Array<Record<string, DeviceView>>, device: string): string[] {
  return views
    .filter((v) => v[device])
    .map((v) => v[device].groups.map((g) => `${g.primary.state}${g.consultation ? `+${g.consultation.state}` : ''}`).join(',') || '-');
}

function connect(sw: Switch, from: string, to: string): void {
  sw.makeCall(from, to);
  sw.answer(to);
}

describe('Switch: making and answering calls', () => {
  it('dials initiated → originated → delivered while the callee rings, then both connect (document Examples 1 and 2)', () => {
    const { sw, views, clock } = setup();
    sw.makeCall('1101', '1102');
    expect(timeline(views, '1101')).toEqual(['initiated', 'originated', 'delivered']);
    expect(views[0]['1101'].groups[0].primary.other.number).toBe('');
    expect(views[1]['1101'].groups[0].primary.other).toMatchObject({ number: '1102', name: 'User 1102', company: 'Acme' });
    const ringing = onlyGroup(sw, '1102').primary;
    expect(ringing).toMatchObject({ state: 'alerting', isOutgoing: false, other: { number: '1101' } });

    sw.answer('1102');
    expect(onlyGroup(sw, '1101').primary).toMatchObject({ state: 'connected', isOutgoing: true, connectedAt: clock.now() });
    expect(onlyGroup(sw, '1102').primary.state).toBe('connected');
    expect(timeline(views, '1102')).toEqual(['alerting', 'connected']);
  });

  it('fails with cause busy when the destination is at its capacity, or has DND on', () => {
    const { sw } = setup({ maxCalls: 1 });
    connect(sw, '1101', '1102');
    sw.makeCall('1103', '1102');
    expect(onlyGroup(sw, '1103').primary).toMatchObject({ state: 'failed', cause: 'busy', other: { number: '1102' } });
    sw.drop('1103');
    sw.setDnd('1104', true);
    sw.makeCall('1103', '1104');
    expect(onlyGroup(sw, '1103').primary).toMatchObject({ state: 'failed', cause: 'busy' });
    expect(sw.deviceView('1104').groups).toEqual([]);
  });

  it('fails with destNotObtainable for an unknown internal number', () => {
    const { sw } = setup();
    sw.makeCall('1101', '1999');
    expect(onlyGroup(sw, '1101').primary).toMatchObject({ state: 'failed', cause: 'destNotObtainable', other: { number: '1999' } });
    sw.drop('1101');
    expect(sw.deviceView('1101').groups).toEqual([]);
    expect(sw.history('1101')[0]).toMatchObject({ other: { number: '1999' }, wasConnected: false, endCause: 'normal' });
  });

  it('reaches outside numbers, which answer and hang up as simulated people', () => {
    const { sw, changes } = setup();
    sw.makeCall('1101', '+33160127764');
    expect(onlyGroup(sw, '1101').primary).toMatchObject({ state: 'delivered', other: { name: 'Martin Jagger', company: 'uniGone' } });
    sw.answerAt('+33160127764');
    expect(onlyGroup(sw, '1101').primary.state).toBe('connected');
    expect(sw.externalLegs()).toMatchObject([{ number: '+33160127764', state: 'connected', peers: ['1101'] }]);
    sw.hangUpRemote('+33160127764');
    expect(sw.deviceView('1101').groups).toEqual([]);
    const last = changes.at(-1)![0];
    expect(last).toMatchObject({ kind: 'calls', device: '1101', ended: [{ endCause: 'droppedByOtherParty' }] });
  });

  it('rings a device from outside; the caller can hang up while it rings (a missed call in history)', async () => {
    const { sw, clock } = setup();
    const result = sw.incomingExternalCall({ number: '+3725551234' }, '1100');
    expect(result).toMatchObject({ outcome: 'ringing', ringingAt: '1100' });
    expect(onlyGroup(sw, '1100').primary).toMatchObject({ state: 'alerting', other: { number: '+3725551234' } });
    await clock.advance(12_000);
    sw.hangUpRemote(result.callerRef!);
    expect(sw.deviceView('1100').groups).toEqual([]);
    expect(sw.history('1100')[0]).toMatchObject({
      wasConnected: false,
      alertingMs: 12_000,
      endCause: 'droppedByOtherParty',
      isOutgoing: false,
    });
  });

  it('shows a withheld caller as withheld', () => {
    const { sw } = setup();
    sw.incomingExternalCall({ number: '' }, '1100');
    expect(onlyGroup(sw, '1100').primary.other).toEqual({ number: '', internal: false, withheld: true });
  });

  it('offers a second incoming call as call waiting in its own group; answering it holds the first', () => {
    const { sw } = setup();
    sw.incomingExternalCall({ number: '+3725550001' }, '1100');
    sw.answer('1100');
    sw.incomingExternalCall({ number: '+3725550002' }, '1100');
    const [first, second] = sw.deviceView('1100').groups;
    expect(first.id).not.toBe(second.id);
    expect(second.primary.state).toBe('alerting');
    sw.answer('1100');
    const after = sw.deviceView('1100').groups;
    expect(after.map((g) => g.primary.state)).toEqual(['hold', 'connected']);
  });

  it('answers a specific ringing call by ref, and refuses when nothing rings', () => {
    const { sw } = setup();
    sw.incomingExternalCall({ number: '+3725550001' }, '1100');
    const second = sw.incomingExternalCall({ number: '+3725550002' }, '1100');
    sw.answer('1100', second.ringingRef);
    expect(sw.deviceView('1100').groups.map((g) => g.primary.state)).toEqual(['alerting', 'connected']);
    expect(() => sw.answer('1101')).toThrowError(expect.objectContaining({ code: 'noCall' }));
  });

  it('throws typed errors: unknown device, nothing to drop', () => {
    const { sw } = setup();
    expect(() => sw.makeCall('9999', '1101')).toThrowError(SwitchError);
    expect(() => sw.makeCall('9999', '1101')).toThrowError(expect.objectContaining({ code: 'unknownDevice' }));
    expect(() => sw.drop('1101')).toThrowError(expect.objectContaining({ code: 'noCall' }));
    expect(() => sw.hold('1101')).toThrowError(expect.objectContaining({ code: 'noCall' }));
    expect(() => sw.retrieve('1101')).toThrowError(expect.objectContaining({ code: 'noCall' }));
  });
});

describe('Switch: hold and drop', () => {
  it('holds and retrieves; the other party sees heldByOtherParty then retrievedByOtherParty', () => {
    const { sw } = setup();
    connect(sw, '1101', '1102');
    sw.hold('1101');
    expect(onlyGroup(sw, '1101').primary.state).toBe('hold');
    expect(onlyGroup(sw, '1102').primary).toMatchObject({ state: 'connected', cause: 'heldByOtherParty', heldByPeer: true });
    sw.retrieve('1101');
    expect(onlyGroup(sw, '1101').primary.state).toBe('connected');
    expect(onlyGroup(sw, '1102').primary).toMatchObject({ cause: 'retrievedByOtherParty', heldByPeer: false });
  });

  it('drops a two-party call for both sides; the other side learns droppedByOtherParty; history has the durations', async () => {
    const { sw, clock, changes } = setup();
    connect(sw, '1101', '1102');
    await clock.advance(30_000);
    sw.drop('1102');
    expect(sw.deviceView('1101').groups).toEqual([]);
    expect(sw.deviceView('1102').groups).toEqual([]);
    const ended = changes.at(-1)!.flatMap((c) => (c.kind === 'calls' ? c.ended.map((e) => [c.device, e.endCause]) : []));
    expect(ended).toEqual(
      expect.arrayContaining([
        ['1102', 'normal'],
        ['1101', 'droppedByOtherParty'],
      ]),
    );
    expect(sw.history('1101')[0]).toMatchObject({ isOutgoing: true, wasConnected: true, connectedMs: 30_000, other: { number: '1102' } });
  });

  it('a device hanging up its handset drops the call it talks on', () => {
    const { sw } = setup();
    connect(sw, '1101', '1102');
    sw.hangUpRemote('1102');
    expect(sw.deviceView('1101').groups).toEqual([]);
  });
});

describe('Switch: consultation, transfer, conference', () => {
  it('Example 3: consult from 1101 to 1103 holds the primary; secondary initiated → originated → delivered → connected', () => {
    const { sw, views } = setup();
    connect(sw, '1101', '1102');
    const before = views.length;
    sw.consult('1101', '1103');
    sw.answerAt('1103');
    expect(timeline(views.slice(before), '1101')).toEqual(['hold+initiated', 'hold+originated', 'hold+delivered', 'hold+connected']);
    const group = onlyGroup(sw, '1101');
    expect(group.primary.other.number).toBe('1102');
    expect(group.consultation).toMatchObject({ state: 'connected', isOutgoing: true, other: { number: '1103' } });
  });

  it('refuses a second consultation from the same call', () => {
    const { sw } = setup();
    connect(sw, '1101', '1102');
    sw.consult('1101', '1103');
    expect(() => sw.consult('1101', '1104')).toThrowError(expect.objectContaining({ code: 'noCall' }));
  });

  it('transfers: held and consulted parties connect, our legs go; both see cause transfer and lastRedirection = us', () => {
    const { sw, changes } = setup();
    connect(sw, '1101', '1102');
    sw.consult('1102', '1103');
    sw.answer('1103');
    sw.transfer('1102');
    expect(sw.deviceView('1102').groups).toEqual([]);
    expect(onlyGroup(sw, '1101').primary).toMatchObject({
      state: 'connected',
      other: { number: '1103' },
      cause: 'transfer',
      lastRedirection: { number: '1102' },
    });
    expect(onlyGroup(sw, '1103').primary).toMatchObject({
      state: 'connected',
      other: { number: '1101' },
      cause: 'transfer',
      lastRedirection: { number: '1102' },
    });
    const own = changes.at(-1)!.find((c) => c.device === '1102');
    expect(own).toMatchObject({ kind: 'calls', ended: [{ endCause: 'transfer' }, { endCause: 'transfer' }] });
  });

  it('Example 4: 1102 consults 1103, 1103 consults 1104, 1103 transfers, then 1102 transfers: 1104 sees 1102 then 1101', () => {
    const { sw, views } = setup();
    connect(sw, '1101', '1102');
    sw.consult('1102', '1103');
    sw.answer('1103');
    sw.consult('1103', '1104');
    sw.answer('1104');
    const before = views.length;
    sw.transfer('1103');
    sw.transfer('1102');
    const seen = views
      .slice(before)
      .filter((v) => v['1104'])
      .map((v) => v['1104'].groups[0].primary);
    expect(seen.map((p) => [p.state, p.other.number, p.lastRedirection?.number, p.cause])).toEqual([
      ['connected', '1102', '1103', 'transfer'],
      ['connected', '1101', '1102', 'transfer'],
    ]);
    expect(onlyGroup(sw, '1101').primary.other.number).toBe('1104');
  });

  it('transfers while the consulted party still rings: the held party hears ringing, then both connect', () => {
    const { sw } = setup();
    connect(sw, '1101', '1102');
    sw.consult('1102', '1103');
    sw.transfer('1102');
    expect(onlyGroup(sw, '1101').primary).toMatchObject({ state: 'delivered', other: { number: '1103' } });
    expect(onlyGroup(sw, '1103').primary).toMatchObject({
      state: 'alerting',
      other: { number: '1101' },
      lastRedirection: { number: '1102' },
    });
    sw.answer('1103');
    expect(onlyGroup(sw, '1101').primary.state).toBe('connected');
  });

  it('refuses to transfer while the consultation is still being dialed or has failed', () => {
    const { sw } = setup();
    connect(sw, '1101', '1102');
    sw.consult('1102', '1999');
    expect(onlyGroup(sw, '1102').consultation).toMatchObject({ state: 'failed', cause: 'destNotObtainable' });
    expect(() => sw.transfer('1102')).toThrowError(expect.objectContaining({ code: 'noCall' }));
  });

  it('conferences: three parties together, everyone sees isConference and cause conference', () => {
    const { sw } = setup();
    connect(sw, '1101', '1102');
    sw.consult('1101', '1103');
    sw.answer('1103');
    sw.conference('1101');
    const own = onlyGroup(sw, '1101');
    expect(own.consultation).toBeUndefined();
    expect(own.primary).toMatchObject({ state: 'connected', isConference: true, cause: 'conference' });
    expect(own.primary.conferenceMembers.map((p) => p.number).sort()).toEqual(['1102', '1103']);
    for (const other of ['1102', '1103']) {
      expect(onlyGroup(sw, other).primary).toMatchObject({ isConference: true, cause: 'conference' });
    }
    // One member leaves: the other two keep talking, no longer a conference.
    sw.drop('1103');
    expect(onlyGroup(sw, '1101').primary).toMatchObject({ isConference: false, other: { number: '1102' }, cause: 'droppedByOtherParty' });
  });

  it('alternates between the held and the active call', () => {
    const { sw } = setup();
    connect(sw, '1101', '1102');
    sw.consult('1101', '1103');
    sw.answer('1103');
    sw.alternate('1101');
    let group = onlyGroup(sw, '1101');
    expect([group.primary.state, group.consultation?.state]).toEqual(['connected', 'hold']);
    sw.alternate('1101');
    group = onlyGroup(sw, '1101');
    expect([group.primary.state, group.consultation?.state]).toEqual(['hold', 'connected']);
  });

  it('reconnects: drops the consultation (even while it rings) and retrieves the held call', () => {
    const { sw } = setup();
    connect(sw, '1101', '1102');
    sw.consult('1101', '1103');
    sw.reconnect('1101');
    const group = onlyGroup(sw, '1101');
    expect(group.primary).toMatchObject({ state: 'connected', other: { number: '1102' } });
    expect(group.consultation).toBeUndefined();
    expect(sw.deviceView('1103').groups).toEqual([]);
  });

  it('promotes the consultation to primary when the held party hangs up', () => {
    const { sw } = setup();
    connect(sw, '1101', '1102');
    sw.consult('1101', '1103');
    sw.answer('1103');
    const groupId = onlyGroup(sw, '1101').id;
    sw.drop('1102');
    const group = onlyGroup(sw, '1101');
    expect(group.id).toBe(groupId);
    expect(group.primary).toMatchObject({ state: 'connected', other: { number: '1103' } });
  });

  it('transfers a held call to an answered waiting call (held and active in different groups)', () => {
    const { sw } = setup();
    sw.incomingExternalCall({ number: '+3725550001' }, '1100');
    sw.answer('1100');
    sw.makeCall('1101', '1100');
    sw.answer('1100');
    sw.transfer('1100');
    expect(sw.deviceView('1100').groups).toEqual([]);
    expect(onlyGroup(sw, '1101').primary).toMatchObject({ state: 'connected', other: { number: '+3725550001' } });
  });
});

describe('Switch: divert and add party', () => {
  it('Example 5 and 6: divert chain keeps firstCalled and sets lastRedirection', () => {
    const { sw } = setup();
    sw.makeCall('1101', '1102');
    sw.divert('1102', '1103');
    expect(sw.deviceView('1102').groups).toEqual([]);
    expect(onlyGroup(sw, '1103').primary).toMatchObject({
      state: 'alerting',
      other: { number: '1101' },
      firstCalled: { number: '1102' },
      lastRedirection: { number: '1102' },
    });
    expect(onlyGroup(sw, '1103').primary.cause).toBeUndefined();
    expect(onlyGroup(sw, '1101').primary).toMatchObject({ state: 'delivered', other: { number: '1103' }, cause: 'redirect' });
    sw.divert('1103', '1104');
    expect(onlyGroup(sw, '1104').primary).toMatchObject({
      other: { number: '1101' },
      firstCalled: { number: '1102' },
      lastRedirection: { number: '1103' },
    });
    expect(sw.history('1102')[0].endCause).toBe('redirect');
  });

  it('divert of a connected call is a blind transfer', () => {
    const { sw } = setup();
    connect(sw, '1101', '1102');
    sw.divert('1102', '1103');
    expect(sw.deviceView('1102').groups).toEqual([]);
    expect(onlyGroup(sw, '1101').primary).toMatchObject({
      state: 'delivered',
      other: { number: '1103' },
      cause: 'transfer',
      lastRedirection: { number: '1102' },
    });
    expect(onlyGroup(sw, '1103').primary).toMatchObject({ state: 'alerting', cause: 'transfer', lastRedirection: { number: '1102' } });
    sw.answer('1103');
    expect(onlyGroup(sw, '1101').primary.state).toBe('connected');
  });

  it('refuses a divert to a destination that cannot ring and leaves the call ringing here', () => {
    const { sw } = setup();
    sw.makeCall('1101', '1102');
    sw.setDnd('1103', true);
    expect(() => sw.divert('1102', '1103')).toThrowError(expect.objectContaining({ code: 'reject' }));
    expect(() => sw.divert('1102', '1999')).toThrowError(expect.objectContaining({ code: 'reject' }));
    expect(onlyGroup(sw, '1102').primary.state).toBe('alerting');
  });

  it('adds a party: it rings seeing who added it, and joins as a conference when it answers', () => {
    const { sw } = setup();
    connect(sw, '1101', '1102');
    sw.addParty('1102', '1103');
    expect(onlyGroup(sw, '1103').primary).toMatchObject({ state: 'alerting', other: { number: '1102' }, isConference: false });
    expect(onlyGroup(sw, '1101').primary.isConference).toBe(false);
    sw.answer('1103');
    for (const d of ['1101', '1102', '1103']) expect(onlyGroup(sw, d).primary).toMatchObject({ isConference: true, cause: 'conference' });
  });
});

describe('Switch: forwards, DND and features', () => {
  it('forward immediate sends the call on: firstCalled and lastRedirection are the forwarding device', () => {
    const { sw, changes } = setup();
    sw.setForward('1102', 'immediate', '1103', true);
    expect(changes.at(-1)).toEqual([{ kind: 'forward', device: '1102', forward: { type: 'immediate', to: '1103' }, on: true }]);
    sw.makeCall('1101', '1102');
    expect(sw.deviceView('1102').groups).toEqual([]);
    expect(onlyGroup(sw, '1103').primary).toMatchObject({
      state: 'alerting',
      firstCalled: { number: '1102' },
      lastRedirection: { number: '1102' },
    });
    expect(onlyGroup(sw, '1101').primary).toMatchObject({ state: 'delivered', other: { number: '1103' }, cause: 'redirect' });
    expect(sw.deviceView('1102').forwards).toEqual([{ type: 'immediate', to: '1103' }]);
    sw.setForward('1102', 'immediate', '', false);
    expect(changes.at(-1)).toEqual([{ kind: 'forward', device: '1102', forward: { type: 'immediate', to: '1103' }, on: false }]);
    expect(sw.deviceView('1102').forwards).toEqual([]);
  });

  it('forward busy applies to a DND device; immExt applies only to outside callers', () => {
    const { sw } = setup();
    sw.setDnd('1102', true);
    sw.setForward('1102', 'busy', '1104', true);
    sw.makeCall('1101', '1102');
    expect(onlyGroup(sw, '1104').primary.state).toBe('alerting');
    sw.setForward('1103', 'immExt', '1100', true);
    sw.makeCall('1102', '1103');
    expect(onlyGroup(sw, '1103').primary.state).toBe('alerting');
    const outside = sw.incomingExternalCall({ number: '+3725550001' }, '1103');
    expect(outside.ringingAt).toBe('1100');
  });

  it('an outside call to a DND device without forward is busy', () => {
    const { sw } = setup();
    sw.setDnd('1100', true);
    expect(sw.incomingExternalCall({ number: '+3725550001' }, '1100')).toEqual({ outcome: 'busy' });
  });

  it('forward on no answer moves a ringing call after the configured time', async () => {
    const { sw, clock } = setup({ noAnswerMs: 10_000 });
    sw.setForward('1102', 'noAnswer', '1103', true);
    sw.makeCall('1101', '1102');
    await clock.advance(9_000);
    expect(onlyGroup(sw, '1102').primary.state).toBe('alerting');
    await clock.advance(1_000);
    expect(sw.deviceView('1102').groups).toEqual([]);
    expect(onlyGroup(sw, '1103').primary).toMatchObject({
      state: 'alerting',
      firstCalled: { number: '1102' },
      lastRedirection: { number: '1102' },
    });
  });

  it('sets DND, message waiting and agent state with one change each', () => {
    const { sw, changes } = setup();
    sw.setDnd('1101', true);
    sw.setMessageWaiting('1101', true);
    sw.setAgentState('1101', 'ready');
    expect(changes.slice(-3)).toEqual([
      [{ kind: 'dnd', device: '1101', on: true }],
      [{ kind: 'messageWaiting', device: '1101', on: true }],
      [{ kind: 'agent', device: '1101', state: 'ready' }],
    ]);
    expect(sw.deviceView('1101')).toMatchObject({ dnd: true, messageWaiting: true, agentState: 'ready' });
    expect(() => sw.setAgentState('1101', 'busy')).toThrowError(expect.objectContaining({ code: 'reject' }));
  });

  it('refuses operations from inside a change listener', () => {
    const { sw } = setup();
    const errors: unknown[] = [];
    const reentrant = new Switch({ clock: new ManualClock(), directory: sw.directory, onListenerError: (e) => errors.push(e) });
    reentrant.onChange(() => reentrant.drop('1101'));
    reentrant.makeCall('1101', '1102');
    expect(errors[0]).toBeInstanceOf(SwitchError);
  });
});

describe('Switch: call queues', () => {
  function queueSetup() {
    const s = setup();
    s.sw.defineQueue({ id: '1', name: 'Sales', number: '1200', agent: '1100', members: ['1101'] });
    s.sw.defineQueue({ id: '2', name: 'Support', number: '1201', agent: '1100' });
    return s;
  }
  const waitingNumbers = (sw: Switch, id: string) =>
    sw
      .queues()
      .find((q) => q.id === id)!
      .waiting.map((w) => `${w.position}:${w.number}`);
  const legStates = (sw: Switch, device: string) => sw.deviceView(device).groups.map((g) => `${g.primary.state}:${g.primary.other.number}`);

  it('callers wait in order while the agent talks; positions are recomputed as the queue drains', async () => {
    const { sw, clock } = queueSetup();
    connect(sw, '1102', '1100');
    const first = sw.queueCall({ number: '+3725000001' }, '1');
    await clock.advance(1000);
    const second = sw.queueCall({ number: '+3725000002' }, '1');
    sw.queueCall({ number: '+3725000003' }, '1');
    expect(first).toMatchObject({ outcome: 'queued', position: 1 });
    expect(second).toMatchObject({ outcome: 'queued', position: 2 });
    expect(waitingNumbers(sw, '1')).toEqual(['1:+3725000001', '2:+3725000002', '3:+3725000003']);
    expect(sw.queues()[0].waiting[1].since - sw.queues()[0].waiting[0].since).toBe(1000);
    const waitingLeg = sw.deviceView('1100').groups[1].primary;
    expect(waitingLeg).toMatchObject({
      state: 'queued',
      isOutgoing: false,
      other: { number: '+3725000001' },
      firstCalled: { number: '1200' },
      queue: { id: '1', name: 'Sales', number: '1200', position: 1, operators: 2 },
    });
    // The second caller abandons: the third moves up.
    sw.hangUpRemote('+3725000002');
    expect(waitingNumbers(sw, '1')).toEqual(['1:+3725000001', '2:+3725000003']);
    expect(sw.deviceView('1100').groups.map((g) => g.primary.queue?.position)).toEqual([undefined, 1, 2]);
    expect(sw.history('1100').at(-1)).toMatchObject({ wasConnected: false, alertingMs: 0, other: { number: '+3725000002' } });
  });

  it('hands the longest-waiting caller to the agent when she is free: the same leg rings, answer connects the caller', () => {
    const { sw, views } = queueSetup();
    connect(sw, '1102', '1100');
    const first = sw.queueCall({ number: '+3725000001' }, '1');
    sw.queueCall({ number: '+3725000002' }, '1');
    const before = views.length;
    sw.drop('1100');
    // The talk ends first, then the hand-over is its own step.
    expect(timeline(views.slice(before), '1100')).toEqual(['queued,queued', 'alerting,queued']);
    const ringing = sw.deviceView('1100').groups.find((g) => g.primary.ref === first.ref)!.primary;
    expect(ringing).toMatchObject({ state: 'alerting', queue: { id: '1', name: 'Sales', operators: 2 } });
    expect(ringing.queue?.position).toBeUndefined();
    expect(waitingNumbers(sw, '1')).toEqual(['1:+3725000002']);
    // A queue call ringing at her keeps the next one waiting; answering it keeps her busy.
    sw.answer('1100', first.ref);
    expect(sw.externalLegs().find((l) => l.ref === first.callerRef)).toMatchObject({ state: 'connected' });
    expect(legStates(sw, '1100')).toEqual(['connected:+3725000001', 'queued:+3725000002']);
    sw.hangUpRemote('+3725000001');
    expect(legStates(sw, '1100')).toEqual(['alerting:+3725000002']);
  });

  it('a free agent gets the caller at once (queued, then ringing); a direct call ringing does not keep her busy', () => {
    const { sw, views } = queueSetup();
    sw.incomingExternalCall({ number: '+33160127764' }, '1100');
    const before = views.length;
    const result = sw.queueCall({ number: '+3725000001' }, '2');
    expect(result).toMatchObject({ outcome: 'ringing' });
    expect(result.position).toBeUndefined();
    expect(timeline(views.slice(before), '1100')).toEqual(['alerting,queued', 'alerting,alerting']);
    // The second caller waits: a queue call rings at her already.
    expect(sw.queueCall({ number: '+3725000002' }, '2')).toMatchObject({ outcome: 'queued', position: 1 });
    // The ringing queue caller gives up: the next one is handed over.
    sw.hangUpRemote('+3725000001');
    expect(legStates(sw, '1100')).toEqual(['alerting:+33160127764', 'alerting:+3725000002']);
  });

  it('counts active operators (not DND, not logged off) and reports the change to waiting callers', () => {
    const { sw, views } = queueSetup();
    connect(sw, '1102', '1100');
    sw.queueCall({ number: '+3725000001' }, '1');
    expect(sw.queues().find((q) => q.id === '1')!.operators).toBe(2);
    const before = views.length;
    sw.setDnd('1101', true);
    expect(views.length).toBeGreaterThan(before);
    expect(sw.deviceView('1100').groups[1].primary.queue).toMatchObject({ operators: 1, position: 1 });
    // The agent in DND takes no caller even once free.
    sw.setDnd('1100', true);
    sw.drop('1100');
    expect(legStates(sw, '1100')).toEqual(['queued:+3725000001']);
    sw.setDnd('1100', false);
    expect(legStates(sw, '1100')).toEqual(['alerting:+3725000001']);
  });

  it('a waiting caller takes no line of the phone, is no call to drop without naming it, and can be released by name', () => {
    const { sw } = setup({ maxCalls: 1 });
    sw.defineQueue({ id: '1', name: 'Sales', number: '1200', agent: '1100' });
    connect(sw, '1102', '1100');
    const waiting = sw.queueCall({ number: '+3725000001' }, '1');
    sw.drop('1102');
    expect(legStates(sw, '1100')).toEqual(['alerting:+3725000001']);
    sw.drop('1100', waiting.ref);
    expect(sw.deviceView('1100').groups).toEqual([]);
    expect(sw.externalLegs()).toEqual([]);
    connect(sw, '1102', '1100');
    const second = sw.queueCall({ number: '+3725000002' }, '1');
    expect(sw.isFree('1100')).toBe(false);
    sw.drop('1100');
    // drop without a ref released the connected call, then the waiting caller was handed over.
    expect(legStates(sw, '1100')).toEqual(['alerting:+3725000002']);
    expect(() => sw.queueCall({ number: '+3725000002' }, '1')).toThrow(SwitchError);
    expect(() => sw.queueCall({ number: '+3725000009' }, '9')).toThrow(SwitchError);
    expect(second.outcome).toBe('queued');
  });

  it('a call the other side hung up is in the history with that party, not with the phone itself', () => {
    const { sw } = setup();
    sw.incomingExternalCall({ number: '+33160127764' }, '1100');
    sw.hangUpRemote('+33160127764');
    expect(sw.history('1100')).toMatchObject([
      { other: { number: '+33160127764', name: 'Martin Jagger' }, endCause: 'droppedByOtherParty' },
    ]);
  });

  it('refuses a queue whose id is no number, whose agent is no device or whose number is an extension', () => {
    const { sw } = setup();
    expect(() => sw.defineQueue({ id: 'sales', name: 'Sales', number: '1200', agent: '1100' })).toThrow(SwitchError);
    expect(() => sw.defineQueue({ id: '1', name: 'Sales', number: '1200', agent: '1999' })).toThrow(SwitchError);
    expect(() => sw.defineQueue({ id: '1', name: 'Sales', number: '1101', agent: '1100' })).toThrow(SwitchError);
    expect(sw.queues()).toEqual([]);
  });
});
