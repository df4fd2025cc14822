/**
 * Incoming-call alerts as native notifications: the plain CallAlerts
 * lifecycle decides when; this decides how. The Answer button exists where
 * Electron supports notification actions (macOS); elsewhere a click brings
 * the console forward.
 */
import type { NotificationConstructorOptions } from 'electron';
import type { ShowAlert } from '../desktop/call-alerts';

export interface NotificationLike {
  on(event: 'action' | 'click', listener: () => void): unknown;
  show(): void;
  close(): void;
}

export type NotificationFactory = (options: NotificationConstructorOptions) => NotificationLike;

export function callNotifications(create: NotificationFactory, icon?: string): ShowAlert {
  return (_callId, content, actions) => {
    const notification = create({
      title: content.title,
      body: content.body,
      ...(icon ? { icon } : {}),
      urgency: 'critical',
      timeoutType: 'never',
      actions: [{ type: 'button', text: 'Answer' }],
    });
    notification.on('action', () => actions.answer());
    notification.on('click', () => actions.show());
    notification.show();
    return { close: () => notification.close() };
  };
}
