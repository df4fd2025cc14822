/**
 * A Telia directory search whose phonebook copy is old waits for the shared phonebook read first; once its signal
 * fires it stops waiting at once and rejects with the signal's reason (the read itself is shared and may go on).
 * The console's clock is a ManualClock, so the search's own wait for the read never ends by time here.
 */
import { afterEach, expect, it } from 'vitest';
import { ManualClock } from '../../../app/testing/manual-clock';
import { waitUntil } from '../../../app/testing/wait-until';
import type { TeliaConnectionConfig } from '../../../app/vendors';
import type { Connector } from '../../core/connector';
import { ConsoleService } from '../../core/console-service';
import { CONNECTORS } from '../../runtime/vendors';
import { startDemoPbx } from '../../sim';
import { memoryLogger } from '../../testing/memory-logger';
import { SEARCH_FRESHNESS_MS } from './connector';

const PASSWORD_ENV = 'TELIA_SEARCH_CANCEL_PASSWORD';

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
  delete process.env[PASSWORD_ENV];
});

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

it('stops waiting for the phonebook read when the search is aborted', async () => {
  const pbx = await startDemoPbx({ vendors: ['telia'], mode: 'manual' });
  stops.push(() => pbx.stop());
  const telia = pbx.telia!;
  process.env[PASSWORD_ENV] = telia.password;
  const config: TeliaConnectionConfig = {
    vendor: 'telia',
    id: 'tl',
    label: 'Telia',
    username: telia.username,
    passwordEnv: PASSWORD_ENV,
    servicesUrl: telia.servicesUrl,
    phonebookUrl: telia.phonebookUrl,
    tlsFingerprint256: telia.fingerprint256,
    country: 'EE',
    requestTimeoutMs: 30_000,
    phonebookRefreshSeconds: 3600,
    notifications: { mode: 'listen', bindAddress: '127.0.0.1', port: 0, allowedSources: ['127.0.0.1'] },
  };
  const clock = new ManualClock();
  const factory = CONNECTORS.connectorFor(config, 'EE');
  let made: Connector | undefined;
  const service = new ConsoleService({ connectors: [(host) => (made = factory(host))], log: memoryLogger(), clock });
  stops.push(() => service.stop());
  service.start();
  await waitUntil(() => service.getState().connections.tl?.state === 'online', 'online');
  const connector = made!;

  // The copy read at connect is now too old: the search reads the phonebook first, and Telia does not answer.
  await clock.advance(SEARCH_FRESHNESS_MS + 1);
  telia.faults.setHttpFault('hang', 1);
  const controller = new AbortController();
  let outcome: unknown = 'still waiting';
  void connector.searchDirectory('Tamm', 5, controller.signal).then(
    (entries) => (outcome = entries),
    (error: unknown) => (outcome = error),
  );
  await turns(5);
  expect(outcome).toBe('still waiting');
  const reason = new Error('replaced by a newer search');
  controller.abort(reason);
  await turns(2);
  expect(outcome).toBe(reason);
});
