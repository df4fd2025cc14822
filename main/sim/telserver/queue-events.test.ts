/**
 * A caller queued at a TelServer device on the wire: its own <call> in state
 * queued, no permitted services, the called number in extraData ("may be
 * used to carry the 'called number' … for Delivered and Queued events") and
 * in firstCalledParty; then alerting with answerCall. Read back with the
 * console's codec and adapter (a test may: it checks the two agree).
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../app/testing/manual-clock';
import { decodeEvent } from '../../connectors/telserver/codec';
import { TelServerLineAdapter } from '../../connectors/telserver/adapter';
import { createDemo, createDemoDirectory, RECEPTION } from '../shared/demo';
import { seededRandom } from '../shared/random';
import { Switch } from '../shared/switch';
import { DeviceCalls } from './calls';
import { tsCallInfo } from './views';
import { writeEvent } from './xml-writer';

function office() {
  const clock = new ManualClock();
  const sw = new Switch({ clock, directory: createDemoDirectory() });
  const control = createDemo(sw, { clock, random: seededRandom(1), mode: 'manual' });
  const calls = new DeviceCalls();
  const wire = () =>
    calls
      .compose(sw.deviceView(RECEPTION))
      .map((call) => writeEvent({ deviceNumber: RECEPTION, event: { type: 'call', call: tsCallInfo(call, clock.now()) } }));
  return { sw, control, wire, clock };
}

describe('TelServer front end: a queued caller', () => {
  it('is a <call> of its own, state queued, nothing permitted, extraData and firstCalledParty the queue number', () => {
    const { sw, control, wire } = office();
    control.incomingCall({ from: '+33160127764' });
    sw.answer(RECEPTION);
    control.queueCall({ from: '+3725123456', queue: '1' });
    const xml = wire();
    expect(xml).toHaveLength(2);
    expect(xml[1]).toContain('<state><queued/></state>');
    expect(xml[1]).toContain('<permittedServices/><extraData>1200</extraData></call>');
    const event = decodeEvent(xml[1]);
    expect(event).toMatchObject({
      deviceNumber: RECEPTION,
      event: {
        type: 'call',
        call: {
          primCall: { state: 'queued', otherParty: { number: '+3725123456', name: 'Kalev Kask' }, firstCalledParty: { number: '1200' } },
          permittedServices: [],
          extraData: '1200',
        },
      },
    });
    expect(event.event.type === 'call' && event.event.call.secCall).toBeUndefined();
    // The call talked on keeps its own services: no second call beside it.
    expect(decodeEvent(xml[0])).toMatchObject({
      event: { call: { permittedServices: ['holdCall', 'dropCall', 'divertCall', 'consultationCall'] } },
    });
  });

  it('rings (alerting, answerCall) once reception is free; extraData only on the Queued event', () => {
    const { sw, control, wire } = office();
    control.incomingCall({ from: '+33160127764' });
    sw.answer(RECEPTION);
    control.queueCall({ from: '+3725123456', queue: '2' });
    control.remoteHangup({ number: '+33160127764' });
    const xml = wire();
    expect(xml).toHaveLength(1);
    expect(decodeEvent(xml[0])).toMatchObject({
      event: {
        call: { primCall: { state: 'alerting', firstCalledParty: { number: '1201' } }, permittedServices: ['answerCall', 'divertCall'] },
      },
    });
    expect(xml[0]).not.toContain('extraData');
  });
});

describe('TelServer adapter: the queued state', () => {
  const adapter = () =>
    new TelServerLineAdapter({ connectionId: 'ts', deviceNumber: '1100', label: 'Reception', country: 'EE' }, () => 1000);
  const queuedEvent = (extraData?: string, services = '') =>
    decodeEvent(
      `<TelServiceEvent><deviceNumber>1100</deviceNumber><event><call><id>5</id><primCall><state><queued/></state><otherParty><number>+3725123456</number></otherParty><duration>0</duration><isOutgoing><false/></isOutgoing><isConference><false/></isConference></primCall><permittedServices>${services}</permittedServices>${extraData === undefined ? '' : `<extraData>${extraData}</extraData>`}</call></event></TelServiceEvent>`,
    );
  const apply = (a: TelServerLineAdapter, xml: ReturnType<typeof decodeEvent>) => {
    if (xml.event.type !== 'call') throw new Error('not a call event');
    const upsert = a.applyCallEvent(xml.event.call).find((e) => e.type === 'callUpserted');
    if (!upsert || upsert.type !== 'callUpserted') throw new Error('no call');
    return upsert.call;
  };

  it('queued → state queued with firstCalled from extraData; no answer, even if a server lists answerCall', () => {
    const a = adapter();
    expect(apply(a, queuedEvent('1200'))).toMatchObject({ state: 'queued', firstCalled: { number: '1200' }, actions: [] });
    expect(apply(adapter(), queuedEvent('1200', '<answerCall/>')).actions).not.toContain('answer');
    // Without permittedServices at all, the inferred table offers nothing either.
    const bare = decodeEvent(
      '<TelServiceEvent><deviceNumber>1100</deviceNumber><event><call><id>6</id><primCall><state><queued/></state><otherParty><number>+3725000001</number></otherParty><duration>0</duration><isOutgoing><false/></isOutgoing></primCall></call></event></TelServiceEvent>',
    );
    expect(apply(adapter(), bare)).toMatchObject({ state: 'queued', actions: [] });
    expect(apply(adapter(), bare).firstCalled).toBeUndefined();
  });

  it('the called number stays with the call when it rings (the Alerting event carries none)', () => {
    const a = adapter();
    const queued = apply(a, queuedEvent('1200'));
    const alerting = decodeEvent(
      '<TelServiceEvent><deviceNumber>1100</deviceNumber><event><call><id>5</id><primCall><state><alerting/></state><otherParty><number>+3725123456</number></otherParty><duration>0</duration><isOutgoing><false/></isOutgoing><isConference><false/></isConference></primCall><permittedServices><answerCall/><divertCall/></permittedServices></call></event></TelServiceEvent>',
    );
    expect(apply(a, alerting)).toMatchObject({
      id: queued.id,
      state: 'ringing',
      firstCalled: { number: '1200' },
      actions: ['answer', 'divert'],
    });
  });
});
