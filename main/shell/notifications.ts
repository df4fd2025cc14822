/**
 * Incoming-call alerts as native notifications: the plain CallAlerts
 * lifecycle decides when; this decides how. The Answer button exists only
 * when the console can answer the call, and only where Electron supports
 * notification actions (macOS); a click brings the console forward.
 */
import type { NotificationConstructorOptions } from 'electron';
import { msg } from '../../app/i18n/message';
import type { Translator } from '../../app/i18n/translator';
import type { ShowAlert } from '../desktop/call-alerts';

export interface NotificationLike {
  on(event: 'action' | 'click', listener: () => void): unknown;
  show(): void;
  close(): void;
}

export type NotificationFactory = (options: NotificationConstructorOptions) => NotificationLike;

/**
 * `icon`: the app icon (assets/icon.png), so the alert says which app is
 * ringing; `translator`: the receptionist's language now (the Answer button).
 */
export function callNotifications(create: NotificationFactory, icon: string, translator: () => Translator): ShowAlert {
  return (_callId, content, actions) => {
    const { answer } = actions;
    const notification = create({
      title: content.title,
      body: content.body,
      icon,
      urgency: 'critical',
      timeoutType: 'never',
      actions: answer ? [{ type: 'button', text: translator()(msg('action.answer')) }] : [],
    });
    if (answer) notification.on('action', () => answer());
    notification.on('click', () => actions.show());
    notification.show();
    return { close: () => notification.close() };
  };
}
