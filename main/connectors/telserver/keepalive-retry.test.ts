/**
 * The keepalive's one quick retry (session.ts, KEEPALIVE_RETRY_MS): a failed
 * connection is tried again a moment later, a time-out is not (TelServer had
 * the whole request time-out), and closing the session during the pause
 * leaves nothing behind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../app/i18n/message';
import { ManualClock } from '../../../app/testing/manual-clock';
import { waitUntil } from '../../../app/testing/wait-until';
import { memoryLogger } from '../../testing/memory-logger';
import { standardResult, startFakeTelServer, type FakeTelServerAnswer } from '../../testing/fake-telserver';
import { TelServerClient } from './client';
import { TelServerEventListener } from './event-listener';
import type { TsRequest } from './messages';
import { DEFAULT_KEEPALIVE_MS, KEEPALIVE_RETRY_MS, TelServerSession } from './session';

const REQUEST_TIMEOUT_MS = 1000;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A session whose keepalive snapshots get `snapshot`; the client's time-out runs on the same manual clock. */
async function openSession(snapshot: () => FakeTelServerAnswer | Promise<FakeTelServerAnswer>) {
  const server = await startFakeTelServer((req: TsRequest) => (req.type === 'snapshot' ? snapshot() : standardResult));
  cleanups.push(server.close);
  const clock = new ManualClock();
  const log = memoryLogger();
  const listener = new TelServerEventListener({ bindAddress: '127.0.0.1', log });
  cleanups.push(() => listener.close());
  const session = new TelServerSession({
    client: new TelServerClient({ host: '127.0.0.1', port: server.port, requestTimeoutMs: REQUEST_TIMEOUT_MS, clock }),
    listener,
    deviceNumber: '1101',
    clock,
    log,
  });
  cleanups.push(() => session.close());
  const lost: Message[] = [];
  session.onLost((reason) => lost.push(reason));
  await session.open();
  const snapshots = () => server.requests.filter((r) => r.type === 'snapshot').length;
  return { session, clock, lost, snapshots };
}

describe('TelServer keepalive retry', () => {
  it('a failed connection is tried once more a moment later; the second failure reports the session lost', async () => {
    const { clock, lost, snapshots } = await openSession(() => 'hang-up');
    await clock.advance(DEFAULT_KEEPALIVE_MS);
    await waitUntil(() => snapshots() === 1 && clock.pendingTimers === 1, 'the first keepalive failed, the retry paused');
    expect(lost).toEqual([]);
    await clock.advance(KEEPALIVE_RETRY_MS);
    await waitUntil(() => lost.length === 1, 'the session reported lost after the retry');
    expect(snapshots()).toBe(2);
    expect(lost[0].key).toMatch(/^transport\.(closed|reset)$/);
  });

  it('a keepalive that timed out is not tried again: the session is lost at once, saying TelServer did not answer', async () => {
    const { clock, lost, snapshots } = await openSession(() => new Promise<FakeTelServerAnswer>(() => undefined));
    await clock.advance(DEFAULT_KEEPALIVE_MS);
    await waitUntil(() => snapshots() === 1, 'the keepalive sent');
    await clock.advance(REQUEST_TIMEOUT_MS);
    await waitUntil(() => lost.length === 1, 'the session reported lost');
    expect(lost[0]).toMatchObject({ key: 'transport.timeout', params: { seconds: 1 } });
    expect(snapshots()).toBe(1);
  });

  it('closing the session during the pause ends it: no retry, nothing reported, no timer left', async () => {
    const { session, clock, lost, snapshots } = await openSession(() => 'hang-up');
    await clock.advance(DEFAULT_KEEPALIVE_MS);
    await waitUntil(() => snapshots() === 1 && clock.pendingTimers === 1, 'the retry paused');
    await session.close();
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(KEEPALIVE_RETRY_MS);
    expect(snapshots()).toBe(1);
    expect(lost).toEqual([]);
  });
});
