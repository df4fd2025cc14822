/**
 * A disconnect while a connect is still under way leaves no innovaphone session behind: not even when it comes
 * while the password is being read, before the connect has a client the disconnect could close.
 */
import { afterEach, expect, it } from 'vitest';
import { ManualClock } from '../../../app/testing/manual-clock';
import type { InnovaphoneConnectionConfig } from '../../../app/vendors';
import { startDemoPbx } from '../../sim';
import { memoryLogger } from '../../testing/memory-logger';
import { InnovaphoneConnector } from './connector';

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

it('opens no PBX session when it was disconnected while the password was still being read', async () => {
  const pbx = await startDemoPbx({ vendors: ['innovaphone'], mode: 'manual', innovaphone: { accounts: { Reception: 'right' } } });
  stops.push(() => pbx.stop());
  const config: InnovaphoneConnectionConfig = {
    vendor: 'innovaphone',
    id: 'ip',
    label: 'innovaphone',
    url: pbx.innovaphone!.url,
    username: 'Reception',
    lines: [{ cn: 'Reception', label: 'Reception' }],
  };
  const slowKeychain = () => new Promise<string>((resolve) => setTimeout(() => resolve('right'), 200));
  const host = {
    emit: () => {},
    link: () => {},
    factsChanged: () => {},
    storedPassword: slowKeychain,
    log: memoryLogger(),
    clock: new ManualClock(),
  };
  const connector = new InnovaphoneConnector(config, host, 'EE');
  const connecting = connector.connect();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await connector.disconnect();
  await connecting;
  expect(pbx.innovaphone!.sessionCount()).toBe(0);
  expect(connector.statusFacts()).toEqual([]);
});
