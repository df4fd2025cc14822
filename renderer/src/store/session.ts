/**
 * Feeds the store from the bridge: state messages (resubscribing when a
 * patch reveals a gap, so the core sends a fresh snapshot), the bridge's
 * own connected / reconnecting state, and the desktop's requests to show a call.
 */
import type { AttendantApi } from '../../../app/contract';
import type { BridgeStatusSource } from '../bridge/bridge-status';
import type { AttendantStore } from './store';

export function startSession(store: AttendantStore, api: AttendantApi, bridge: BridgeStatusSource): () => void {
  let stopped = false;
  let unsubscribe = subscribe();

  function subscribe() {
    return api.onState((message) => {
      if (stopped) return;
      if (store.getState().receiveStateMessage(message) === 'gap') resubscribe();
    });
  }

  function resubscribe() {
    // Patches are dropped from now until the fresh snapshot, so one gap triggers one resubscribe.
    store.getState().awaitSnapshot();
    unsubscribe();
    // Deferred: a bridge may deliver the snapshot synchronously from inside onState.
    queueMicrotask(() => {
      if (!stopped) unsubscribe = subscribe();
    });
  }

  // The call rows need the CRM address from the settings: fetched whenever the bridge (re)connects.
  const loadSettings = () => void store.getState().loadSettings();
  store.getState().setBridgeState(bridge.getState());
  if (bridge.getState() === 'connected') loadSettings();
  const stopWatchingBridge = bridge.onStateChange((state) => {
    store.getState().setBridgeState(state);
    if (state === 'connected') loadSettings();
  });
  const stopFocusing = api.onFocusCall((callId) => store.getState().focusCall(callId));
  // Changed elsewhere (the tray's do-not-disturb): the ring sound and the keys follow at once.
  const stopWatchingSettings = api.onSettingsChanged(loadSettings);

  return () => {
    stopped = true;
    unsubscribe();
    stopWatchingBridge();
    stopFocusing();
    stopWatchingSettings();
  };
}
