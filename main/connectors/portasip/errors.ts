/**
 * The two ways a PortaSIP request fails: the server answered with an error
 * (PortaSipError, its code from the document's table), or no usable answer
 * arrived (the shared TransportError, connectors/shared/transport-error.ts).
 * Both carry a catalog message (app/i18n/catalogs/portasip.ts), never a sentence.
 */
import { msg, type Message, type MessageKey } from '../../../app/i18n/message';
import { ConsoleError } from '../../core/errors';
import { boundedText } from '../shared/peer-fault-text';

/**
 * PortaOne's servers write a fault as "Server.<service>.<code>"
 * ("Server.CallControl.sip.disabled_api_notifications",
 * "Server.Session.auth_failed"); the document's table names the bare code.
 */
export function bareCode(code: string): string {
  return code.replace(/^Server\.[A-Za-z]+\./, '');
}

const DISABLED_API_NOTIFICATIONS = 'sip.disabled_api_notifications';
const CALL_CONTROL_DISABLED = 'sip.call_control_disabled';

/** The document's error table: each code's catalog message. */
export const PORTASIP_ERROR_MESSAGES: Readonly<Record<string, MessageKey>> = {
  'sip.unsupported_method': 'portasip.error.unsupportedMethod',
  'sip.wrong_parameters': 'portasip.error.wrongParameters',
  'sip.internal_server_error': 'portasip.error.internalServerError',
  'sip.call_not_found': 'portasip.error.callNotFound',
  [CALL_CONTROL_DISABLED]: 'portasip.error.callControlDisabled',
  internal_error: 'portasip.error.internalError',
  // Not in the table: what PortaOne's servers answer get_sip_calls_list on a session without notifications enabled.
  [DISABLED_API_NOTIFICATIONS]: 'portasip.error.notificationsDisabled',
};

/** Codes the console gives failures the document's table has no code for. */
export const CONSOLE_ERROR_CODES = {
  /** No session to send a request in (login returned none, or it is not done yet). */
  noSession: 'no_session',
  /** The server answered with `success: 0` and no error. */
  unsuccessful: 'unsuccessful',
} as const;

const CONSOLE_ERROR_MESSAGES: Readonly<Record<string, MessageKey>> = {
  [CONSOLE_ERROR_CODES.noSession]: 'portasip.error.noSession',
  [CONSOLE_ERROR_CODES.unsuccessful]: 'portasip.error.unsuccessful',
};

/** How much of a server's own error message an unknown code shows. */
const DETAIL_LIMIT = 200;

/** What an error code says: the table's message, or the code and a bounded part of the server's message. */
export function portaSipErrorMessage(code: string, serverMessage = ''): Message {
  const bare = bareCode(code);
  const key = Object.hasOwn(PORTASIP_ERROR_MESSAGES, bare)
    ? PORTASIP_ERROR_MESSAGES[bare]
    : Object.hasOwn(CONSOLE_ERROR_MESSAGES, code)
      ? CONSOLE_ERROR_MESSAGES[code]
      : undefined;
  if (key) return msg(key);
  const detail = boundedText(serverMessage, DETAIL_LIMIT);
  return detail ? msg('portasip.error.otherDetail', { code, detail }) : msg('portasip.error.other', { code });
}

export class PortaSipError extends ConsoleError {
  /** The server's error code (or one of CONSOLE_ERROR_CODES). */
  declare readonly code: string;

  constructor(code: string, serverMessage = '') {
    super(portaSipErrorMessage(code, serverMessage), { code });
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

/**
 * get_sip_calls_list on a session whose notifications are not (or no
 * longer) enabled. PortaOne's servers answer
 * "Server.CallControl.sip.disabled_api_notifications" (the code PortaOne's
 * own client handles); the document's table has no such code and lists
 * sip.call_control_disabled ("the used method is disabled") instead, the
 * only code it has for a CallControl method the session may not use. Both
 * count: enabling the notifications again and retrying once costs one round
 * trip when the method is disabled for good (the retry fails the same way
 * and is reported), and keeps the connection online when it was only the
 * subscription that was gone.
 */
export function isNotificationsNotEnabled(error: unknown): boolean {
  if (!(error instanceof PortaSipError)) return false;
  const bare = bareCode(error.code);
  return bare === DISABLED_API_NOTIFICATIONS || bare === CALL_CONTROL_DISABLED;
}
