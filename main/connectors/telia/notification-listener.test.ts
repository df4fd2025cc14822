/**
 * Telia's notification listener under load from elsewhere: a source that is not allowed gets no socket, a client
 * that drips its request is cut off within seconds, and the sockets anyone can hold are bounded.
 */
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { memoryLogger } from '../../testing/memory-logger';
import { MAX_NOTIFICATION_CONNECTIONS, NotificationListener } from './notification-listener';

let listener: NotificationListener | undefined;
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await listener?.stop();
  listener = undefined;
});

async function listen(allowedSources?: string[]): Promise<number> {
  listener = new NotificationListener({
    bindAddress: '127.0.0.1',
    port: 0,
    allowedSources,
    secret: 's3cret',
    log: memoryLogger(),
    onNotification: () => {},
  });
  return Number(new URL(await listener.start()).port);
}

/** A raw connection to the listener, and when the listener closed it (ms after it opened, or undefined while open). */
function connection(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  sockets.push(socket);
  const opened = Date.now();
  const state: { closedAfter?: number } = {};
  socket.on('error', () => {});
  socket.on('close', () => (state.closedAfter = Date.now() - opened));
  return { socket, state };
}

const until = async (condition: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; !condition() && Date.now() < end;) await new Promise((resolve) => setTimeout(resolve, 20));
};

it('closes at once every connection from a source that is not allowed, before it sends anything', async () => {
  const port = await listen(['10.9.9.9']);
  const idle = Array.from({ length: 20 }, () => connection(port));
  await until(() => idle.every((c) => c.state.closedAfter !== undefined), 2000);
  expect(idle.every((c) => c.state.closedAfter !== undefined && c.state.closedAfter < 1000)).toBe(true);
  expect(listener?.stats.rejected).toBe(20);
});

it('cuts off an allowed client that drips its request within a few seconds, not half a minute', async () => {
  const port = await listen(['127.0.0.1']);
  const slow = connection(port);
  slow.socket.write('GET /telia-notify/s3cret?x');
  const drip = setInterval(() => slow.socket.writable && slow.socket.write('a'), 500);
  try {
    await until(() => slow.state.closedAfter !== undefined, 9000);
  } finally {
    clearInterval(drip);
  }
  expect(slow.state.closedAfter).toBeLessThan(8000);
}, 15_000);

it('holds no more than its connection limit open at once', async () => {
  const port = await listen();
  const many = Array.from({ length: MAX_NOTIFICATION_CONNECTIONS + 20 }, () => connection(port));
  await until(() => many.filter((c) => c.state.closedAfter !== undefined).length >= 20, 3000);
  expect(many.filter((c) => c.state.closedAfter === undefined).length).toBeLessThanOrEqual(MAX_NOTIFICATION_CONNECTIONS);
});
