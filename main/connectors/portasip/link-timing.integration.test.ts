/**
 * "Calls you can trust" for PortaSIP, on an injected clock: one WebSocket
 * carries everything, so a closed socket takes the connection offline at
 * once; a PortaSIP that goes silent (the socket stays open, nothing comes
 * back — here a relay that stops passing bytes) is noticed by the
 * heartbeat: a ping every heartbeatSeconds (default 15 s) whose pong must
 * come within the request time-out (default 5 s).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../../app/i18n/translator';
import type { ConnectionStatus } from '../../../app/model';
import { ManualClock } from '../../../app/testing/manual-clock';
import { demoPbxConsole } from '../../testing/demo-pbx-console';
import { advanceUntil, ringIn, ringingCallKnown } from '../../testing/link-timing';
import { startSilentProxy, type SilentProxy } from '../../testing/silent-proxy';

const PASSWORD_ENV = 'PORTASIP_TIMING_PASSWORD';
const DEFAULT_HEARTBEAT_MS = 15_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 5000;
const demo = demoPbxConsole({ vendor: 'portasip' });
const english = createTranslator('en');
const status = (): ConnectionStatus => demo.state().connections.ps;
const offline = () => status().state !== 'online';

let relay: SilentProxy | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

/** The demo PBX reached through a relay that can fall silent, a console on `clock` with PortaSIP's defaults, and a call ringing. */
async function startWithRingingCall(clock: ManualClock) {
  let relayPort = 0;
  const started = await demo.start({
    clock,
    pbx: { portasip: { accounts: { reception: 'secret-timing' } } },
    env: () => ({ [PASSWORD_ENV]: 'secret-timing' }),
    prepare: async (pbx) => {
      relay = await startSilentProxy({ host: pbx.portasip!.host, port: pbx.portasip!.port });
      relayPort = relay.port;
    },
    connection: (pbx) => {
      const url = new URL(pbx.portasip!.url);
      url.port = String(relayPort);
      return {
        vendor: 'portasip',
        id: 'ps',
        label: 'PortaSIP',
        url: url.toString(),
        login: 'reception',
        passwordEnv: PASSWORD_ENV,
        watch: [{ i_customer: pbx.portasip!.customerId }],
        reception: { number: '1100', label: 'Reception', billId: '37255501100' },
        extensions: [],
      };
    },
  });
  await ringIn(demo, started.pbx, '+3725123456');
  return started;
}

const callKnown = () => ringingCallKnown(demo.state());

describe('PortaSIP: how soon its calls become unknown', () => {
  it('a closed socket takes the calls out of reach at once (no clock time passes)', async () => {
    const clock = new ManualClock();
    const { pbx } = await startWithRingingCall(clock);
    expect(callKnown()).toBe(true);
    pbx.portasip!.faults.abruptClose();
    await demo.until(offline, 'offline after the socket closed', 2000);
    expect(callKnown()).toBe(false);
  });

  it('a PortaSIP that goes silent is noticed within one heartbeat period plus the time-out, and says so', async () => {
    const clock = new ManualClock();
    await startWithRingingCall(clock);
    relay!.silence();
    const took = await advanceUntil(clock, offline, { maxMs: 3 * DEFAULT_HEARTBEAT_MS });
    expect(took).toBeLessThanOrEqual(DEFAULT_HEARTBEAT_MS + DEFAULT_REQUEST_TIMEOUT_MS + 250);
    expect(status().detail?.key).toBe('transport.timeout');
    expect(english(status().detail!)).toMatch(/did not answer within 5 s/);
    expect(callKnown()).toBe(false);
  });
});
