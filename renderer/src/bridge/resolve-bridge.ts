import type { AttendantApi } from '../../../app/contract';
import { alwaysConnected, type BridgeStatusSource } from './bridge-status';
import { bridgeUrlFor, createWsBridge } from './ws-bridge';

export interface ResolvedBridge {
  api: AttendantApi;
  status: BridgeStatusSource;
}

/** The Electron preload's `window.attendant` when present, else the WebSocket bridge to `serve`. */
export function resolveBridge(win: Window): ResolvedBridge {
  if (win.attendant) return { api: win.attendant, status: alwaysConnected };
  const bridge = createWsBridge({ url: bridgeUrlFor(win.location) });
  return { api: bridge, status: bridge };
}
