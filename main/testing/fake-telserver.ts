/**
 * Small in-test stand-ins for a TelServer, for the TelServer transport and
 * session tests (the demo PBX, in main/sim, is the whole product's).
 */
import type net from 'node:net';
import { decodeRequest, encodeReturn } from '../connectors/telserver/codec';
import type { TsRequest, TsReturn } from '../connectors/telserver/messages';
import { startTcpServer } from './tcp-server';

/** Reads one request from a connection: up to `</TelServiceRequest>` and the end-of-PDU sequence, if any. */
export function readRequest(socket: net.Socket, endOfPdu = ''): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('</TelServiceRequest>');
      if (end >= 0 && text.length >= end + '</TelServiceRequest>'.length + endOfPdu.length) {
        socket.off('data', onData);
        resolve(text);
      }
    };
    socket.on('data', onData);
  });
}

/** How the fake TelServer treats one request: a reply, or hang up without one (a transport failure). */
export type FakeTelServerAnswer = TsReturn | 'hang-up';

export interface FakeTelServer {
  port: number;
  /** Every request received, decoded, in order. */
  requests: TsRequest[];
  close: () => Promise<void>;
}

/** A TelServer that answers each request through `answer` and closes, as the real one does. */
export async function startFakeTelServer(
  answer: (request: TsRequest) => FakeTelServerAnswer | Promise<FakeTelServerAnswer>,
): Promise<FakeTelServer> {
  const requests: TsRequest[] = [];
  const server = await startTcpServer(async (socket) => {
    const request = decodeRequest(await readRequest(socket));
    requests.push(request);
    const reply = await answer(request);
    if (reply === 'hang-up') socket.destroy();
    else socket.end(encodeReturn(reply));
  });
  return { port: server.port, requests, close: server.close };
}

export const standardResult: TsReturn = { kind: 'result', result: { type: 'standard' } };
