/**
 * The state of the link between this window and the console service (the
 * core), separate from each PBX connection's own state.
 */
export type BridgeState = 'connecting' | 'connected' | 'reconnecting';

export interface BridgeStatusSource {
  getState(): BridgeState;
  /** Calls the listener on every change; returns the unsubscribe function. */
  onStateChange(listener: (state: BridgeState) => void): () => void;
}

/** Electron's IPC bridge lives as long as the window: it is always connected. */
export const alwaysConnected: BridgeStatusSource = {
  getState: () => 'connected',
  onStateChange: () => () => {},
};
