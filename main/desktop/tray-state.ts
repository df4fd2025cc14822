/**
 * What the tray shows, computed from the console state: one look (idle,
 * ringing, offline), a tooltip, and the menu. Plain data, so the shell only
 * maps it onto Electron's Tray and Menu.
 */
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

const LINK_WORDS: Record<LinkState, string> = {
  online: 'online',
  connecting: 'connecting',
  'pbx-link-down': 'PBX link down',
  offline: 'offline, retrying',
  stopped: 'stopped',
};

export function ringingCallCount(state: ConsoleState): number {
  return Object.values(state.calls).filter((call) => call.direction === 'incoming' && (call.state === 'ringing' || call.state === 'queued'))
    .length;
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

export function trayModel(state: ConsoleState, alerts: { doNotDisturb: boolean }): TrayModel {
  const look = trayLook(state);
  const ringing = ringingCallCount(state);
  const connections = Object.values(state.connections).sort((a, b) => a.label.localeCompare(b.label));
  const notOnline = connections.filter((c) => c.state !== 'online').length;
  let status: string;
  if (look === 'ringing') status = ringing === 1 ? '1 call ringing' : `${ringing} calls ringing`;
  else if (connections.length === 0) status = 'no connection configured';
  else if (notOnline > 0) status = `${notOnline} of ${connections.length} connection${connections.length === 1 ? '' : 's'} not online`;
  else status = 'all connections online';
  const tooltip = `Attendant Console: ${status}${alerts.doNotDisturb ? ' (do not disturb)' : ''}`;

  const menu: TrayMenuItem[] = [
    { type: 'action', label: 'Show', action: 'show' },
    { type: 'action', label: 'Do not disturb', action: 'toggle-dnd', checked: alerts.doNotDisturb },
    { type: 'separator' },
    ...(connections.length === 0
      ? [{ type: 'info' as const, label: 'No connections' }]
      : connections.map((c) => ({ type: 'info' as const, label: `${c.label}: ${LINK_WORDS[c.state]}` }))),
    { type: 'separator' },
    { type: 'action', label: 'Quit', action: 'quit' },
  ];
  return { look, tooltip, menu };
}
