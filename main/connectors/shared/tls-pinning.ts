/**
 * Trusting a self-signed PBX certificate safely: by its pinned SHA-256
 * fingerprint, never by switching verification off. One implementation for
 * every TLS client of the product: an https.Agent works for HTTPS requests
 * and, through the `agent` option of `ws`, for wss:// WebSockets.
 *
 * The pin replaces chain validation (a self-signed certificate has no chain
 * to validate), so the check runs here, on every new connection (no TLS
 * session resumption), and the socket is handed to the request only after
 * the certificate matched: not one byte of a request, upgrade or password
 * reaches a server that shows another certificate.
 */
import { InvariantError } from '../../core/errors';
import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

export class CertificatePinError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificatePinError';
  }
}

/** "ab:cd…" / "ABCD…" → "AB:CD:…"; throws unless it is 32 bytes of hex. */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  if (hex.length !== 64) throw new InvariantError('A SHA-256 certificate fingerprint has 64 hex digits.');
  return hex.match(/../g)!.join(':');
}

/** Whether a connected TLS socket shows the pinned certificate. */
export function matchesPin(socket: tls.TLSSocket, pinned: string): { ok: boolean; presented: string } {
  const presented = socket.getPeerCertificate()?.fingerprint256 ?? '';
  return { ok: presented !== '' && presented.toUpperCase() === normalizeFingerprint(pinned), presented: presented || '(none)' };
}

/**
 * An https.Agent that accepts exactly the certificate with this SHA-256
 * fingerprint. `hostname` is sent as SNI unless it is an IP literal.
 */
export function createPinnedAgent(fingerprint256: string, hostname: string, agentOptions: https.AgentOptions = {}): https.Agent {
  const pinned = normalizeFingerprint(fingerprint256);
  const agent = new https.Agent({ ...agentOptions, maxCachedSessions: 0 });
  type Connect = (options: tls.ConnectionOptions, callback: (error: Error | null, socket?: Duplex) => void) => undefined;
  (agent as unknown as { createConnection: Connect }).createConnection = (options, callback) => {
    const socket = tls.connect({
      ...options,
      servername: options.servername ?? (isIpLiteral(hostname) ? undefined : hostname),
      rejectUnauthorized: false,
    });
    const onError = (error: Error) => callback(error);
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      socket.off('error', onError);
      const { ok, presented } = matchesPin(socket, pinned);
      if (ok) {
        callback(null, socket);
      } else {
        socket.destroy();
        callback(new CertificatePinError(`its SHA-256 fingerprint ${presented} is not the pinned ${pinned}`));
      }
    });
    return undefined;
  };
  return agent;
}

export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}
