/**
 * The preload: exposes exactly one object, `window.attendant`, implementing
 * the AttendantApi over the contract's IPC channels. No logic and no raw
 * ipcRenderer reach the page; the IPC event object (whose `sender` is the
 * ipcRenderer itself) is never handed to page code.
 */
import { contextBridge, ipcRenderer, type IpcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannel, validateCallId, type AttendantApi, type StateMessage } from '../app/contract';

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
  return {
    execute: (command) => ipc.invoke(ipcChannel('execute'), command),
    searchDirectory: (query) => ipc.invoke(ipcChannel('searchDirectory'), query),
    listContacts: () => ipc.invoke(ipcChannel('listContacts')),
    saveContact: (contact) => ipc.invoke(ipcChannel('saveContact'), contact),
    deleteContact: (contactId) => ipc.invoke(ipcChannel('deleteContact'), contactId),
    importContacts: (batch) => ipc.invoke(ipcChannel('importContacts'), batch),
    reconnect: (connectionId) => ipc.invoke(ipcChannel('reconnect'), connectionId),
    getSettings: () => ipc.invoke(ipcChannel('getSettings')),
    saveConnection: (submission) => ipc.invoke(ipcChannel('saveConnection'), submission),
    removeConnection: (connectionId) => ipc.invoke(ipcChannel('removeConnection'), connectionId),
    testConnection: (submission) => ipc.invoke(ipcChannel('testConnection'), submission),
    savePreferences: (general) => ipc.invoke(ipcChannel('savePreferences'), general),
    showCall: (callId) => ipc.invoke(ipcChannel('showCall'), callId),
    lookUpInCrm: (number) => ipc.invoke(ipcChannel('lookUpInCrm'), number),
    queryJournal: (query) => ipc.invoke(ipcChannel('queryJournal'), query),
    markJournalDone: (done) => ipc.invoke(ipcChannel('markJournalDone'), done),
    setJournalNote: (note) => ipc.invoke(ipcChannel('setJournalNote'), note),
    journalFigures: (params) => ipc.invoke(ipcChannel('journalFigures'), params),
    exportJournal: (query) => ipc.invoke(ipcChannel('exportJournal'), query),
    openLink: (request) => ipc.invoke(ipcChannel('openLink'), request),
    onState(listener) {
      const relay = (_event: IpcRendererEvent, message: StateMessage) => listener(message);
      // Listen first: the main process sends the snapshot while answering subscribe.
      ipc.on(ipcChannel('state'), relay);
      ipc.invoke(ipcChannel('subscribe')).catch((error: unknown) => console.error('Subscribing to console state failed:', error));
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
