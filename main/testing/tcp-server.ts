/** A scripted TCP server on loopback, for transport tests. */
import net from 'node:net';

export interface TestTcpServer {
  port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Destroys every open connection and stops listening. */
  close: () => Promise<void>;
}

/**
 * A TCP server on 127.0.0.1, port 0; `onConnection` scripts what each
 * connection sees and may be async (a failure it throws is the test's, as
 * an unhandled rejection).
 */
export async function startTcpServer(onConnection: (socket: net.Socket) => void | Promise<void>): Promise<TestTcpServer> {
  const sockets = new Set<net.Socket>();
  const state = { connections: 0 };
  const server = net.createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    void onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
