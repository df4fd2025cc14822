/**
 * The preload: exposes exactly one object, `window.attendant`, implementing
 * the AttendantApi over the contract's IPC channels. No logic and no raw
 * ipcRenderer reach the page; the IPC event object (whose `sender` is the
 * ipcRenderer itself) is never handed to page code.
 */
import { contextBridge, ipcRenderer, type IpcRenderer, type IpcRendererEvent } from 'electron';
import {
  ipcChannel,
  ipcReplyValue,
  parseReply,
  validateCallId,
  type AttendantApi,
  type Reply,
  type RequestMethod,
  type StateMessage,
} from '../app/contract';

function isCallId(value: unknown): value is string {
  try {
    validateCallId(value);
    return true;
  } catch {
    return false;
  }
}

/** Every method of the contract (the AttendantApi type requires each one), over its IPC channel. */
export function createAttendantApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): AttendantApi {
  // The main process answers an IpcReply: the reply, checked per method as the browser bridge checks it, or a
  // refusal's Message as the rejection (the page says it in its own language).
  const invoke = <M extends RequestMethod>(method: M, ...args: unknown[]): Promise<Reply<M>> =>
    ipc
      .invoke(ipcChannel(method), ...args)
      .then(ipcReplyValue)
      .then((result) => parseReply(method, result));
  return {
    execute: (command) => invoke('execute', command),
    searchDirectory: (query) => invoke('searchDirectory', query),
    listContacts: () => invoke('listContacts'),
    saveContact: (contact) => invoke('saveContact', contact),
    deleteContact: (contactId) => invoke('deleteContact', contactId),
    importContacts: (batch) => invoke('importContacts', batch),
    reconnect: (connectionId) => invoke('reconnect', connectionId),
    getSettings: () => invoke('getSettings'),
    saveConnection: (submission) => invoke('saveConnection', submission),
    removeConnection: (connectionId) => invoke('removeConnection', connectionId),
    testConnection: (submission) => invoke('testConnection', submission),
    savePreferences: (general) => invoke('savePreferences', general),
    showCall: (callId) => invoke('showCall', callId),
    lookUpInCrm: (number) => invoke('lookUpInCrm', number),
    queryJournal: (query) => invoke('queryJournal', query),
    markJournalDone: (done) => invoke('markJournalDone', done),
    setJournalNote: (note) => invoke('setJournalNote', note),
    journalFigures: (params) => invoke('journalFigures', params),
    exportJournal: (query) => invoke('exportJournal', query),
    openLink: (request) => invoke('openLink', request),
    onState(listener) {
      const relay = (_event: IpcRendererEvent, message: StateMessage) => listener(message);
      // Listen first: the main process sends the snapshot while answering subscribe.
      ipc.on(ipcChannel('state'), relay);
      invoke('subscribe').catch((error: unknown) => console.error('Subscribing to console state failed:', error));
      return () => {
        ipc.removeListener(ipcChannel('state'), relay);
      };
    },
    onFocusCall(listener) {
      // Only a call id reaches the page, and only one that looks like one.
      const relay = (_event: IpcRendererEvent, callId: unknown) => {
        if (isCallId(callId)) listener(callId);
      };
      ipc.on(ipcChannel('focusCall'), relay);
      return () => {
        ipc.removeListener(ipcChannel('focusCall'), relay);
      };
    },
    onSettingsChanged(listener) {
      // A signal only: whatever the IPC message carries is dropped.
      const relay = () => listener();
      ipc.on(ipcChannel('settingsChanged'), relay);
      return () => {
        ipc.removeListener(ipcChannel('settingsChanged'), relay);
      };
    },
  } satisfies AttendantApi;
}

contextBridge.exposeInMainWorld('attendant', createAttendantApi(ipcRenderer));
