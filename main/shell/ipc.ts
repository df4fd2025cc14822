/**
 * The Electron IPC bridge: ipcMain handlers for the contract's channels.
 * Every handler first checks that the request comes from the app's own
 * page in the main frame (not a subframe, not a page navigated elsewhere),
 * then validates and dispatches through the same request handler as the
 * WebSocket bridge.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CHANNELS, PUSH_CHANNELS, validateRequest, type RequestMethod, type StateMessage } from '../../app/contract';
import type { CommandResult } from '../../app/commands';
import { ValidationError } from '../../app/validate';
import { handleRequest, invalidRequestError, type RequestTarget, type SettingsTarget } from '../bridge/request-handler';
import type { ConsoleService } from '../core/console-service';
import type { Logger } from '../core/connector';
import { consoleLogger } from '../core/log';
import { isAppPageUrl } from './app-url';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;
export type IpcService = RequestTarget & Pick<ConsoleService, 'subscribe'>;
type StateTarget = Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'once'>;

const SETTINGS_METHODS = [
  'getSettings',
  'saveConnection',
  'removeConnection',
  'testConnection',
  'savePreferences',
] as const satisfies readonly RequestMethod[];

/** What only the desktop shell can do for the page (windows, the outside world). */
export interface DesktopTarget {
  showCall(callId: string): void;
  lookUpInCrm(number: string): Promise<CommandResult>;
}

export const NO_DESKTOP_ERROR = 'This console window cannot do that.';

export const UNTRUSTED_SENDER_ERROR = 'Refused: this request did not come from the attendant console window.';

/** Trusts only the top frame of the app's own page. */
export function appPageSenderCheck(appUrl: string): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isAppPageUrl(frame.url, appUrl);
  };
}

/** Registers every handler; returns a function that removes them and ends all subscriptions. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  service: IpcService,
  isTrustedSender: SenderCheck,
  log: Logger = consoleLogger('ipc'),
  settings?: SettingsTarget,
  desktop?: DesktopTarget,
): () => void {
  /** webContents id → stop pushing state to it. */
  const subscriptions = new Map<number, () => void>();

  const handle = (method: RequestMethod, run: (event: IpcMainInvokeEvent, params: unknown) => unknown) => {
    const channel = IPC_CHANNELS[method];
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) {
        log.warn('IPC refused: untrusted sender', { channel, url: event.senderFrame?.url ?? '(frame gone)' });
        throw new Error(UNTRUSTED_SENDER_ERROR);
      }
      if (args.length > 1) throw new Error('Invalid request: expected at most one argument');
      return run(event, args[0]);
    });
  };

  handle('execute', (_event, params) => handleRequest(service, 'execute', params));
  handle('searchDirectory', (_event, params) => handleRequest(service, 'searchDirectory', params));
  handle('reconnect', (_event, params) => handleRequest(service, 'reconnect', params));
  for (const method of SETTINGS_METHODS) handle(method, (_event, params) => handleRequest(service, method, params, settings));
  handle('showCall', (_event, params) => {
    const callId = validated('showCall', params) as string;
    if (!desktop) throw new Error(NO_DESKTOP_ERROR);
    desktop.showCall(callId);
    return null;
  });
  handle('lookUpInCrm', (_event, params) => {
    const number = validated('lookUpInCrm', params) as string;
    if (!desktop) throw new Error(NO_DESKTOP_ERROR);
    return desktop.lookUpInCrm(number);
  });
  handle('subscribe', (event, params) => {
    validated('subscribe', params);
    pushStateTo(event.sender);
    return null;
  });

  function validated(method: RequestMethod, params: unknown): unknown {
    try {
      return validateRequest(method, params);
    } catch (error) {
      throw error instanceof ValidationError ? invalidRequestError(error) : error;
    }
  }

  /** Each subscribe starts over with a fresh snapshot (the page subscribes again after a reload). */
  function pushStateTo(contents: StateTarget): void {
    if (contents.isDestroyed()) return;
    const id = contents.id;
    const isFirst = !subscriptions.has(id);
    subscriptions.get(id)?.();
    let unsubscribe: () => void = () => {};
    const stop = () => {
      unsubscribe();
      if (subscriptions.get(id) === stop) subscriptions.delete(id);
    };
    subscriptions.set(id, stop);
    unsubscribe = service.subscribe((message: StateMessage) => {
      if (contents.isDestroyed()) stop();
      else contents.send(IPC_CHANNELS.state, message);
    });
    if (isFirst) contents.once('destroyed', () => subscriptions.get(id)?.());
  }

  return () => {
    for (const method of Object.keys(IPC_CHANNELS) as (keyof typeof IPC_CHANNELS)[]) {
      if (!(PUSH_CHANNELS as readonly string[]).includes(method)) ipcMain.removeHandler(IPC_CHANNELS[method]);
    }
    for (const stop of [...subscriptions.values()]) stop();
  };
}
