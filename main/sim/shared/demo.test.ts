import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../app/testing/manual-clock';
import { createDemo, createDemoDirectory, DEMO_QUEUES, QUEUE_SCRIPT, RECEPTION, type DemoControl } from './demo';
import { startDemoPbx, type DemoPbx } from '../index';
import { seededRandom } from './random';
import { Switch } from './switch';
import { decodeEvent, decodeReturn, encodeRequest } from '../../connectors/telserver/codec';
import type { TsRequest } from '../../connectors/telserver/messages';
import { EventInbox, requestXml } from '../telserver/probe';

/** The console's own encoding against the demo TelServer (a test may use the connector's codec: it checks the two agree). */
const request = async (port: number, req: TsRequest) => decodeReturn(await requestXml(port, encodeRequest(req)));

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

function demo(mode: 'live' | 'manual', seed = 7, queueCallers?: boolean): { sw: Switch; clock: ManualClock; control: DemoControl } {
  const clock = new ManualClock();
  const sw = new Switch({ clock, directory: createDemoDirectory() });
  const control = createDemo(sw, { clock, random: seededRandom(seed), mode, queueCallers });
  cleanup.push(() => control.stop());
  return { sw, clock, control };
}

describe('demo office', () => {
  it('has the receptionist, ten colleagues with several "Mar…" names, and the document contact Martin Jagger', () => {
    const directory = createDemoDirectory();
    expect(directory.extension(RECEPTION)?.name).toBe('Reception');
    expect(directory.allExtensions().map((e) => e.number)).toEqual(['1100', ...Array.from({ length: 10 }, (_, i) => String(1101 + i))]);
    expect(
      directory
        .entries()
        .filter((e) => e.name.startsWith('Mar'))
        .map((e) => e.name),
    ).toEqual(expect.arrayContaining(['Marcel Jagger', 'Maria Lind', 'Martin Jagger']));
    expect(directory.party('+33160127764')).toMatchObject({ name: 'Martin Jagger', company: 'uniGone' });
  });

  it.each([1, 2, 3, 42])('live (seed %i): a call rings at reception within 5 s', async (seed) => {
    const { control, clock } = demo('live', seed);
    expect(control.view().groups).toEqual([]);
    await clock.advance(1_999);
    expect(control.view().groups).toEqual([]);
    await clock.advance(3_000);
    expect(control.view().groups.map((g) => g.primary.state)).toContain('alerting');
  });

  it('live: keeps reception busy but below three calls added by the demo, and the office keeps living for ten minutes', async () => {
    const { control, clock, sw } = demo('live', 5);
    let maxGroups = 0;
    let colleagueCalls = 0;
    for (let t = 0; t < 600; t += 5) {
      await clock.advance(5_000);
      // The queues' callers come on top, at their own pace (the next test).
      maxGroups = Math.max(maxGroups, control.view().groups.filter((g) => !g.primary.queue).length);
      colleagueCalls += sw.deviceNumbers().filter((d) => d !== RECEPTION && sw.deviceView(d).groups.length > 0).length;
    }
    expect(maxGroups).toBeGreaterThanOrEqual(2);
    expect(maxGroups).toBeLessThanOrEqual(3);
    expect(colleagueCalls).toBeGreaterThan(0);
    // Unanswered callers gave up or are still ringing; history shows missed calls.
    expect(sw.history(RECEPTION).length).toBeGreaterThan(0);
  });

  it('live: the queues fill within the first half minute and drain within about a minute and a half', async () => {
    const { control, clock } = demo('live', 3);
    expect(control.queues().map((q) => [q.id, q.name, q.number, q.operators])).toEqual([
      ['1', 'Sales', '1200', 2],
      ['2', 'Support', '1201', 1],
    ]);
    const seen = new Set<string>();
    let mostWaiting = 0;
    for (let t = 0; t < 30; t++) {
      await clock.advance(1_000);
      const queueLegs = control.view().groups.filter((g) => g.primary.queue);
      for (const g of queueLegs) seen.add(g.primary.other.number);
      mostWaiting = Math.max(
        mostWaiting,
        control.queues().reduce((n, q) => n + q.waiting.length, 0),
      );
    }
    // All three came in: one rings at reception (nobody answers in this test), the others wait.
    expect([...seen].sort()).toEqual(QUEUE_SCRIPT.map((s) => s.from).sort());
    expect(mostWaiting).toBeGreaterThanOrEqual(2);
    await clock.advance(60_000);
    expect(control.queues().flatMap((q) => q.waiting)).toEqual([]);
    expect(control.view().groups.filter((g) => g.primary.queue)).toEqual([]);
    // And the stream goes on: one more caller after the script.
    await clock.advance(40_000);
    expect(control.view().groups.filter((g) => g.primary.queue)).toHaveLength(1);
  });

  it('live without queue callers: the queues exist but stay empty', async () => {
    const { control, clock } = demo('live', 3, false);
    await clock.advance(120_000);
    expect(control.queues().map((q) => q.id)).toEqual(DEMO_QUEUES.map((q) => q.id));
    expect(control.view().groups.filter((g) => g.primary.queue)).toEqual([]);
  });

  it('manual: queueCall waits while reception talks, and rings once she is free', () => {
    const { control, sw } = demo('manual');
    control.incomingCall({ from: '+33160127764' });
    sw.answer(RECEPTION);
    expect(control.queueCall({ from: '+3725000001', queue: '2', name: 'Queue Caller' })).toMatchObject({ outcome: 'queued', position: 1 });
    expect(control.queues()[1].waiting).toMatchObject([{ number: '+3725000001', position: 1 }]);
    expect(control.view().groups[1].primary).toMatchObject({
      state: 'queued',
      other: { name: 'Queue Caller' },
      queue: { name: 'Support' },
    });
    control.remoteHangup({ number: '+33160127764' });
    expect(control.view().groups.map((g) => g.primary.state)).toEqual(['alerting']);
    expect(control.queues()[1].waiting).toEqual([]);
  });

  it('manual: nothing happens by itself', async () => {
    const { control, clock, sw } = demo('manual');
    await clock.advance(120_000);
    expect(control.view().groups).toEqual([]);
    expect(sw.externalLegs()).toEqual([]);
  });

  it('manual: consult to 1103 → 1103 answers after 1.5–4 s; transfer connects the caller with 1103', async () => {
    const { control, clock, sw } = demo('manual');
    control.incomingCall({ from: '+33160127764' });
    sw.answer(RECEPTION);
    sw.consult(RECEPTION, '1103');
    expect(control.view().groups[0].consultation?.state).toBe('delivered');
    await clock.advance(1_400);
    expect(control.view().groups[0].consultation?.state).toBe('delivered');
    await clock.advance(2_700);
    expect(control.view().groups[0].consultation?.state).toBe('connected');
    sw.transfer(RECEPTION);
    expect(sw.deviceView('1103').groups[0].primary).toMatchObject({
      state: 'connected',
      other: { name: 'Martin Jagger' },
      cause: 'transfer',
    });
  });

  it('a colleague already on the phone lets a call ring; auto-answer off leaves calls to the test', async () => {
    const { control, clock, sw } = demo('manual');
    sw.makeCall('1104', '+3725123456');
    sw.answerAt('+3725123456');
    control.incomingCall({ from: '+3726654321', to: '1104' });
    await clock.advance(10_000);
    expect(sw.deviceView('1104').groups.map((g) => g.primary.state)).toEqual(['connected', 'alerting']);

    control.incomingCall({ from: '+3725000001', to: '1106', name: 'Test Caller' });
    expect(sw.deviceView('1106').groups[0].primary.other).toMatchObject({ number: '+3725000001', name: 'Test Caller' });

    control.setColleagueAutoAnswer(false);
    control.incomingCall({ from: '+46701234567', to: '1105' });
    await clock.advance(10_000);
    expect(sw.deviceView('1105').groups[0].primary.state).toBe('alerting');
    control.colleagueAnswer('1105');
    expect(sw.deviceView('1105').groups[0].primary.state).toBe('connected');
    control.remoteHangup({ number: '+46701234567' });
    expect(sw.deviceView('1105').groups).toEqual([]);
  });
});

describe('startDemoPbx', () => {
  let pbx: DemoPbx;

  it('serves TelServer on loopback: a client sees the demo call ring at reception and answers it', async () => {
    pbx = await startDemoPbx({ mode: 'manual' });
    cleanup.push(() => pbx.stop());
    const box = await EventInbox.open(decodeEvent);
    cleanup.push(() => box.close());
    const { port } = pbx.telserver!;
    expect(await request(port, { type: 'openSession', deviceNumber: RECEPTION, eventUDPPort: box.port })).toMatchObject({ kind: 'result' });
    pbx.control.incomingCall({ from: '+33160127764' });
    const ringing = await box.next();
    expect(ringing).toMatchObject({
      deviceNumber: RECEPTION,
      event: { call: { primCall: { state: 'alerting', otherParty: { name: 'Martin Jagger' } } } },
    });
    expect(await request(port, { type: 'answerCall', deviceNumber: RECEPTION })).toMatchObject({ kind: 'result' });
    expect(await box.next()).toMatchObject({ event: { call: { primCall: { state: 'connected' } } } });
    // Lexicographic order: '-' sorts before 'a'.
    expect(await request(port, { type: 'searchName', name: 'Mar' })).toMatchObject({
      result: {
        parties: [
          { name: 'Marcel Jagger' },
          { name: 'Mari-Liis Org' },
          { name: 'Maria Lind' },
          { name: 'Mart Kuusk' },
          { name: 'Martin Jagger' },
        ],
      },
    });
  });
});
