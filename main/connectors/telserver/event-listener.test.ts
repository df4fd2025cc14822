import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { msg } from '../../../app/i18n/message';
import { waitUntil } from '../../../app/testing/wait-until';
import { ConsoleError } from '../../core/errors';
import { memoryLogger } from '../../testing/memory-logger';
import { encodeEvent } from './codec';
import { isAllowedSource, TelServerEventListener } from './event-listener';
import type { TsEvent } from './messages';

const msgWaitingOn: TsEvent = { event: { type: 'msgWaiting', state: 'on' } };
const dndOff: TsEvent = { event: { type: 'doNotDisturb', state: 'off' } };
const alerting: TsEvent = {
  deviceNumber: '1102',
  event: {
    type: 'call',
    call: {
      id: '1',
      primCall: { state: 'alerting', otherParty: { number: '+3726401234' }, duration: 0, isOutgoing: false, isConference: false },
      permittedServices: ['answerCall', 'divertCall'],
    },
  },
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function listener(opts: Partial<ConstructorParameters<typeof TelServerEventListener>[0]> = {}) {
  const log = memoryLogger();
  const l = new TelServerEventListener({ bindAddress: '127.0.0.1', log, ...opts });
  const port = await l.start();
  cleanups.push(() => l.close());
  const events: TsEvent[] = [];
  l.onEvent((ev) => events.push(ev));
  return { l, port, events, log };
}

async function sender(address = '127.0.0.1') {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, address, resolve));
  cleanups.push(() => new Promise((resolve) => socket.close(() => resolve())));
  return (port: number, payload: string | Buffer) =>
    new Promise<void>((resolve, reject) => socket.send(payload, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
}

async function canBind(address: string): Promise<boolean> {
  const socket = dgram.createSocket('udp4');
  return new Promise((resolve) => {
    socket.once('error', () => resolve(false));
    socket.bind(0, address, () => socket.close(() => resolve(true)));
  });
}

describe('TelServerEventListener', () => {
  it('binds a free port and delivers a decoded event', async () => {
    const { port, events } = await listener();
    expect(port).toBeGreaterThan(0);
    const send = await sender();
    await send(port, encodeEvent(alerting));
    await waitUntil(() => events.length === 1, 'one event delivered');
    expect(events[0]).toEqual(alerting);
  });

  it('start() again returns the same port', async () => {
    const { l, port } = await listener();
    await expect(l.start()).resolves.toBe(port);
    expect(l.boundPort).toBe(port);
  });

  it('drops a malformed datagram with a warning and keeps listening', async () => {
    const { l, port, events, log } = await listener();
    const send = await sender();
    await send(port, '<TelServiceEvent><event><msgWaiting><on/></msgWaiting>');
    await send(port, Buffer.from([0xc3, 0x28, 0xff]));
    await send(port, encodeEvent(msgWaitingOn));
    await waitUntil(() => events.length === 1, 'one event delivered');
    expect(events).toEqual([msgWaitingOn]);
    expect(l.droppedCount).toBe(2);
    const warnings = log.entries.filter((e) => e.level === 'warn').map((e) => e.message);
    expect(warnings).toEqual([
      expect.stringMatching(/not a TelServices event: TelServer event is not well-formed XML/),
      expect.stringMatching(/not valid UTF-8/),
    ]);
  });

  it('splits a datagram holding several events at endOfPdu, dropping only the bad one', async () => {
    const { l, port, events } = await listener({ endOfPdu: '\n\n' });
    const send = await sender();
    await send(port, `${encodeEvent(msgWaitingOn)}\n\n<garbage>\n\n${encodeEvent(dndOff)}\n\n`);
    await waitUntil(() => events.length === 2, 'two events delivered');
    expect(events).toEqual([msgWaitingOn, dndOff]);
    expect(l.droppedCount).toBe(1);
  });

  it('drops datagrams larger than the limit', async () => {
    const { l, port, events } = await listener({ maxDatagramBytes: 100 });
    const send = await sender();
    expect(Buffer.byteLength(encodeEvent(alerting))).toBeGreaterThan(100);
    await send(port, encodeEvent(alerting));
    await waitUntil(() => l.droppedCount === 1, 'one datagram dropped');
    await send(port, encodeEvent(msgWaitingOn)); // 78 bytes
    await waitUntil(() => events.length === 1, 'one event delivered');
    expect(events).toEqual([msgWaitingOn]);
  });

  it('survives 2 MiB of 60 KiB garbage datagrams and still delivers the next good event', async () => {
    const { l, port, events, log } = await listener();
    const send = await sender();
    const garbage = Buffer.alloc(60 * 1024, '<TelServiceEvent><event><'.repeat(4));
    const count = Math.ceil((2 * 1024 * 1024) / garbage.length);
    for (let i = 1; i <= count; i++) {
      await send(port, garbage);
      // One at a time, so the kernel's receive buffer never overflows and every datagram is counted.
      await waitUntil(() => l.droppedCount === i, `datagram ${i} dropped`);
    }
    await send(port, encodeEvent(alerting));
    await waitUntil(() => events.length === 1, 'one event delivered');
    expect(events).toEqual([alerting]);
    expect(l.droppedCount).toBe(count);
    // The log is bounded during a flood.
    expect(log.entries.filter((e) => e.level === 'warn').length).toBeLessThanOrEqual(10);
  });

  it('a throwing event handler does not stop delivery to others or later events', async () => {
    const { l, port, events, log } = await listener();
    l.onEvent(() => {
      throw new Error('handler bug');
    });
    const send = await sender();
    await send(port, encodeEvent(msgWaitingOn));
    await send(port, encodeEvent(dndOff));
    await waitUntil(() => events.length === 2, 'two events delivered');
    expect(log.entries.filter((e) => e.level === 'error')).toHaveLength(2);
  });

  it('drops datagrams from an address not in allowedSources', async () => {
    const otherAddressUsable = await canBind('127.0.0.2');
    const { l, port, events, log } = await listener({ allowedSources: ['127.0.0.1'] });
    if (otherAddressUsable) {
      const spoofer = await sender('127.0.0.2');
      await spoofer(port, encodeEvent(msgWaitingOn));
      await waitUntil(() => l.droppedCount === 1, 'one datagram dropped');
      expect(log.entries.some((e) => e.level === 'warn' && e.meta?.source === '127.0.0.2')).toBe(true);
    }
    const send = await sender('127.0.0.1');
    await send(port, encodeEvent(dndOff));
    await waitUntil(() => events.length === 1, 'one event delivered');
    expect(events).toEqual([dndOff]);
  });

  it('close() releases the port', async () => {
    const { l, port } = await listener();
    await l.close();
    const again = new TelServerEventListener({ bindAddress: '127.0.0.1', port, log: memoryLogger() });
    await expect(again.start()).resolves.toBe(port);
    await again.close();
  });

  it('start() on a port already in use rejects with a catalog message naming the address', async () => {
    const { port } = await listener();
    const second = new TelServerEventListener({ bindAddress: '127.0.0.1', port, log: memoryLogger() });
    const err = await second.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsoleError);
    expect((err as ConsoleError).text).toEqual(msg('telserver.eventPortFailed', { address: `127.0.0.1:${port}`, reason: 'EADDRINUSE' }));
    expect(second.boundPort).toBeUndefined();
    await second.close();
  });
});

describe('isAllowedSource', () => {
  it('matches exact addresses and IPv4-mapped IPv6 forms', () => {
    expect(isAllowedSource('10.0.0.5', ['10.0.0.5'])).toBe(true);
    expect(isAllowedSource('::ffff:10.0.0.5', ['10.0.0.5'])).toBe(true);
    expect(isAllowedSource('10.0.0.5', ['::ffff:10.0.0.5'])).toBe(true);
    expect(isAllowedSource('10.0.0.6', ['10.0.0.5'])).toBe(false);
    expect(isAllowedSource('FE80::1', ['fe80::1'])).toBe(true);
    expect(isAllowedSource('10.0.0.5', [])).toBe(false);
  });
});
