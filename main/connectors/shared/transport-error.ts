/**
 * The one way a transport fails, for every vendor: no usable answer came
 * from the server (refused, timed out, cut off, unreadable, too large, TLS
 * not trusted, an HTTP status, credentials refused). `kind` is for code
 * that decides (retry, re-login); the message names the server and says what
 * happened in the catalog's words.
 */
import { msg, type MessageParams } from '../../../app/i18n/message';
import { ConsoleError } from '../../core/errors';

export type TransportFailure =
  | 'refused'
  | 'not-found'
  | 'unreachable'
  | 'timeout'
  | 'reset'
  | 'closed'
  | 'truncated'
  | 'malformed'
  | 'too-large'
  | 'tls'
  | 'status'
  | 'auth';

const KEY = {
  refused: 'transport.refused',
  'not-found': 'transport.notFound',
  unreachable: 'transport.unreachable',
  timeout: 'transport.timeout',
  reset: 'transport.reset',
  closed: 'transport.closed',
  truncated: 'transport.truncated',
  malformed: 'transport.malformed',
  'too-large': 'transport.tooLarge',
  tls: 'transport.tls',
  status: 'transport.status',
  auth: 'transport.auth',
} as const satisfies Record<TransportFailure, string>;

export class TransportError extends ConsoleError {
  constructor(
    readonly kind: TransportFailure,
    /** The server as people know it: "TelServer 10.0.0.5:4000", "https://pbx.example.com". */
    readonly server: string,
    params: MessageParams = {},
    options?: { cause?: unknown },
  ) {
    super(msg(KEY[kind], { server, ...params }), options);
    this.name = 'TransportError';
  }
}

/** A Node socket error as a TransportError: refused, not found, reset… with the system's code as the reason. */
export function socketFailure(server: string, error: NodeJS.ErrnoException, connected: boolean): TransportError {
  const reason = error.code ?? error.message;
  if (connected) return new TransportError('reset', server, { reason }, { cause: error });
  switch (error.code ?? '') {
    case 'ECONNREFUSED':
      return new TransportError('refused', server, {}, { cause: error });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new TransportError('not-found', server, {}, { cause: error });
    default:
      return new TransportError('unreachable', server, { reason }, { cause: error });
  }
}
