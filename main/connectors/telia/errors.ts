/**
 * How Telia refuses a request, in the catalog's words: Telia's ServiceError
 * codes (the document's table) each have a key; any other code (or a SOAP
 * Fault) is said with the code and Telia's own message, bounded. A non-200
 * HTTP status, an answer that is not SOAP or a failed transport is the
 * shared TransportError (../shared/transport-error.ts).
 */
import { msg, type Message } from '../../../app/i18n/message';
import { ConsoleError } from '../../core/errors';
import type { ServiceError } from './messages';

const SERVICE_ERROR_KEYS = {
  ERR001: 'telia.service.ERR001',
  ERR002: 'telia.service.ERR002',
  ERR003: 'telia.service.ERR003',
  ERR1001: 'telia.service.ERR1001',
  ERR1002: 'telia.service.ERR1002',
  ERR1003: 'telia.service.ERR1003',
} as const;

/** Telia's own text is shown as data: one line, printable, at most this long. */
const MAX_VENDOR_TEXT = 200;

/** Telia answered with a ServiceError (or a SOAP Fault). */
export class TeliaServiceError extends ConsoleError {
  declare readonly code: string;

  constructor(error: ServiceError) {
    super(serviceErrorMessage(error), { code: error.code });
    this.name = 'TeliaServiceError';
  }
}

/** What a ServiceError says to the receptionist. */
export function serviceErrorMessage(error: ServiceError): Message {
  const reason = bounded(error.message) || bounded(error.description ?? '');
  if (error.code === 'ERR002' && reason) return msg('telia.service.ERR002Detail', { detail: reason });
  if (Object.hasOwn(SERVICE_ERROR_KEYS, error.code)) return msg(SERVICE_ERROR_KEYS[error.code as keyof typeof SERVICE_ERROR_KEYS]);
  const code = bounded(error.code);
  if (!code) return msg('telia.service.otherNoCode', { reason: reason || msg('telia.service.noReason') });
  return msg('telia.service.other', { reason: reason || msg('telia.service.noReason'), code });
}

/** Control characters and runs of white space become one space; longer texts are cut with an ellipsis. */
function bounded(text: string): string {
  const line = text.replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ').trim();
  return line.length > MAX_VENDOR_TEXT ? `${line.slice(0, MAX_VENDOR_TEXT - 1).trimEnd()}…` : line;
}
