/**
 * The two ways a PortaSIP request fails: the server answered with an error
 * (PortaSipError, its code from the document's table), or no usable answer
 * arrived (PortaSipTransportError). Messages are sentences a receptionist
 * can read.
 */

/** The document's error table, in words. */
export const PORTASIP_ERROR_MESSAGES: Record<string, string> = {
  'sip.unsupported_method': 'PortaSIP does not know that method.',
  'sip.wrong_parameters': 'PortaSIP refused the request: a parameter is missing or wrong.',
  'sip.internal_server_error': 'PortaSIP could not process the request (internal error).',
  'sip.call_not_found': 'PortaSIP no longer has that call.',
  'sip.call_control_disabled': 'Call control is disabled for this account on PortaSIP.',
  internal_error: 'PortaSIP reported an internal server error.',
};

export class PortaSipError extends Error {
  constructor(
    readonly code: string,
    serverMessage = '',
  ) {
    super(
      PORTASIP_ERROR_MESSAGES[code] ?? `PortaSIP refused the request (${code}${serverMessage ? `: ${serverMessage.slice(0, 200)}` : ''}).`,
    );
    this.name = 'PortaSipError';
  }
}

/**
 * The session the request named is unknown or expired. The document's table
 * has no code for it; PortaBilling reports authentication faults with codes
 * like "Server.Session.auth_failed", so any code naming auth or session counts.
 */
export function isSessionRefused(error: unknown): boolean {
  return error instanceof PortaSipError && /auth|session/i.test(error.code);
}

/** get_sip_calls_list before enable_api_notifications: the server says call control (notifications) is not enabled. */
export function isNotificationsNotEnabled(error: unknown): boolean {
  return error instanceof PortaSipError && error.code === 'sip.call_control_disabled';
}

export type PortaSipTransportErrorKind = 'refused' | 'timeout' | 'closed' | 'tls' | 'protocol';

export class PortaSipTransportError extends Error {
  constructor(
    readonly kind: PortaSipTransportErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'PortaSipTransportError';
  }
}
