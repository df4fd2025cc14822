/**
 * A directory search the console no longer waits for asks the innovaphone PBX for nothing more: once its signal
 * fires, the FindUser page on its way is not read and no further page is fetched (counted by a relay in front of
 * the demo PBX, which holds the first page back until the test has aborted the search).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { ManualClock } from '../../../app/testing/manual-clock';
import { waitUntil } from '../../../app/testing/wait-until';
import type { InnovaphoneConnectionConfig } from '../../../app/vendors';
import type { Connector } from '../../core/connector';
import { ConsoleService } from '../../core/console-service';
import { ConsoleError } from '../../core/errors';
import { CONNECTORS } from '../../runtime/vendors';
import { startDemoPbx } from '../../sim';
import { memoryLogger } from '../../testing/memory-logger';
import { InnovaphoneConnector } from './connector';

const PASSWORD_ENV = 'INNOVAPHONE_SEARCH_CANCEL_PASSWORD';

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
  delete process.env[PASSWORD_ENV];
});

/** An HTTP relay to `target` that counts FindUser requests and holds each one back while `hold` is set. */
async function findUserRelay(target: URL) {
  const relay = { findUsers: 0, hold: false, held: [] as (() => void)[] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const forward = () => {
        const upstream = http.request(
          { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
          (reply) => {
            res.writeHead(reply.statusCode ?? 502, reply.headers);
            reply.pipe(res);
          },
        );
        upstream.on('error', () => res.destroy());
        upstream.end(body);
      };
      if (!body.includes('FindUser')) return forward();
      relay.findUsers++;
      if (relay.hold) relay.held.push(forward);
      else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const url = new URL(target);
  url.port = String((server.address() as AddressInfo).port);
  return { relay, url: url.toString() };
}

it('fetches no further FindUser page once the search is aborted, and rejects with the abort reason', async () => {
  const pbx = await startDemoPbx({
    vendors: ['innovaphone'],
    mode: 'manual',
    innovaphone: { accounts: { Reception: 'right' }, extraUsers: 50 },
  });
  stops.push(() => pbx.stop());
  const { relay, url } = await findUserRelay(new URL(pbx.innovaphone!.url));
  process.env[PASSWORD_ENV] = 'right';
  const config: InnovaphoneConnectionConfig = {
    vendor: 'innovaphone',
    id: 'ip',
    label: 'innovaphone',
    url,
    username: 'Reception',
    passwordEnv: PASSWORD_ENV,
    lines: [{ cn: 'Reception', label: 'Reception' }],
  };
  const factory = CONNECTORS.connectorFor(config, 'EE');
  let made: Connector | undefined;
  const service = new ConsoleService({ connectors: [(host) => (made = factory(host))], log: memoryLogger() });
  stops.push(() => service.stop());
  service.start();
  await waitUntil(() => service.getState().connections.ip?.state === 'online', 'online');
  const connector = made!;

  // Unheld, the same search takes three pages: 45 of the 50 extensions from 2000.
  expect(await connector.searchDirectory('20', 45, new AbortController().signal)).toHaveLength(45);
  expect(relay.findUsers).toBe(3);

  relay.findUsers = 0;
  relay.hold = true;
  const controller = new AbortController();
  const search = connector.searchDirectory('20', 45, controller.signal).catch((e: unknown) => e);
  await waitUntil(() => relay.findUsers === 1, 'the first page asked for');
  const reason = new Error('replaced by a newer search');
  controller.abort(reason);
  relay.hold = false;
  for (const forward of relay.held.splice(0)) forward();
  expect(await search).toBe(reason);
  expect(relay.findUsers).toBe(1);
});

it('a search that starts after the session is gone fails, saying the connection went offline, instead of answering no matches', async () => {
  const config: InnovaphoneConnectionConfig = {
    vendor: 'innovaphone',
    id: 'ip',
    label: 'innovaphone',
    url: 'http://127.0.0.1:9/PBX0/user.soap',
    username: 'Reception',
    lines: [{ cn: 'Reception', label: 'Reception' }],
  };
  const host = {
    emit: () => {},
    link: () => {},
    factsChanged: () => {},
    storedPassword: async () => 'pw',
    log: memoryLogger(),
    clock: new ManualClock(),
  };
  const connector = new InnovaphoneConnector(config, host, 'EE');
  const error = await connector.searchDirectory('Anna', 10, new AbortController().signal).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConsoleError);
  expect((error as ConsoleError).text).toMatchObject({ key: 'directory.vendorOffline' });
});
