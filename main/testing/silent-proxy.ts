/**
 * A TCP relay on loopback in front of a server, for link tests: `silence()`
 * makes the server go quiet the way a PBX behind a dead network path does —
 * every connection stays open, nothing more gets through either way, no
 * close, no reset; new connections are accepted and hear nothing too.
 * (The demo front ends' own faults refuse or cut; none of them is silent.)
 */
import net from 'node:net';
import { startTcpServer } from './tcp-server';

export interface SilentProxy {
  port: number;
  /** From now on nothing passes, in either direction, on any connection. */
  silence: () => void;
  close: () => Promise<void>;
}

export async function startSilentProxy(target: { host: string; port: number }): Promise<SilentProxy> {
  let silent = false;
  const upstreams = new Set<net.Socket>();
  const server = await startTcpServer((client) => {
    if (silent) return; // accepted, never answered
    const upstream = net.connect(target.port, target.host);
    upstreams.add(upstream);
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => {
      upstreams.delete(upstream);
      if (!silent) client.destroy();
    });
    client.on('close', () => {
      if (!silent) upstream.destroy();
    });
    client.on('data', (chunk) => {
      if (!silent) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!silent) client.write(chunk);
    });
  });
  return {
    port: server.port,
    silence: () => {
      silent = true;
    },
    close: async () => {
      for (const upstream of upstreams) upstream.destroy();
      await server.close();
    },
  };
}
