import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../app/testing/manual-clock';
import { createDemo, createDemoDirectory, RECEPTION, type DemoControl } from './demo';
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

function demo(mode: 'live' | 'manual', seed = 7): { sw: Switch; clock: ManualClock; control: DemoControl } {
  const clock = new ManualClock();
  const sw = new Switch({ clock, directory: createDemoDirectory() });
  const control = createDemo(sw, { clock, random: seededRandom(seed), mode });
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
      maxGroups = Math.max(maxGroups, control.view().groups.length);
      colleagueCalls += sw.deviceNumbers().filter((d) => d !== RECEPTION && sw.deviceView(d).groups.length > 0).length;
    }
    expect(maxGroups).toBeGreaterThanOrEqual(2);
    expect(maxGroups).toBeLessThanOrEqual(3);
    expect(colleagueCalls).toBeGreaterThan(0);
    // Unanswered callers gave up or are still ringing; history shows missed calls.
    expect(sw.history(RECEPTION).length).toBeGreaterThan(0);
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
