import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { msg, type Message } from '../../../app/i18n/message';
import { createTranslator } from '../../../app/i18n/translator';
import { ManualClock } from '../../../app/testing/manual-clock';
import { waitUntil } from '../../../app/testing/wait-until';
import { memoryLogger } from '../../testing/memory-logger';
import { standardResult, startFakeTelServer, type FakeTelServerAnswer } from '../../testing/fake-telserver';
import { TransportError } from '../shared/transport-error';
import { TelServerClient, TelServerError } from './client';
import { encodeEvent } from './codec';
import { TelServerEventListener } from './event-listener';
import type { TsEvent, TsRequest, TsSessionEvent, TsSnapshot } from './messages';
import { TelServerSession } from './session';

const DEVICE = '1101';
const t = createTranslator('en');
const snapshotWithCall: TsSnapshot = {
  calls: [
    {
      id: '1',
      primCall: { state: 'alerting', otherParty: { number: '1102' }, duration: 0, isOutgoing: false, isConference: false },
      permittedServices: ['answerCall'],
    },
  ],
  forwards: [],
  msgWaiting: 'off',
  doNotDisturb: 'off',
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(
  opts: { answer?: (req: TsRequest) => FakeTelServerAnswer; sessionTimeoutSeconds?: number; userID?: string; userPassword?: string } = {},
) {
  const answer =
    opts.answer ??
    ((req: TsRequest): FakeTelServerAnswer =>
      req.type === 'snapshot' ? { kind: 'result', result: { type: 'snapshot', snapshot: snapshotWithCall } } : standardResult);
  const server = await startFakeTelServer(answer);
  const requests = server.requests;
  cleanups.push(server.close);
  const log = memoryLogger();
  const clock = new ManualClock();
  const listener = new TelServerEventListener({ bindAddress: '127.0.0.1', log });
  cleanups.push(() => listener.close());
  const session = new TelServerSession({
    client: new TelServerClient({ host: '127.0.0.1', port: server.port, requestTimeoutMs: 1000 }),
    listener,
    deviceNumber: DEVICE,
    userID: opts.userID,
    userPassword: opts.userPassword,
    sessionTimeoutSeconds: opts.sessionTimeoutSeconds,
    clock,
    log,
  });
  cleanups.push(() => session.close());
  const seen = { events: [] as TsEvent[], snapshots: [] as TsSnapshot[], lost: [] as Message[], pbxLink: [] as boolean[] };
  session.onEvent((ev) => seen.events.push(ev));
  session.onSnapshot((s) => seen.snapshots.push(s));
  session.onLost((reason) => seen.lost.push(reason));
  session.onPbxLink((up) => seen.pbxLink.push(up));
  return { session, listener, clock, requests, seen, log };
}

async function udpSender() {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => socket.close(() => resolve())));
  return (port: number, ev: TsEvent) =>
    new Promise<void>((resolve, reject) => socket.send(encodeEvent(ev), port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
}

const sessionEvent = (session: TsSessionEvent): TsEvent => ({ event: { type: 'session', session } });

describe('TelServerSession', () => {
  it('open() starts the listener and sends openSession with the bound UDP port and the credentials', async () => {
    const { session, listener, requests } = await setup({ sessionTimeoutSeconds: 90, userID: 'att1', userPassword: 's3cret' });
    await session.open();
    expect(listener.boundPort).toBeGreaterThan(0);
    expect(requests).toEqual([
      {
        type: 'openSession',
        deviceNumber: DEVICE,
        eventUDPPort: listener.boundPort,
        eventUpdate: 'full',
        userID: 'att1',
        userPassword: 's3cret',
        sessionTimeout: 90,
      },
    ]);
  });

  it('open() sends only what is configured', async () => {
    const { session, listener, requests } = await setup();
    await session.open();
    expect(requests).toEqual([{ type: 'openSession', deviceNumber: DEVICE, eventUDPPort: listener.boundPort, eventUpdate: 'full' }]);
  });

  it("snapshot() refuses another kind of result, saying why in the catalog's words", async () => {
    const { session } = await setup({ answer: () => standardResult });
    const err = await session.snapshot().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).text).toMatchObject({
      key: 'transport.malformed',
      params: { reason: msg('telserver.wrongResult.snapshot', { type: 'standard' }) },
    });
    expect(createTranslator('de')((err as TransportError).text)).toMatch(/\(ein Ergebnis standard auf eine Snapshot-Anfrage\)/);
  });

  it('open() rejects with the TelServer error, e.g. invalid credentials', async () => {
    const { session } = await setup({ answer: () => ({ kind: 'error', error: 'invalidCredentials' }) });
    const err = await session.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelServerError);
    expect((err as TelServerError).code).toBe('invalidCredentials');
  });

  it('sends a keepalive snapshot every third of the session timeout (when under 10 s) and delivers it', async () => {
    const { session, clock, requests, seen } = await setup({ sessionTimeoutSeconds: 24 });
    await session.open();
    expect(session.keepaliveMs).toBe(8000);
    await clock.advance(7_999);
    expect(requests).toHaveLength(1);
    await clock.advance(1);
    await waitUntil(() => seen.snapshots.length === 1, 'the first keepalive snapshot');
    expect(requests[1]).toEqual({ type: 'snapshot', deviceNumber: DEVICE });
    expect(seen.snapshots[0]).toEqual(snapshotWithCall);
    // and again
    await waitUntil(() => clock.pendingTimers === 1, 'the next keepalive scheduled');
    await clock.advance(8_000);
    await waitUntil(() => seen.snapshots.length === 2, 'the second keepalive snapshot');
  });

  it('keeps alive at least every 10 s with a long session timeout', async () => {
    const { session } = await setup({ sessionTimeoutSeconds: 90 });
    expect(session.keepaliveMs).toBe(10_000);
  });

  it('keeps alive every 10 s without a session timeout', async () => {
    const { session, clock, requests } = await setup();
    await session.open();
    expect(session.keepaliveMs).toBe(10_000);
    await clock.advance(9_999);
    expect(requests).toHaveLength(1);
    await clock.advance(1);
    await waitUntil(() => requests.length === 2, 'the keepalive request');
  });

  it('reports the session lost when the keepalive gets noOpenSession', async () => {
    const { session, clock, seen } = await setup({
      answer: (req) => (req.type === 'snapshot' ? { kind: 'error', error: 'noOpenSession' } : standardResult),
    });
    await session.open();
    await clock.advance(10_000);
    await waitUntil(() => seen.lost.length === 1, 'the session reported lost');
    expect(seen.lost[0]).toEqual(msg('telserver.session.gone'));
    expect(t(seen.lost[0])).toMatch(/no longer has a session/);
    expect(clock.pendingTimers).toBe(0); // keepalive stopped
  });

  it('rides out one failed keepalive but reports the second in a row', async () => {
    let snapshots = 0;
    const { session, clock, seen, log } = await setup({
      answer: (req) => {
        if (req.type !== 'snapshot') return standardResult;
        snapshots++;
        return snapshots === 2 ? { kind: 'result', result: { type: 'snapshot', snapshot: {} } } : 'hang-up';
      },
    });
    await session.open();
    // fail, succeed, fail: never two in a row
    for (let i = 0; i < 3; i++) {
      await clock.advance(10_000);
      await waitUntil(() => snapshots === i + 1 && clock.pendingTimers === 1, `keepalive ${i + 1} done and the next scheduled`);
    }
    expect(seen.lost).toEqual([]);
    expect(log.entries.filter((e) => e.message.includes('keepalive failed'))).toHaveLength(2);
    // the fourth fails too: two in a row
    await clock.advance(10_000);
    await waitUntil(() => seen.lost.length === 1, 'the session reported lost');
    expect(['transport.closed', 'transport.reset']).toContain(seen.lost[0].key);
    expect(seen.lost[0].params?.server).toMatch(/^TelServer 127\.0\.0\.1:\d+$/);
    expect(t(seen.lost[0])).toMatch(/TelServer 127\.0\.0\.1:\d+/);
  });

  it('delivers events of its device and feature events without a device; ignores other devices', async () => {
    const { session, listener, seen } = await setup();
    await session.open();
    const send = await udpSender();
    const port = listener.boundPort!;
    const callFor = (deviceNumber: string, id: string): TsEvent => ({
      deviceNumber,
      event: {
        type: 'call',
        call: { id, primCall: { state: 'alerting', otherParty: { number: '1102' }, duration: 0, isOutgoing: false, isConference: false } },
      },
    });
    await send(port, callFor('1999', 'x'));
    await send(port, callFor(DEVICE, '1'));
    await send(port, { event: { type: 'doNotDisturb', state: 'on' } });
    await waitUntil(() => seen.events.length === 2, 'two events delivered');
    expect(seen.events).toEqual([callFor(DEVICE, '1'), { event: { type: 'doNotDisturb', state: 'on' } }]);
  });

  it.each([
    ['sessionClosedByAdmin', 'The session was closed by the administrator.'],
    ['sessionClosedByTimeout', 'TelServer closed the session after a period without activity.'],
    ['sessionClosedByMonitoringReject', 'The telephone system refused to monitor this phone.'],
    ['sessionClosedByClient', 'The session was closed by another client of this phone.'],
  ] as const)('a %s event reports the session lost, once', async (event, reason) => {
    const { session, listener, seen, clock } = await setup();
    await session.open();
    const send = await udpSender();
    await send(listener.boundPort!, sessionEvent(event));
    await send(listener.boundPort!, sessionEvent(event));
    await send(listener.boundPort!, { event: { type: 'msgWaiting', state: 'on' } });
    await waitUntil(() => seen.lost.length === 1, 'the session reported lost');
    await new Promise((r) => setTimeout(r, 30));
    expect(seen.lost.map(t)).toEqual([reason]);
    expect(seen.events).toEqual([]); // nothing delivered after the loss
    expect(clock.pendingTimers).toBe(0);
  });

  it('pbxlink session events report the PBX link down and up, not the session lost', async () => {
    const { session, listener, seen } = await setup();
    await session.open();
    const send = await udpSender();
    await send(listener.boundPort!, sessionEvent('pbxlinkOutOfService'));
    await waitUntil(() => seen.pbxLink.length === 1, 'the PBX link reported down');
    await send(listener.boundPort!, sessionEvent('pbxlinkInService'));
    await waitUntil(() => seen.pbxLink.length === 2, 'the PBX link reported up');
    expect(seen.pbxLink).toEqual([false, true]);
    expect(seen.lost).toEqual([]);
    expect(seen.events).toEqual([]);
  });

  it('a keepalive refused with pbxlinkOutOfService reports the link down; the next answered one, up', async () => {
    let snapshots = 0;
    const { session, clock, seen } = await setup({
      answer: (req) => {
        if (req.type !== 'snapshot') return standardResult;
        snapshots++;
        return snapshots === 1
          ? { kind: 'error', error: 'pbxlinkOutOfService' }
          : { kind: 'result', result: { type: 'snapshot', snapshot: {} } };
      },
    });
    await session.open();
    await clock.advance(10_000);
    await waitUntil(
      () => seen.pbxLink.length === 1 && clock.pendingTimers === 1,
      'the PBX link reported down and the next keepalive scheduled',
    );
    await clock.advance(10_000);
    await waitUntil(() => seen.pbxLink.length === 2, 'the PBX link reported up');
    expect(seen.pbxLink).toEqual([false, true]);
    expect(seen.lost).toEqual([]);
  });

  it('a snapshot carrying a session state is acted on like the event', async () => {
    const { session, seen } = await setup({
      answer: (req) =>
        req.type === 'snapshot'
          ? { kind: 'result', result: { type: 'snapshot', snapshot: { calls: [], session: 'pbxlinkOutOfService' } } }
          : standardResult,
    });
    await session.open();
    await expect(session.snapshot()).resolves.toEqual({ calls: [], session: 'pbxlinkOutOfService' });
    expect(seen.pbxLink).toEqual([false]);
  });

  it('request() passes results through and reports noOpenSession as lost', async () => {
    const { session, seen } = await setup({
      answer: (req) => (req.type === 'holdCall' ? { kind: 'error', error: 'noOpenSession' } : standardResult),
    });
    await session.open();
    await expect(session.request({ type: 'makeCall', deviceNumber: DEVICE, calledDeviceNumber: '1102' })).resolves.toEqual({
      type: 'standard',
    });
    await expect(session.request({ type: 'holdCall', deviceNumber: DEVICE })).rejects.toBeInstanceOf(TelServerError);
    expect(seen.lost).toHaveLength(1);
  });

  it('close() stops the keepalive, sends closeSession and closes the listener', async () => {
    const { session, listener, clock, requests } = await setup();
    await session.open();
    await session.close();
    expect(requests.map((r) => r.type)).toEqual(['openSession', 'closeSession']);
    expect(requests[1]).toEqual({ type: 'closeSession', deviceNumber: DEVICE });
    expect(clock.pendingTimers).toBe(0);
    expect(listener.boundPort).toBeUndefined();
    await session.close(); // idempotent
    expect(requests).toHaveLength(2);
  });

  it('close() swallows and logs a failing closeSession', async () => {
    const { session, log, listener } = await setup({ answer: (req) => (req.type === 'closeSession' ? 'hang-up' : standardResult) });
    await session.open();
    await expect(session.close()).resolves.toBeUndefined();
    expect(log.entries.some((e) => e.level === 'warn' && e.message.includes('closeSession failed'))).toBe(true);
    expect(listener.boundPort).toBeUndefined();
  });

  it('close() after a failed open closes the listener without a closeSession', async () => {
    const { session, listener, requests } = await setup({ answer: () => ({ kind: 'error', error: 'sessionLimitExceeded' }) });
    await expect(session.open()).rejects.toBeInstanceOf(TelServerError);
    await session.close();
    expect(requests.map((r) => r.type)).toEqual(['openSession']);
    expect(listener.boundPort).toBeUndefined();
  });
});
