import type { AttendantApi } from '../../app/contract';

declare global {
  interface Window {
    /** Provided by the Electron preload; undefined in a plain browser (the WebSocket bridge fills in). */
    attendant?: AttendantApi;
  }
}

export {};
