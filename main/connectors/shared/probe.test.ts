import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { msg } from '../../../app/i18n/message';
import { probeTcp, probeUrl } from './probe';
import { TransportError } from './transport-error';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listening(): Promise<{ port: number; accepted: () => number }> {
  let count = 0;
  const server = createServer((socket) => {
    count++;
    socket.destroy();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new TypeError('no address');
  return { port: address.port, accepted: () => count };
}

async function freePort(): Promise<number> {
  const { port } = await listening();
  await new Promise((resolve) => servers.pop()?.close(resolve));
  return port;
}

describe('probing a PBX', () => {
  it('answers when the port listens, and only connects (sends nothing)', async () => {
    const { port, accepted } = await listening();
    await expect(probeTcp('127.0.0.1', port, 'PBX')).resolves.toBeUndefined();
    await expect(probeUrl(`wss://127.0.0.1:${port}/ws`)).resolves.toBeUndefined();
    await expect.poll(accepted).toBe(2);
  });

  it('rejects with a transport error when nothing listens, or the URL is no URL', async () => {
    const port = await freePort();
    await expect(probeTcp('127.0.0.1', port, 'PBX')).rejects.toMatchObject({ kind: 'refused' });
    await expect(probeUrl('not a url')).rejects.toBeInstanceOf(TransportError);
    // The reason is the catalog's, like the sentence around it.
    await expect(probeUrl('not a url')).rejects.toMatchObject({
      text: msg('transport.unreachable', { server: 'not a url', reason: msg('transport.notAUrl') }),
    });
  });

  it('gives up after its timeout on a host that never answers', async () => {
    // 192.0.2.0/24 (TEST-NET-1) is never routed: the connect neither succeeds nor fails.
    const started = Date.now();
    await expect(probeTcp('192.0.2.1', 9, 'PBX', 200)).rejects.toBeInstanceOf(TransportError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
