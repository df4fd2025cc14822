import { describe, expect, it } from 'vitest';
import { msg } from '../../../app/i18n/message';
import { bareCode, isNotificationsNotEnabled, isSessionRefused, PortaSipError, portaSipErrorMessage } from './errors';

describe('PortaSIP error codes', () => {
  it('reads "Server.<service>." codes as the bare code of the table', () => {
    expect(bareCode('Server.CallControl.sip.disabled_api_notifications')).toBe('sip.disabled_api_notifications');
    expect(bareCode('sip.call_not_found')).toBe('sip.call_not_found');
    expect(portaSipErrorMessage('Server.CallControl.sip.call_not_found')).toEqual(msg('portasip.error.callNotFound'));
  });

  it("notifications not enabled: PortaOne's server code and the document's table code, nothing else", () => {
    expect(isNotificationsNotEnabled(new PortaSipError('Server.CallControl.sip.disabled_api_notifications'))).toBe(true);
    expect(isNotificationsNotEnabled(new PortaSipError('sip.disabled_api_notifications'))).toBe(true);
    expect(isNotificationsNotEnabled(new PortaSipError('sip.call_control_disabled'))).toBe(true);
    expect(isNotificationsNotEnabled(new PortaSipError('sip.call_not_found'))).toBe(false);
    expect(isNotificationsNotEnabled(new Error('sip.disabled_api_notifications'))).toBe(false);
    // It is no session fault: the session stands, only its subscriptions are gone.
    expect(isSessionRefused(new PortaSipError('Server.CallControl.sip.disabled_api_notifications'))).toBe(false);
    expect(portaSipErrorMessage('Server.CallControl.sip.disabled_api_notifications')).toEqual(msg('portasip.error.notificationsDisabled'));
  });
});
