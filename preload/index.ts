/**
 * The preload: exposes exactly one object, `window.attendant`, implementing
 * the AttendantApi over the contract's IPC channels. No logic and no raw
 * ipcRenderer reach the page; the IPC event object (whose `sender` is the
 * ipcRenderer itself) is never handed to page code.
 */
import { contextBridge, ipcRenderer, type IpcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS, validateCallId, type AttendantApi, type StateMessage } from '../app/contract';

function isCallId(value: unknown): value is string {
  try {
    validateCallId(value);
    return true;
  } catch {
    return false;
  }
}

export function createAttendantApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): AttendantApi {
  return {
    execute: (command) => ipc.invoke(IPC_CHANNELS.execute, command),
    searchDirectory: (query) => ipc.invoke(IPC_CHANNELS.searchDirectory, query),
    reconnect: (connectionId) => ipc.invoke(IPC_CHANNELS.reconnect, connectionId),
    getSettings: () => ipc.invoke(IPC_CHANNELS.getSettings),
    saveConnection: (submission) => ipc.invoke(IPC_CHANNELS.saveConnection, submission),
    removeConnection: (connectionId) => ipc.invoke(IPC_CHANNELS.removeConnection, connectionId),
    testConnection: (submission) => ipc.invoke(IPC_CHANNELS.testConnection, submission),
    savePreferences: (general) => ipc.invoke(IPC_CHANNELS.savePreferences, general),
    showCall: (callId) => ipc.invoke(IPC_CHANNELS.showCall, callId),
    lookUpInCrm: (number) => ipc.invoke(IPC_CHANNELS.lookUpInCrm, number),
    onState(listener) {
      const relay = (_event: IpcRendererEvent, message: StateMessage) => listener(message);
      // Listen first: the main process sends the snapshot while answering subscribe.
      ipc.on(IPC_CHANNELS.state, relay);
      ipc.invoke(IPC_CHANNELS.subscribe).catch((error: unknown) => console.error('Subscribing to console state failed:', error));
      return () => {
        ipc.removeListener(IPC_CHANNELS.state, relay);
      };
    },
    onFocusCall(listener) {
      // Only a call id reaches the page, and only one that looks like one.
      const relay = (_event: IpcRendererEvent, callId: unknown) => {
        if (isCallId(callId)) listener(callId);
      };
      ipc.on(IPC_CHANNELS.focusCall, relay);
      return () => {
        ipc.removeListener(IPC_CHANNELS.focusCall, relay);
      };
    },
  } satisfies AttendantApi;
}

contextBridge.exposeInMainWorld('attendant', createAttendantApi(ipcRenderer));
