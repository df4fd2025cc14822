/**
 * How Telia refuses a request, in the catalog's words: Telia's ServiceError
 * codes (the document's table) each have a key; any other code (or a SOAP
 * Fault) is said with the code and Telia's own message, bounded. A non-200
 * HTTP status, an answer that is not SOAP or a failed transport is the
 * shared TransportError (../shared/transport-error.ts).
 */
import { msg, type Message } from '../../../app/i18n/message';
import { ConsoleError } from '../../core/errors';
import { PeerFaultText } from '../shared/peer-fault-text';
import type { ServiceError } from './messages';

const SERVICE_ERROR_KEYS = {
  ERR001: 'telia.service.ERR001',
  ERR002: 'telia.service.ERR002',
  ERR003: 'telia.service.ERR003',
  ERR1001: 'telia.service.ERR1001',
  ERR1002: 'telia.service.ERR1002',
  ERR1003: 'telia.service.ERR1003',
} as const;

/** Telia answered with a ServiceError (or a SOAP Fault). */
export class TeliaServiceError extends ConsoleError {
  declare readonly code: string;

  /** `faultText` redacts the connection's credentials from Telia's words (an error built without one is only bounded). */
  constructor(error: ServiceError, faultText = new PeerFaultText()) {
    super(serviceErrorMessage(error, faultText), { code: faultText.clean(error.code) });
    this.name = 'TeliaServiceError';
  }
}

/** What a ServiceError says to the receptionist; Telia's own text is shown as data: redacted, one line, printable, bounded. */
export function serviceErrorMessage(error: ServiceError, faultText = new PeerFaultText()): Message {
  const reason = faultText.clean(error.message) || faultText.clean(error.description ?? '');
  if (error.code === 'ERR002' && reason) return msg('telia.service.ERR002Detail', { detail: reason });
  if (Object.hasOwn(SERVICE_ERROR_KEYS, error.code)) return msg(SERVICE_ERROR_KEYS[error.code as keyof typeof SERVICE_ERROR_KEYS]);
  const code = faultText.clean(error.code);
  if (!code) return msg('telia.service.otherNoCode', { reason: reason || msg('telia.service.noReason') });
  return msg('telia.service.other', { reason: reason || msg('telia.service.noReason'), code });
}
