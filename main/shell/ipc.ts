/**
 * The Electron IPC bridge: ipcMain handlers for the contract's channels.
 * Every handler first checks that the request comes from the app's own
 * page in the main frame (not a subframe, not a page navigated elsewhere),
 * then validates and dispatches through the same request handler as the
 * WebSocket bridge. Each answers an IpcReply: the reply, or the refusal's
 * Message, which the page says in its own language (a thrown Error would
 * cross IPC as its English text only).
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { CommandResult } from '../../app/commands';
import type { JournalExport } from '../../app/journal';
import { msg } from '../../app/i18n/message';
import { ipcChannel, isRequestMethod, REQUESTS, type IpcReply, type RequestHandlers, type StateMessage } from '../../app/contract';
import { checkedParams, coreHandlers, handleRequest, type RequestTarget, type SettingsTarget } from '../bridge/request-handler';
import type { ConsoleService } from '../core/console-service';
import { ConsoleError, refusalOf } from '../core/errors';
import type { Logger } from '../core/log';
import { consoleLogger } from '../core/log';
import { isAppPageUrl } from './app-url';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;
export type IpcService = RequestTarget & Pick<ConsoleService, 'subscribe'>;
type StateTarget = Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'once'>;

/** What only the desktop shell can do for the page (windows, the outside world). */
export interface DesktopTarget {
  showCall: (callId: string) => void;
  lookUpInCrm: (number: string) => Promise<CommandResult>;
  /** Asks where to save the journal's CSV and writes it there (main/shell/journal-export.ts). */
  saveJournal?: (fileName: string, csv: string) => Promise<JournalExport>;
}

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

  const withDesktop = (): DesktopTarget => {
    if (!desktop) throw new ConsoleError(msg('request.desktopOnly'));
    return desktop;
  };
  const core = coreHandlers(service, settings, 'desktop');
  const handlers: RequestHandlers = {
    ...core,
    // The desktop app saves the export where the receptionist chooses, instead of handing the page the text.
    exportJournal: async (query) => {
      const exported = await core.exportJournal(query);
      const save = desktop?.saveJournal;
      return save && exported.kind === 'csv' ? save(exported.fileName, exported.csv) : exported;
    },
    // Answered below before dispatch: it needs the sender.
    subscribe: () => Promise.resolve(null),
    showCall: (callId) => {
      withDesktop().showCall(callId);
      return Promise.resolve(null);
    },
    lookUpInCrm: (number) => withDesktop().lookUpInCrm(number),
  };
  const methods = Object.keys(REQUESTS).filter(isRequestMethod);

  for (const method of methods) {
    const channel = ipcChannel(method);
    const answer = async (event: IpcMainInvokeEvent, args: unknown[]): Promise<unknown> => {
      if (!isTrustedSender(event)) {
        log.warn('IPC refused: untrusted sender', { channel, url: event.senderFrame?.url ?? '(frame gone)' });
        throw new ConsoleError(msg('request.untrustedSender'));
      }
      if (args.length > 1) throw new ConsoleError(msg('request.tooManyArguments'));
      if (method === 'subscribe') {
        checkedParams('subscribe', args[0]);
        pushStateTo(event.sender);
        return null;
      }
      return handleRequest(handlers, method, args[0]);
    };
    ipcMain.handle(channel, (event, ...args: unknown[]): Promise<IpcReply> =>
      answer(event, args).then(
        (result) => ({ result: result ?? null }),
        (error: unknown) => ({ error: refusalOf(error) }),
      ),
    );
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
      else contents.send(ipcChannel('state'), message);
    });
    if (isFirst) contents.once('destroyed', () => subscriptions.get(id)?.());
  }

  return () => {
    for (const method of methods) ipcMain.removeHandler(ipcChannel(method));
    for (const stop of [...subscriptions.values()]) stop();
  };
}
