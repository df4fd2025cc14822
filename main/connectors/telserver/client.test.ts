import type net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { msg } from '../../../app/i18n/message';
import { createTranslator } from '../../../app/i18n/translator';
import { readRequest } from '../../testing/fake-telserver';
import { startTcpServer, type TestTcpServer } from '../../testing/tcp-server';
import { TransportError } from '../shared/transport-error';
import { TelServerClient, TelServerError } from './client';
import { encodeReturn } from './codec';
import type { TsRequest } from './messages';

const makeCall: TsRequest = { type: 'makeCall', deviceNumber: '1101', calledDeviceNumber: '1102' };
const STANDARD = '<TelServiceReturn>\n  <result>\n    <standard/>\n  </result>\n</TelServiceReturn>';
const t = createTranslator('en');

let servers: TestTcpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function server(onConnection: (socket: net.Socket) => void | Promise<void>) {
  const s = await startTcpServer(onConnection);
  servers.push(s);
  return s;
}

function client(port: number, more: Partial<ConstructorParameters<typeof TelServerClient>[0]> = {}) {
  return new TelServerClient({ host: '127.0.0.1', port, requestTimeoutMs: 1000, ...more });
}

async function transportError(promise: Promise<unknown>): Promise<TransportError> {
  const err = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TransportError);
  return err as TransportError;
}

const writeSlowly = async (socket: net.Socket, bytes: Buffer) => {
  socket.setNoDelay(true);
  for (const byte of bytes) {
    socket.write(Buffer.from([byte]));
    await new Promise((r) => setImmediate(r));
  }
};

describe('TelServerClient', () => {
  it('sends the encoded request on its own connection and resolves with the result', async () => {
    const received: string[] = [];
    const s = await server(async (socket) => {
      received.push(await readRequest(socket));
      socket.end(STANDARD);
    });
    const c = client(s.port);
    await expect(c.request(makeCall)).resolves.toEqual({ type: 'standard' });
    await expect(c.request({ type: 'queryDoNotDisturb', deviceNumber: '1101' })).resolves.toEqual({ type: 'standard' });
    expect(received[0]).toBe(
      '<TelServiceRequest><makeCall><deviceNumber>1101</deviceNumber><calledDeviceNumber>1102</calledDeviceNumber></makeCall></TelServiceRequest>',
    );
    expect(s.connections).toBe(2);
  });

  it('appends endOfPdu to the request and ends the reply at it, even if the connection stays open', async () => {
    const received: string[] = [];
    const s = await server(async (socket) => {
      received.push(await readRequest(socket, '\0'));
      socket.write(`${STANDARD.replace('<standard/>', '<msgWaiting><on/></msgWaiting>')}\0`);
      // stays open
    });
    const result = await client(s.port, { endOfPdu: '\0' }).request({ type: 'queryMsgWaiting', deviceNumber: '1101' });
    expect(result).toEqual({ type: 'msgWaiting', state: 'on' });
    expect(received[0].endsWith('</TelServiceRequest>\0')).toBe(true);
  });

  it('finds a multi-character endOfPdu split across chunks', async () => {
    const s = await server(async (socket) => {
      await readRequest(socket, '#END#');
      await writeSlowly(socket, Buffer.from(`${STANDARD}#END#`));
    });
    await expect(client(s.port, { endOfPdu: '#END#' }).request(makeCall)).resolves.toEqual({ type: 'standard' });
  });

  it('reads a reply arriving one byte at a time, with multi-byte UTF-8 split across chunks', async () => {
    const reply = encodeReturn({
      kind: 'result',
      result: { type: 'searchDirectory', parties: [{ number: '+3726401234', name: 'Jüri Õunapuu 📞' }] },
    });
    const s = await server(async (socket) => {
      await readRequest(socket);
      await writeSlowly(socket, Buffer.from(reply, 'utf8'));
      socket.end();
    });
    await expect(client(s.port).request({ type: 'searchName', name: 'Jüri' })).resolves.toEqual({
      type: 'searchDirectory',
      parties: [{ number: '+3726401234', name: 'Jüri Õunapuu 📞' }],
    });
  });

  it('resolves on a complete reply although the server keeps the connection open', async () => {
    const s = await server(async (socket) => {
      await readRequest(socket);
      socket.write(`${STANDARD}\n`);
    });
    const started = Date.now();
    await expect(client(s.port, { requestTimeoutMs: 3000 }).request(makeCall)).resolves.toEqual({ type: 'standard' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('rejects an <error> with TelServerError carrying the code and its catalog message', async () => {
    const s = await server(async (socket) => {
      await readRequest(socket);
      socket.end('<TelServiceReturn><error><noCall/></error></TelServiceReturn>');
    });
    const err = await client(s.port)
      .request(makeCall)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelServerError);
    expect((err as TelServerError).code).toBe('noCall');
    expect((err as TelServerError).text).toEqual(msg('telserver.error.noCall'));
    expect(t((err as TelServerError).text)).toBe('No call in the right state for that.');
  });

  it('reports a reply cut mid-XML as truncated', async () => {
    const s = await server(async (socket) => {
      await readRequest(socket);
      socket.end('<TelServiceReturn><result><sta');
    });
    const err = await transportError(client(s.port).request(makeCall));
    expect(err.kind).toBe('truncated');
    expect(err.text).toEqual(msg('transport.truncated', { server: `TelServer 127.0.0.1:${s.port}` }));
  });

  it('reports a connection closed without a reply as closed', async () => {
    const s = await server(async (socket) => {
      await readRequest(socket);
      socket.end();
    });
    const err = await transportError(client(s.port).request(makeCall));
    expect(err.kind).toBe('closed');
    expect(err.text).toEqual(msg('transport.closed', { server: `TelServer 127.0.0.1:${s.port}` }));
  });

  it('reports a complete but unintelligible reply as malformed', async () => {
    const s = await server(async (socket) => {
      await readRequest(socket);
      socket.end('<TelServiceReturn><result><bogus/></result></TelServiceReturn>');
    });
    const err = await transportError(client(s.port).request(makeCall));
    expect(err.kind).toBe('malformed');
    expect(err.text).toEqual(
      msg('transport.malformed', { server: `TelServer 127.0.0.1:${s.port}`, reason: expect.stringMatching(/unknown result "bogus"/) }),
    );
  });

  it('reports something that is not XML as malformed', async () => {
    const s = await server(async (socket) => {
      await readRequest(socket);
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    const err = await transportError(client(s.port).request(makeCall));
    expect(err.kind).toBe('malformed');
    // Why, in the catalog's words: a German receptionist reads no English inside the German sentence.
    expect(err.text).toEqual(
      msg('transport.malformed', { server: `TelServer 127.0.0.1:${s.port}`, reason: msg('telserver.notTelServices') }),
    );
    expect(createTranslator('de')(err.text)).toMatch(/nicht lesen kann \(es ist keine TelServices-Antwort\)\.$/);
  });

  it('reports invalid UTF-8 as malformed', async () => {
    const s = await server(async (socket) => {
      await readRequest(socket);
      socket.end(
        Buffer.concat([
          Buffer.from('<TelServiceReturn><result><qualifyCall><number>1</number><name>'),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('</name></qualifyCall></result></TelServiceReturn>'),
        ]),
      );
    });
    const err = await transportError(client(s.port).request(makeCall));
    expect(err.kind).toBe('malformed');
    expect(err.text.params?.reason).toEqual(msg('telserver.invalidUtf8'));
  });

  it('reports a refused connection, naming host and port', async () => {
    const s = await server(() => {});
    const port = s.port;
    await s.close();
    servers = [];
    const err = await transportError(client(port).request(makeCall));
    expect(err.kind).toBe('refused');
    expect(err.text).toEqual(msg('transport.refused', { server: `TelServer 127.0.0.1:${port}` }));
    expect(t(err.text)).toContain(`127.0.0.1:${port}`);
  });

  it('times out when no answer comes', async () => {
    const s = await server(() => {});
    const started = Date.now();
    const err = await transportError(client(s.port, { requestTimeoutMs: 200 }).request(makeCall));
    expect(err.kind).toBe('timeout');
    expect(err.text).toEqual(msg('transport.timeout', { server: `TelServer 127.0.0.1:${s.port}`, seconds: 0.2 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('times out on an answer that never completes, though bytes keep trickling', async () => {
    const s = await server(async (socket) => {
      await readRequest(socket);
      socket.write('<TelServiceReturn><result>');
    });
    expect((await transportError(client(s.port, { requestTimeoutMs: 200 }).request(makeCall))).kind).toBe('timeout');
  });

  it('refuses a reply larger than maxReplyBytes, without waiting for its end', async () => {
    const s = await server(async (socket) => {
      await readRequest(socket);
      socket.write(`<TelServiceReturn><result><userStatistics><total><x>${'9'.repeat(64 * 1024)}`);
      // never finishes
    });
    const err = await transportError(client(s.port, { maxReplyBytes: 16 * 1024, requestTimeoutMs: 3000 }).request(makeCall));
    expect(err.kind).toBe('too-large');
    expect(err.text.params?.limit).toBe(16384);
    expect(t(err.text)).toContain('16384');
  });

  it('refuses a reply larger than the 1 MiB default', async () => {
    const s = await server(async (socket) => {
      await readRequest(socket);
      socket.end(
        `<TelServiceReturn><result><userStatistics><total><x>${'9'.repeat(1024 * 1024)}</x></total></userStatistics></result></TelServiceReturn>`,
      );
    });
    expect((await transportError(client(s.port).request(makeCall))).kind).toBe('too-large');
  });

  it('reports a connection reset after connecting as reset', async () => {
    const s = await server(async (socket) => {
      await readRequest(socket);
      socket.write('<TelServiceReturn>');
      // Let the bytes go out first; resetting at once can turn into a plain close on loopback.
      setTimeout(() => socket.resetAndDestroy(), 50);
    });
    const err = await transportError(client(s.port).request(makeCall));
    expect(err.kind).toBe('reset');
    expect(err.text.key).toBe('transport.reset');
  });
  it('closes the connection at once when the signal fires, and rejects with its reason, not a late reply', async () => {
    let closed: ((answeredFirst: boolean) => void) | undefined;
    const serverSawClose = new Promise<boolean>((resolve) => (closed = resolve));
    let requestRead: (() => void) | undefined;
    const read = new Promise<void>((resolve) => (requestRead = resolve));
    const s = await server(async (socket) => {
      let answered = false;
      socket.on('close', () => closed?.(answered));
      await readRequest(socket);
      requestRead?.();
      // TelServer still working on it: the reply would come long after.
      setTimeout(() => {
        answered = true;
        socket.end(STANDARD);
      }, 2000).unref();
    });
    const controller = new AbortController();
    const pending = client(s.port, { requestTimeoutMs: 10_000 })
      .request(makeCall, { signal: controller.signal })
      .catch((e: unknown) => e);
    await read;
    const reason = new Error('replaced by a newer search');
    controller.abort(reason);
    expect(await pending).toBe(reason);
    // Closed by the console, before TelServer answered.
    expect(await serverSawClose).toBe(false);
  });

  it('opens no connection for a request whose signal fired already', async () => {
    const s = await server(() => {});
    const reason = new Error('replaced');
    await expect(client(s.port).request(makeCall, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(s.connections).toBe(0);
  });
});
