import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../app/testing/manual-clock';
import { TelServerLineAdapter } from './adapter';
import { effectOf, EffectWatch } from './late-reply';
import type { TsCallInfo } from './messages';

const ringing: TsCallInfo = {
  id: '1',
  primCall: { state: 'alerting', otherParty: { number: '1102' }, duration: 0, isOutgoing: false, isConference: false },
  permittedServices: ['answerCall', 'divertCall'],
};
const connected: TsCallInfo = {
  id: '1',
  primCall: { state: 'connected', otherParty: { number: '1102' }, duration: 0, isOutgoing: false, isConference: false },
  permittedServices: ['holdCall', 'dropCall', 'divertCall', 'consultationCall'],
};

function setup() {
  const clock = new ManualClock();
  const adapter = new TelServerLineAdapter({ connectionId: 'ts', deviceNumber: '1101', label: 'Reception', country: 'EE' }, clock.now);
  const [upserted] = adapter.applyCallEvent(ringing);
  const callId = upserted?.type === 'callUpserted' ? upserted.call.id : '';
  return { clock, adapter, callId, watch: new EffectWatch() };
}

describe('a reply later than the request timeout', () => {
  it('is resolved true as soon as the events show the effect', async () => {
    const { clock, adapter, callId, watch } = setup();
    const seen = effectOf({ kind: 'answer', callId }, adapter)!;
    const outcome = watch.waitFor(seen, 1000, clock);
    adapter.applyCallEvent(connected);
    watch.check();
    expect(await outcome).toBe(true);
    await clock.advance(1000);
  });

  it('is resolved false when the effect does not show within the grace time', async () => {
    const { clock, adapter, callId, watch } = setup();
    const outcome = watch.waitFor(effectOf({ kind: 'answer', callId }, adapter)!, 1000, clock);
    await clock.advance(1000);
    expect(await outcome).toBe(false);
  });

  it('at once when the effect was already there, and not at all for commands whose effect the events cannot tell', async () => {
    const { clock, adapter, callId, watch } = setup();
    adapter.applyCallEvent(connected);
    expect(await watch.waitFor(effectOf({ kind: 'answer', callId }, adapter)!, 1000, clock)).toBe(true);
    expect(effectOf({ kind: 'dial', lineId: adapter.lineId, to: '1103' }, adapter)).toBeUndefined();
    expect(effectOf({ kind: 'consult', callId, to: '1103' }, adapter)).toBeUndefined();
  });

  it('cancelAll settles every waiter false (the session is gone)', async () => {
    const { clock, adapter, callId, watch } = setup();
    const outcome = watch.waitFor(effectOf({ kind: 'hangup', callId }, adapter)!, 60_000, clock);
    watch.cancelAll();
    expect(await outcome).toBe(false);
  });
});
