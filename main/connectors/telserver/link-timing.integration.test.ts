/**
 * "Calls you can trust" for TelServer, on an injected clock: the moment the
 * console can know TelServer is gone, the connection leaves online and its
 * calls are unknown. TelServer has no lasting connection (one TCP
 * connection per request), so the console learns it from the keepalive
 * snapshot (every keepaliveSeconds, default 10 s) or from a command that
 * finds it gone. Bounds: a vanished TelServer (connections refused) within
 * one keepalive period (+ the one quick retry); a silent one (accepts, never
 * answers) within one period plus the request time-out, and the connection
 * says it did not answer.
 */
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../app/i18n/translator';
import type { ConnectionStatus } from '../../../app/model';
import { ManualClock } from '../../../app/testing/manual-clock';
import type { TelServerConnectionConfig } from '../../../app/vendors';
import { demoPbxConsole } from '../../testing/demo-pbx-console';
import { advanceUntil, ringIn, ringingCallKnown } from '../../testing/link-timing';
import { DEFAULT_KEEPALIVE_MS, KEEPALIVE_RETRY_MS } from './session';

const DEFAULT_REQUEST_TIMEOUT_MS = 5000;
const demo = demoPbxConsole({ vendor: 'telserver' });
const english = createTranslator('en');
const status = (): ConnectionStatus => demo.state().connections.ts;
const offline = () => status().state !== 'online';

/** The demo PBX with a call ringing at reception, and a console on `clock` with TelServer's defaults (no keepalive or time-out set). */
async function startWithRingingCall(clock: ManualClock, overrides: Partial<TelServerConnectionConfig> = {}) {
  const started = await demo.start({
    clock,
    connection: (pbx) => ({
      vendor: 'telserver',
      id: 'ts',
      label: 'TelServer',
      host: pbx.telserver!.host,
      port: pbx.telserver!.port,
      lines: [{ device: '1100', label: 'Reception' }],
      ...overrides,
    }),
  });
  await ringIn(demo, started.pbx, '+3725551234');
  return started;
}

const callKnown = () => ringingCallKnown(demo.state());

describe('TelServer: how soon its calls become unknown', () => {
  it('the keepalive defaults to 10 s and follows keepaliveSeconds from the connection settings', async () => {
    expect(DEFAULT_KEEPALIVE_MS).toBe(10_000);
    const clock = new ManualClock();
    const { pbx } = await startWithRingingCall(clock, { keepaliveSeconds: 3 });
    await pbx.telserver!.faults.refuseConnections(true);
    const took = await advanceUntil(clock, offline, { maxMs: 10_000 });
    expect(took).toBeGreaterThanOrEqual(3000);
    expect(took).toBeLessThanOrEqual(3000 + KEEPALIVE_RETRY_MS + 250);
  });

  it('a TelServer that vanishes (connections refused) takes its calls out of reach within one keepalive period', async () => {
    const clock = new ManualClock();
    const { pbx } = await startWithRingingCall(clock);
    expect(callKnown()).toBe(true);
    await pbx.telserver!.faults.refuseConnections(true);
    const took = await advanceUntil(clock, offline, { maxMs: 3 * DEFAULT_KEEPALIVE_MS });
    // Before: the first refused keepalive was ridden out, so the second one, a whole period later, decided (20 s).
    expect(took).toBeLessThanOrEqual(DEFAULT_KEEPALIVE_MS + KEEPALIVE_RETRY_MS + 250);
    expect(status().state).toBe('offline');
    expect(english(status().detail!)).toMatch(/refused the connection/);
    expect(callKnown()).toBe(false);
  });

  it('a TelServer that goes silent (connects, never answers) is noticed within one keepalive period plus the time-out, and says so', async () => {
    const clock = new ManualClock();
    const { pbx } = await startWithRingingCall(clock);
    pbx.telserver!.faults.delayReplies(60_000);
    const took = await advanceUntil(clock, offline, { maxMs: 3 * DEFAULT_KEEPALIVE_MS + 2 * DEFAULT_REQUEST_TIMEOUT_MS });
    // Before: the first timed-out keepalive was ridden out: 2 periods + 2 time-outs (30 s).
    expect(took).toBeLessThanOrEqual(DEFAULT_KEEPALIVE_MS + DEFAULT_REQUEST_TIMEOUT_MS + 250);
    expect(status().detail?.key).toBe('transport.timeout');
    expect(english(status().detail!)).toMatch(/^TelServer 127\.0\.0\.1:\d+ did not answer within 5 s/);
    expect(callKnown()).toBe(false);
  });

  it('a command that finds TelServer gone takes the connection offline at once, not at the next keepalive', async () => {
    const clock = new ManualClock();
    const { pbx, service } = await startWithRingingCall(clock);
    await pbx.telserver!.faults.refuseConnections(true);
    const call = Object.values(demo.state().calls).find((c) => c.state === 'ringing')!;
    const result = await service.execute({ kind: 'answer', callId: call.id });
    expect(result.ok).toBe(false);
    // The command's own failure plus the keepalive it brings forward (one retry a moment later).
    const took = await advanceUntil(clock, offline, { maxMs: DEFAULT_KEEPALIVE_MS });
    expect(took).toBeLessThanOrEqual(KEEPALIVE_RETRY_MS + 250);
  });

  it('a session TelServer closes (sessionClosedByAdmin over UDP) takes the calls out of reach at once (no clock time passes)', async () => {
    const clock = new ManualClock();
    const { pbx } = await startWithRingingCall(clock);
    pbx.telserver!.faults.closeSessionByAdmin('1100');
    await demo.until(offline, 'offline after the session was closed', 2000);
    expect(callKnown()).toBe(false);
    expect(english(status().detail!)).toMatch(/administrator/i);
  });

  it('one cut connection is ridden out: a keepalive that fails once and then answers keeps the connection online', async () => {
    const clock = new ManualClock();
    const { pbx } = await startWithRingingCall(clock);
    pbx.telserver!.faults.cutNextReply(0);
    await advanceUntil(clock, () => false, { maxMs: DEFAULT_KEEPALIVE_MS + KEEPALIVE_RETRY_MS + 500 });
    expect(status().state).toBe('online');
    expect(demo.log.entries.some((e) => e.message.includes('keepalive failed; trying again'))).toBe(true);
    expect(callKnown()).toBe(true);
  });
});
