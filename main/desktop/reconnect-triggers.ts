/**
 * After sleep or a network change the PBX sessions are usually dead while
 * their sockets still look open; waiting for the keepalive or the backoff
 * would leave the receptionist blind for up to a minute. These triggers make
 * every connection reconnect and resync at once.
 */
import type { Clock } from '../../app/clock';
import { msg, type Message } from '../../app/i18n/message';

export interface PowerEvents {
  on(event: 'resume', listener: () => void): unknown;
  removeListener(event: 'resume', listener: () => void): unknown;
}

export interface ReconnectTriggerOptions {
  reconnectAll(reason: Message): void;
  power: PowerEvents;
  /** Electron's net.isOnline(); polled, because the main process has no online event. */
  isOnline(): boolean;
  clock: Clock;
  pollMs?: number;
}

export function watchForReconnect(options: ReconnectTriggerOptions): () => void {
  const onResume = () => options.reconnectAll(msg('desktop.reconnect.resume'));
  options.power.on('resume', onResume);

  let wasOnline = options.isOnline();
  let timer: unknown;
  let stopped = false;
  const poll = () => {
    if (stopped) return;
    const online = options.isOnline();
    if (online && !wasOnline) options.reconnectAll(msg('desktop.reconnect.network'));
    wasOnline = online;
    timer = options.clock.setTimeout(poll, options.pollMs ?? 2000);
  };
  timer = options.clock.setTimeout(poll, options.pollMs ?? 2000);

  return () => {
    stopped = true;
    options.clock.clearTimeout(timer);
    options.power.removeListener('resume', onResume);
  };
}
