/**
 * How a Telia request fails, in words a receptionist can read: Telia's
 * ServiceError codes (the document's table), a non-200 HTTP status, or an
 * answer that is not SOAP.
 */
import type { ServiceError } from './messages';

const SERVICE_ERROR_WORDS: Record<string, string> = {
  ERR001: 'Telia did not accept the user name or password (ERR001). Use the group administrator’s account (e.g. P0000000@elion.ee).',
  ERR002: 'Telia says a required field is missing (ERR002).',
  ERR003: 'Telia does not permit this operation for this account (ERR003).',
  ERR1001: 'Telia could not make the call (ERR1001 dialing error).',
  ERR1002: 'That phonebook entry does not exist at Telia any more (ERR1002 unknown id).',
  ERR1003: 'Telia refused a character (ERR1003): names may use ASCII letters, digits and punctuation plus õ, ü, ö, ä.',
};

/** Telia answered with a ServiceError (or a SOAP Fault). */
export class TeliaServiceError extends Error {
  readonly code: string;
  constructor(error: ServiceError) {
    const words = SERVICE_ERROR_WORDS[error.code];
    const detail = error.code === 'ERR002' && error.message ? ` ${error.message}.` : '';
    super(
      words
        ? `${words}${detail}`
        : `Telia refused the request: ${error.message || error.description || 'no reason given'}${error.code ? ` (${error.code})` : ''}.`,
    );
    this.name = 'TeliaServiceError';
    this.code = error.code;
  }
}

/** No usable answer: HTTP status not 200, not SOAP, or the transport failed. */
export class TeliaTransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeliaTransportError';
  }
}
