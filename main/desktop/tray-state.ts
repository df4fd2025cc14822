/**
 * What the tray shows, computed from the console state: one look (idle,
 * ringing, offline), a tooltip, and the menu. Plain data, so the shell only
 * maps it onto Electron's Tray and Menu; the words come from the translator
 * it is given (the receptionist's language).
 */
import { isCallKnown } from '../../app/call-trust';
import { msg, type Message } from '../../app/i18n/message';
import type { Translator } from '../../app/i18n/translator';
import type { ConsoleState, LinkState } from '../../app/model';

export type TrayLook = 'idle' | 'ringing' | 'offline';
export const TRAY_LOOKS: readonly TrayLook[] = ['idle', 'ringing', 'offline'];

export type TrayAction = 'show' | 'toggle-dnd' | 'quit';

export type TrayMenuItem =
  { type: 'action'; label: string; action: TrayAction; checked?: boolean } | { type: 'info'; label: string } | { type: 'separator' };

export interface TrayModel {
  look: TrayLook;
  tooltip: string;
  menu: TrayMenuItem[];
}

/** A connection's state in its menu entry ("HQ: Online"). */
const LINK_WORDS: Record<LinkState, Message> = {
  online: msg('link.online'),
  connecting: msg('link.connecting'),
  'pbx-link-down': msg('link.pbxLinkDown'),
  offline: msg('link.offline'),
  stopped: msg('link.stopped'),
};

/**
 * Calls ringing or waiting for the receptionist that the console can vouch for: not a colleague's watched line (as
 * the alerts do not count it), and not a call on a connection that is not online (it is unknown).
 */
export function ringingCallCount(state: ConsoleState): number {
  return Object.values(state.calls).filter(
    (call) =>
      call.direction === 'incoming' &&
      (call.state === 'ringing' || call.state === 'queued') &&
      state.lines[call.lineId]?.watched !== true &&
      isCallKnown(call, state.connections),
  ).length;
}

/**
 * Ringing beats everything (a caller waits); otherwise any connection that
 * is not online shows offline, because the receptionist may be missing calls.
 */
export function trayLook(state: ConsoleState): TrayLook {
  if (ringingCallCount(state) > 0) return 'ringing';
  const connections = Object.values(state.connections);
  if (connections.length === 0 || connections.some((c) => c.state !== 'online')) return 'offline';
  return 'idle';
}

export function trayModel(state: ConsoleState, alerts: { doNotDisturb: boolean }, t: Translator): TrayModel {
  const look = trayLook(state);
  const connections = Object.values(state.connections).sort((a, b) => a.label.localeCompare(b.label));
  const notOnline = connections.filter((c) => c.state !== 'online').length;
  let status: Message;
  if (look === 'ringing') status = msg('desktop.tray.ringing', { count: ringingCallCount(state) });
  else if (connections.length === 0) status = msg('desktop.tray.noConnectionConfigured');
  else if (notOnline > 0) status = msg('desktop.tray.notOnline', { notOnline, count: connections.length });
  else status = msg('desktop.tray.allOnline');
  const tooltip = t(
    msg(alerts.doNotDisturb ? 'desktop.tray.tooltipDoNotDisturb' : 'desktop.tray.tooltip', { app: msg('app.title'), status }),
  );

  const menu: TrayMenuItem[] = [
    { type: 'action', label: t(msg('desktop.tray.show')), action: 'show' },
    { type: 'action', label: t(msg('desktop.tray.doNotDisturb')), action: 'toggle-dnd', checked: alerts.doNotDisturb },
    { type: 'separator' },
    ...(connections.length === 0
      ? [{ type: 'info' as const, label: t(msg('desktop.tray.noConnections')) }]
      : connections.map((c) => ({
          type: 'info' as const,
          label: t(msg('desktop.tray.connection', { label: c.label, state: LINK_WORDS[c.state] })),
        }))),
    { type: 'separator' },
    { type: 'action', label: t(msg('desktop.tray.quit')), action: 'quit' },
  ];
  return { look, tooltip, menu };
}
