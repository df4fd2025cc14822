/**
 * A disconnect while a connect is still opening its sessions: the attempt closes what it opened (closeSession is
 * sent, the keepalive stops) instead of leaving a live TelServer session nobody holds.
 */
import { afterEach, expect, it } from 'vitest';
import type { TelServerConnectionConfig } from '../../../app/vendors';
import { systemClock } from '../../core/clock';
import { startFakeTelServer, standardResult } from '../../testing/fake-telserver';
import { memoryLogger } from '../../testing/memory-logger';
import { TelServerConnector } from './connector';
import type { TsSnapshot } from './messages';

const SNAPSHOT = { calls: [], forwards: [], msgWaiting: 'off', doNotDisturb: 'off' } as unknown as TsSnapshot;

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

it('closes the session a connect opened after the connection was disconnected, and keeps it alive no more', async () => {
  const server = await startFakeTelServer(async (request) => {
    if (request.type === 'openSession') await new Promise((resolve) => setTimeout(resolve, 200));
    return request.type === 'snapshot' ? { kind: 'result', result: { type: 'snapshot', snapshot: SNAPSHOT } } : standardResult;
  });
  stop = () => server.close();
  const config: TelServerConnectionConfig = {
    vendor: 'telserver',
    id: 'x',
    label: 'X',
    host: '127.0.0.1',
    port: server.port,
    requestTimeoutMs: 1000,
    keepaliveSeconds: 1,
    lines: [{ device: '1100' }],
  };
  const events: unknown[] = [];
  const connector = new TelServerConnector(
    config,
    { emit: (event) => events.push(event), link: () => {}, factsChanged: () => {}, log: memoryLogger(), clock: systemClock },
    'EE',
  );
  const connecting = connector.connect();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await connector.disconnect();
  await connecting;
  expect(server.requests.map((request) => request.type)).toEqual(['openSession', 'closeSession']);
  await new Promise((resolve) => setTimeout(resolve, 1300));
  expect(server.requests.map((request) => request.type)).toEqual(['openSession', 'closeSession']);
  expect(events).toEqual([]);
});
