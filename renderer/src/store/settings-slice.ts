/**
 * The settings view's state: whether it is open, what the core last said
 * the settings are, and the requests that change them. Every change is
 * answered by the core with the new settings (or the reason it refused),
 * so the view never shows something that was not saved.
 */
import type { CommandResult } from '../../../app/commands';
import type { AttendantApi, ConnectionSubmission, GeneralSettings, SettingsResult, SettingsView } from '../../../app/contract';
import type { SliceCreator } from './types';

export interface SettingsSlice {
  settingsOpen: boolean;
  /** Null until loaded (or when loading failed: see settingsLoadError). */
  settings: SettingsView | null;
  settingsLoadError: string | null;
  openSettings: () => Promise<void>;
  /** Fetches the settings without opening the view (the call rows need the CRM address). */
  loadSettings: () => Promise<void>;
  closeSettings: () => void;
  /** Each returns null when saved, else the sentence saying why not. */
  saveConnection: (submission: ConnectionSubmission) => Promise<string | null>;
  removeConnection: (connectionId: string) => Promise<string | null>;
  savePreferences: (general: GeneralSettings) => Promise<string | null>;
  testConnection: (submission: ConnectionSubmission) => Promise<CommandResult>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createSettingsSlice(api: AttendantApi): SliceCreator<SettingsSlice> {
  return (set, get) => {
    async function apply(change: Promise<SettingsResult>): Promise<string | null> {
      try {
        const result = await change;
        if (!result.ok) return result.error;
        set({ settings: result.settings });
        return null;
      } catch (error) {
        return message(error);
      }
    }

    return {
      settingsOpen: false,
      settings: null,
      settingsLoadError: null,
      async openSettings() {
        set({ settingsOpen: true });
        await get().loadSettings();
      },
      async loadSettings() {
        set({ settingsLoadError: null });
        try {
          set({ settings: await api.getSettings() });
        } catch (error) {
          set({ settingsLoadError: message(error) });
        }
      },
      closeSettings: () => set({ settingsOpen: false }),
      saveConnection: (submission) => apply(api.saveConnection(submission)),
      removeConnection: (connectionId) => apply(api.removeConnection(connectionId)),
      savePreferences: (general) => apply(api.savePreferences(general)),
      async testConnection(submission) {
        try {
          return await api.testConnection(submission);
        } catch (error) {
          return { ok: false, error: message(error) };
        }
      },
    };
  };
}
