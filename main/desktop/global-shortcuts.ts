/**
 * System-wide shortcuts for answer and hang up, so the receptionist can act
 * while another application has the focus. Which call they act on is
 * decided here from the console state; registering is done through an
 * injected globalShortcut (Electron's in the shell).
 */
import { isCallKnown } from '../../app/call-trust';
import type { Call, ConsoleState } from '../../app/model';
import type { Logger } from '../core/log';

export type ShortcutAction = 'answer' | 'hangup';

const oldestFirst = (a: Call, b: Call) => a.startedAt - b.startedAt || a.id.localeCompare(b.id);

/**
 * The call a global shortcut acts on: the longest-ringing call to answer; the
 * talking call (else the outgoing one) to hang up. Only the receptionist's
 * own calls (not a watched colleague's) on connections that are online: an
 * unknown call is out of every key's reach.
 */
export function shortcutTarget(state: ConsoleState, action: ShortcutAction): Call | undefined {
  const calls = Object.values(state.calls)
    .filter((call) => isCallKnown(call, state.connections) && state.lines[call.lineId]?.watched !== true)
    .sort(oldestFirst);
  const first = (states: Call['state'][]) => calls.find((c) => states.includes(c.state) && c.actions.includes(action));
  if (action === 'answer') return first(['ringing']);
  return first(['connected', 'held-by-peer']) ?? first(['dialing', 'ringback', 'failed']);
}

export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface ShortcutBindings {
  answer: string;
  hangup: string;
}

/**
 * Registers the shortcuts; returns the ones the system refused (already
 * taken by another application) so the settings view can say so, and an
 * unregister function.
 */
export function registerCallShortcuts(
  globalShortcut: GlobalShortcutLike,
  bindings: ShortcutBindings,
  run: (action: ShortcutAction) => void,
  log: Logger,
): { refused: string[]; unregister(): void } {
  const registered: string[] = [];
  const refused: string[] = [];
  for (const action of ['answer', 'hangup'] as const) {
    const accelerator = bindings[action];
    if (!accelerator) continue;
    if (globalShortcut.register(accelerator, () => run(action))) registered.push(accelerator);
    else {
      refused.push(accelerator);
      log.warn('global shortcut is taken by another application', { action, accelerator });
    }
  }
  return {
    refused,
    unregister: () => {
      for (const accelerator of registered) globalShortcut.unregister(accelerator);
    },
  };
}
