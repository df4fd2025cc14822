/**
 * "Calls you can trust" for innovaphone, on an injected clock. One Poll is
 * always pending (the PBX holds it up to a minute), so a Poll that fails —
 * the PBX cut its connections, stopped, restarted — takes the connection
 * offline at once. A PBX that goes silent (connections stay open, nothing
 * comes back — here a relay that stops passing bytes) leaves the Poll
 * pending; the Echo every echoIntervalSeconds (default 30 s) notices it
 * within its request time-out, and the connection says it did not answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../../app/i18n/translator';
import type { ConnectionStatus } from '../../../app/model';
import { ManualClock } from '../../../app/testing/manual-clock';
import { demoPbxConsole } from '../../testing/demo-pbx-console';
import { advanceUntil, ringIn, ringingCallKnown } from '../../testing/link-timing';
import { startSilentProxy, type SilentProxy } from '../../testing/silent-proxy';

const PASSWORD_ENV = 'INNOVAPHONE_TIMING_PASSWORD';
const DEFAULT_ECHO_MS = 30_000;
/** Real time: the HTTP client's time-out runs on the system's timers. */
const REQUEST_TIMEOUT_MS = 400;
const demo = demoPbxConsole({ vendor: 'innovaphone' });
const english = createTranslator('en');
const status = (): ConnectionStatus => demo.state().connections.ip;
const offline = () => status().state !== 'online';

let relay: SilentProxy | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

/** The demo PBX reached through a relay that can fall silent, a console on `clock` (default Echo period), and a call ringing. */
async function startWithRingingCall(clock: ManualClock) {
  let relayPort = 0;
  const started = await demo.start({
    clock,
    pbx: { innovaphone: { accounts: { Reception: 'right' } } },
    prepare: async (pbx) => {
      pbx.control.setColleagueAutoAnswer(false);
      const url = new URL(pbx.innovaphone!.url);
      relay = await startSilentProxy({ host: url.hostname, port: Number(url.port) });
      relayPort = relay.port;
    },
    env: () => ({ [PASSWORD_ENV]: 'right' }),
    connection: (pbx) => {
      const url = new URL(pbx.innovaphone!.url);
      url.port = String(relayPort);
      return {
        vendor: 'innovaphone',
        id: 'ip',
        label: 'innovaphone',
        url: url.toString(),
        username: 'Reception',
        passwordEnv: PASSWORD_ENV,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        lines: [{ cn: 'Reception', label: 'Reception' }],
      };
    },
  });
  await ringIn(demo, started.pbx, '+3725123456');
  return started;
}

const callKnown = () => ringingCallKnown(demo.state());

describe('innovaphone: how soon its calls become unknown', () => {
  it('a failed Poll (the PBX cut its connections) takes the calls out of reach at once (no clock time passes)', async () => {
    const clock = new ManualClock();
    const { pbx } = await startWithRingingCall(clock);
    expect(callKnown()).toBe(true);
    pbx.innovaphone!.faults.dropConnections();
    await demo.until(offline, 'offline after the Poll failed', 2000);
    expect(callKnown()).toBe(false);
  });

  it('a PBX that goes silent is noticed by the next Echo, within one Echo period plus its time-out, and says so', async () => {
    const clock = new ManualClock();
    await startWithRingingCall(clock);
    relay!.silence();
    const start = clock.now();
    // Up to the Echo, then the clock stands still: only the Echo's own time-out can act.
    await advanceUntil(clock, () => false, { maxMs: DEFAULT_ECHO_MS });
    expect(status().state).toBe('online');
    await demo.until(offline, 'offline after the Echo got no answer', 10 * REQUEST_TIMEOUT_MS);
    expect(clock.now() - start).toBeLessThanOrEqual(DEFAULT_ECHO_MS + 100);
    expect(status().detail?.key).toBe('transport.timeout');
    expect(english(status().detail!)).toMatch(/did not answer within 0\.4 s/);
    expect(callKnown()).toBe(false);
  });
});
