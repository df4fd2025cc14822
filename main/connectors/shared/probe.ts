/**
 * Whether a PBX answers at all: a TCP connect to its port, closed as soon
 * as it is made — no TLS handshake, no session, no login, so it costs the
 * PBX next to nothing and can run every half second while a connection is
 * offline (main/core/supervisor.ts). A listening port is the honest sign
 * that the server process is back; the session attempt that follows says
 * whether it works.
 */
import { connect } from 'node:net';
import { msg } from '../../../app/i18n/message';
import { socketFailure, TransportError } from './transport-error';

/** Long enough for a slow network, short enough that one probe never overlaps the next for long. */
export const PROBE_TIMEOUT_MS = 1_000;

export function probeTcp(host: string, port: number, server: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new TransportError('timeout', server, { seconds: timeoutMs / 1000 }));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(socketFailure(server, error, false));
    });
  });
}

const DEFAULT_PORT: Record<string, number> = { 'http:': 80, 'ws:': 80, 'https:': 443, 'wss:': 443 };

/** The TCP probe of a URL's host and port (the scheme's default port when it names none). */
export function probeUrl(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  const port = parsed ? Number(parsed.port) || DEFAULT_PORT[parsed.protocol] : undefined;
  if (!parsed || port === undefined) return Promise.reject(new TransportError('unreachable', url, { reason: msg('transport.notAUrl') }));
  // URL keeps an IPv6 host in brackets; net.connect wants it bare.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return probeTcp(host, port, parsed.origin, timeoutMs);
}
