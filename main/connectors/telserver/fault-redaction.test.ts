/**
 * A TelServer whose reply the codec cannot read quotes what it sent in the
 * codec's error (an unknown value, an element's name). When that echoes the
 * line's credentials, the receptionist's message and every log line get the
 * text with the password redacted (plain, Base64 of user:password,
 * URL-encoded) and bounded.
 */
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../app/testing/wait-until';
import { ManualClock } from '../../../app/testing/manual-clock';
import { ConsoleError } from '../../core/errors';
import { readRequest } from '../../testing/fake-telserver';
import { memoryLogger } from '../../testing/memory-logger';
import { ECHOED_PASSWORD, echoingFault, expectNoEchoedSecret } from '../../testing/secret-echo';
import { startTcpServer, type TestTcpServer } from '../../testing/tcp-server';
import { FAULT_TEXT_LIMIT, PeerFaultText } from '../shared/peer-fault-text';
import { escapeXml } from '../shared/xml';
import { TelServerConnector } from './connector';
import { TelServerEventListener } from './event-listener';

const USER = 'reception';
let server: TestTcpServer | undefined;
let connector: TelServerConnector | undefined;

afterEach(async () => {
  await connector?.disconnect();
  connector = undefined;
  await server?.close();
  server = undefined;
});

/** A TelServer that answers every request (openSession first) with `reply`. */
async function telServer(reply: string): Promise<number> {
  server = await startTcpServer(async (socket) => {
    await readRequest(socket);
    socket.end(reply);
  });
  return server.port;
}

/** A reply whose doNotDisturb state is `text`: not a state, so the codec quotes it. */
const oddState = (text: string) => `<TelServiceReturn><result><doNotDisturb>${escapeXml(text)}</doNotDisturb></result></TelServiceReturn>`;

async function connectTo(port: number) {
  const log = memoryLogger();
  connector = new TelServerConnector(
    {
      vendor: 'telserver',
      id: 'ts',
      label: 'TelServer',
      host: '127.0.0.1',
      port,
      events: { bindAddress: '127.0.0.1', port: 0 },
      lines: [{ device: '1100', label: 'Reception', userId: USER }],
    },
    { emit: () => {}, link: () => {}, factsChanged: () => {}, storedPassword: async () => ECHOED_PASSWORD, log, clock: new ManualClock() },
    'EE',
  );
  const error = await connector.connect().then(
    () => expect.fail('a TelServer that answers nonsense cannot be connected to'),
    (e: unknown) => e,
  );
  if (!(error instanceof ConsoleError)) return expect.fail(`a ConsoleError, not ${String(error)}`);
  return { error, log };
}

describe('TelServer error texts', () => {
  it("a reply quoting the line's password reaches neither the message nor the log with it in any echoed form", async () => {
    const { error, log } = await connectTo(await telServer(oddState(echoingFault(USER))));
    expect(error.text.key).toBe('transport.malformed');
    expect(error.text.params?.reason).toContain(`login ${USER} refused`);
    expectNoEchoedSecret([error.text, error.message, error.cause, log.entries], USER);
  });

  it('a 100 KB text the codec quotes is cut to the limit', async () => {
    const { error } = await connectTo(await telServer(oddState(`refused ${'x'.repeat(100 * 1024)}`)));
    const reason = error.text.params?.reason;
    if (typeof reason !== 'string') return expect.fail('the reason quotes the reply');
    expect(reason).toContain('refused xxx');
    expect(reason.length).toBeLessThanOrEqual(FAULT_TEXT_LIMIT);
  });

  it('an event datagram quoting the password is dropped with a log line that does not', async () => {
    const log = memoryLogger();
    const listener = new TelServerEventListener({
      bindAddress: '127.0.0.1',
      faultText: new PeerFaultText([{ username: USER, password: ECHOED_PASSWORD }]),
      log,
    });
    const port = await listener.start();
    const sender = dgram.createSocket('udp4');
    try {
      const datagram = `<TelServiceEvent><event><doNotDisturb>${escapeXml(echoingFault(USER))}</doNotDisturb></event></TelServiceEvent>`;
      await new Promise<void>((resolve, reject) =>
        sender.send(datagram, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
      );
      await waitUntil(() => log.entries.length > 1, 'the drop is logged');
      const drop = log.entries.find((e) => e.message.startsWith('Dropped a TelServer event datagram'));
      expect(drop?.message).toContain(`login ${USER} refused`);
      expectNoEchoedSecret([log.entries], USER);
    } finally {
      sender.close();
      await listener.close();
    }
  });
});
