/**
 * "Calls you can trust" for Telia, on an injected clock. Telia only sends
 * (notification GETs to the console's listener), so its silence says
 * nothing; the console learns it is gone from its own requests: the check
 * (listOwnNumbers every checkSeconds, default 60 s), the phonebook refresh
 * (every phonebookRefreshSeconds, default 30 s) and commands. Any of them
 * that gets no answer at all takes the connection offline at once, so the
 * ringing call it showed becomes unknown then, not at the next check.
 * The demo's `hang` fault: Telia accepts the request and never answers.
 */
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../app/i18n/translator';
import type { ConnectionStatus } from '../../../app/model';
import { ManualClock } from '../../../app/testing/manual-clock';
import { demoPbxConsole } from '../../testing/demo-pbx-console';
import { advanceUntil, ringIn, ringingCallKnown } from '../../testing/link-timing';
import { PHONEBOOK_REFRESH_SECONDS } from './connector';

const ENV = 'TELIA_TIMING_PASSWORD';
/** Real time: the HTTP client's time-out runs on the system's timers. */
const REQUEST_TIMEOUT_MS = 400;
const CHECK_SECONDS = 60;
const demo = demoPbxConsole({ vendor: 'telia' });
const english = createTranslator('en');
const status = (): ConnectionStatus => demo.state().connections.tl;

async function startWithRingingCall(clock: ManualClock) {
  const started = await demo.start({
    clock,
    env: (pbx) => ({ [ENV]: pbx.telia!.password }),
    connection: (pbx) => ({
      vendor: 'telia',
      id: 'tl',
      label: 'Telia',
      username: pbx.telia!.username,
      passwordEnv: ENV,
      servicesUrl: pbx.telia!.servicesUrl,
      phonebookUrl: pbx.telia!.phonebookUrl,
      tlsFingerprint256: pbx.telia!.fingerprint256,
      country: 'EE',
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      checkSeconds: CHECK_SECONDS,
      notifications: { mode: 'listen', bindAddress: '127.0.0.1', port: 0, allowedSources: ['127.0.0.1'] },
    }),
  });
  await ringIn(demo, started.pbx, '+3725123456');
  return started;
}

const callKnown = () => ringingCallKnown(demo.state());

describe('Telia: how soon its calls become unknown', () => {
  it('the phonebook refresh that gets no answer takes the calls out of reach at once, not at the next check', async () => {
    const clock = new ManualClock();
    const { pbx } = await startWithRingingCall(clock);
    expect(callKnown()).toBe(true);
    pbx.telia!.faults.setHttpFault('hang');
    const start = clock.now();
    // Up to the phonebook refresh (30 s), then the clock stands still: only the refresh's own time-out can act.
    await advanceUntil(clock, () => false, { maxMs: PHONEBOOK_REFRESH_SECONDS * 1000 + 100 });
    expect(status().state).toBe('online');
    await demo.until(() => status().state !== 'online', 'offline after the refresh got no answer', 10 * REQUEST_TIMEOUT_MS);
    // Before: only the check said so, at 60 s.
    expect(clock.now() - start).toBeLessThan(CHECK_SECONDS * 1000);
    expect(status().detail?.key).toBe('transport.timeout');
    expect(english(status().detail!)).toMatch(/did not answer within 0\.4 s/);
    expect(callKnown()).toBe(false);
  });

  it('a command that gets no answer takes the connection offline at once', async () => {
    const clock = new ManualClock();
    const { pbx, service } = await startWithRingingCall(clock);
    pbx.telia!.faults.setHttpFault('hang');
    const result = await service.execute({ kind: 'dial', lineId: 'tl/6403231', to: '1101' });
    expect(result).toMatchObject({ ok: false, error: { key: 'transport.timeout' } });
    await demo.until(() => status().state !== 'online', 'offline after the command got no answer', 10 * REQUEST_TIMEOUT_MS);
    expect(callKnown()).toBe(false);
  });

  it('an HTTP error is an answer: Telia is there, the connection stays online', async () => {
    const clock = new ManualClock();
    const { pbx, service } = await startWithRingingCall(clock);
    pbx.telia!.faults.setHttpFault('status500', 1);
    const result = await service.execute({ kind: 'dial', lineId: 'tl/6403231', to: '1101' });
    expect(result).toMatchObject({ ok: false, error: { key: 'transport.status' } });
    expect(status().state).toBe('online');
    expect(callKnown()).toBe(true);
  });
});
