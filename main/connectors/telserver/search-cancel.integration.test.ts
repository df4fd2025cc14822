/**
 * A directory search the console no longer waits for stops at TelServer too: replaced by the same client's newer
 * search, or past the search time limit, its request socket is closed before TelServer answers (counted at the
 * simulator's side), and a search that ran out of time is reported as that failure, never as an empty list.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { msg } from '../../../app/i18n/message';
import { waitUntil } from '../../../app/testing/wait-until';
import { systemClock } from '../../core/clock';
import { ConsoleService } from '../../core/console-service';
import { CONNECTORS } from '../../runtime/vendors';
import { createDemoDirectory } from '../../sim/shared/demo';
import { Switch } from '../../sim/shared/switch';
import { TelServerFrontEnd } from '../../sim/telserver/server';
import { memoryLogger } from '../../testing/memory-logger';
import { TransportError } from '../shared/transport-error';
import { TelServerClient } from './client';
import { TelServerConnector } from './connector';
import { demoTelServerConnection } from './demo-connection';

/** Long enough that only the console's own giving up can close a request's socket before the reply. */
const REPLY_DELAY_MS = 4000;

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

/** TelServer's front end on a switch with the demo's directory, and a console online to it. */
async function start(searchTimeoutMs: number) {
  const telserver = new TelServerFrontEnd({ switch: new Switch({ clock: systemClock, directory: createDemoDirectory() }) });
  stops.push(() => telserver.stop());
  const connection = demoTelServerConnection(await telserver.start(), {
    id: 'ts',
    label: 'Search TelServer',
    // The client's own request limit never closes the socket in these tests: only the search's cancellation does.
    requestTimeoutMs: 30_000,
  });
  const service = new ConsoleService({ connectors: [CONNECTORS.connectorFor(connection, 'EE')], log: memoryLogger(), searchTimeoutMs });
  stops.push(() => service.stop());
  service.start();
  await waitUntil(() => service.getState().connections.ts?.state === 'online', 'online');
  // The connect's own requests done: from here every connection TelServer sees is a search's.
  await waitUntil(() => telserver.connections.open === 0, 'the connect requests closed');
  telserver.faults.delayReplies(REPLY_DELAY_MS);
  return { telserver, service };
}

it('closes a superseded search socket at TelServer before TelServer answers it', async () => {
  const { telserver, service } = await start(30_000);
  const older = service.searchDirectory({ text: 'Mar' }, 'bridge:1');
  await waitUntil(() => telserver.connections.open === 1, 'the older search at TelServer');
  const newer = service.searchDirectory({ text: 'Mart' }, 'bridge:1');
  expect(await older).toEqual({ entries: [], vendorsPending: false, failures: [], superseded: true });
  await waitUntil(() => telserver.connections.closedBeforeReply === 1, 'the older search socket closed before its reply', undefined, 2000);
  // The newer one goes on, and is answered.
  telserver.faults.delayReplies(0);
  expect((await newer).entries.map((e) => e.name)).toContain('Martin Jagger');
});

it('reports a search past its time limit as that failure, and closes its socket at TelServer', async () => {
  const { telserver, service } = await start(300);
  const answer = await service.searchDirectory({ text: 'Mar' });
  expect(answer.failures).toEqual([
    { source: 'Search TelServer', error: msg('directory.vendorTimeout', { source: 'Search TelServer', seconds: 0.3 }) },
  ]);
  await waitUntil(
    () => telserver.connections.closedBeforeReply === 1,
    'the timed-out search socket closed before its reply',
    undefined,
    2000,
  );
  expect(telserver.connections.open).toBe(0);
});

it('a search TelServer answers with another kind of result fails, saying so, instead of answering no matches', async () => {
  vi.spyOn(TelServerClient.prototype, 'request').mockResolvedValue({ type: 'standard' });
  const connection = demoTelServerConnection({ host: '127.0.0.1', port: 9 }, { id: 'ts', label: 'Search TelServer' });
  const host = {
    emit: () => {},
    link: () => {},
    factsChanged: () => {},
    storedPassword: async () => undefined,
    log: memoryLogger(),
    clock: systemClock,
  };
  const connector = new TelServerConnector(connection, host, 'EE');
  const error = await connector.searchDirectory('Mar', 10, new AbortController().signal).catch((e: unknown) => e);
  vi.restoreAllMocks();
  expect(error).toBeInstanceOf(TransportError);
  expect(String(error)).toContain('a standard result to a directory search');
  expect((error as TransportError).text.params?.reason).toEqual(msg('telserver.wrongResult.search', { type: 'standard' }));
});
