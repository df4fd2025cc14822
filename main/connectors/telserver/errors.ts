/**
 * The two ways a TelServices request fails: TelServer answered with an
 * `<error>` (TelServerError), or no usable answer arrived
 * (TelServerTransportError). Messages are sentences a receptionist can read.
 */
import type { TsErrorCode } from './messages';

export const TELSERVER_ERROR_MESSAGES: Record<TsErrorCode, string> = {
  pbxlinkOutOfService: 'TelServer has lost its link to the PBX.',
  pbxReject: 'The telephone system rejected the request.',
  pbxTimeout: 'The telephone system did not answer in time.',
  noCall: 'No call in the right state for that.',
  noOpenSession: 'TelServer has no open session for this phone.',
  sessionLimitExceeded: 'TelServer has reached the number of sessions its licence allows.',
  reject: 'TelServer refused the request.',
  invalidCredentials: 'TelServer did not accept the user ID or password.',
  resourceError: 'TelServer ran short of resources (for example memory).',
};

export class TelServerError extends Error {
  constructor(readonly code: TsErrorCode) {
    super(TELSERVER_ERROR_MESSAGES[code] ?? `TelServer reported an error (${code}).`);
    this.name = 'TelServerError';
  }
}

export type TelServerTransportErrorKind = 'refused' | 'timeout' | 'reset' | 'truncated' | 'malformed' | 'too-large';

export class TelServerTransportError extends Error {
  constructor(
    readonly kind: TelServerTransportErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'TelServerTransportError';
  }
}
