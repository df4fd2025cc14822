/**
 * The two ways a TelServices request fails: TelServer answered with an
 * `<error>` (TelServerError, carrying TelServer's code), or no usable answer
 * arrived (the shared TransportError, ../shared/transport-error.ts). Both
 * say what happened as a catalog message.
 */
import { msg, type Message } from '../../../app/i18n/message';
import { ConsoleError } from '../../core/errors';
import type { TsErrorCode } from './messages';

/** What each of TelServer's error codes says to the receptionist. */
export const TELSERVER_ERROR_MESSAGES: Readonly<Record<TsErrorCode, Message>> = {
  pbxlinkOutOfService: msg('telserver.error.pbxlinkOutOfService'),
  pbxReject: msg('telserver.error.pbxReject'),
  pbxTimeout: msg('telserver.error.pbxTimeout'),
  noCall: msg('telserver.error.noCall'),
  noOpenSession: msg('telserver.error.noOpenSession'),
  sessionLimitExceeded: msg('telserver.error.sessionLimitExceeded'),
  reject: msg('telserver.error.reject'),
  invalidCredentials: msg('telserver.error.invalidCredentials'),
  resourceError: msg('telserver.error.resourceError'),
};

export class TelServerError extends ConsoleError {
  declare readonly code: TsErrorCode;

  constructor(code: TsErrorCode) {
    super(TELSERVER_ERROR_MESSAGES[code], { code });
    this.name = 'TelServerError';
  }
}
