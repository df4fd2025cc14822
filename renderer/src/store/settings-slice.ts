/**
 * The settings view's state: whether it is open, what the core last said
 * the settings are, and the requests that change them. Every change is
 * answered by the core with the new settings (or the reason it refused),
 * so the view never shows something that was not saved.
 */
import type { CommandResult } from '../../../app/commands';
import type {
  AttendantApi,
  ConnectionSubmission,
  GeneralSettings,
  SettingsProblem,
  SettingsResult,
  SettingsView,
} from '../../../app/contract';
import type { Message } from '../../../app/i18n/message';
import { messageOfError } from '../bridge/bridge-error';
import type { SliceCreator } from './types';

export interface SettingsSlice {
  settingsOpen: boolean;
  /** Null until loaded (or when loading failed: see settingsLoadError). */
  settings: SettingsView | null;
  settingsLoadError: Message | null;
  openSettings: () => Promise<void>;
  /** Fetches the settings without opening the view (the call rows need the CRM address). */
  loadSettings: () => Promise<void>;
  closeSettings: () => void;
  /** Each returns null when saved, else why not (and which fields are wrong, when the core says so). */
  saveConnection: (submission: ConnectionSubmission) => Promise<SettingsFailure | null>;
  removeConnection: (connectionId: string) => Promise<SettingsFailure | null>;
  savePreferences: (general: GeneralSettings) => Promise<SettingsFailure | null>;
  testConnection: (submission: ConnectionSubmission) => Promise<CommandResult>;
}

/** Why a settings change was not saved. */
export interface SettingsFailure {
  error: Message;
  problems: SettingsProblem[];
}

export function createSettingsSlice(api: AttendantApi): SliceCreator<SettingsSlice> {
  return (set, get) => {
    async function apply(change: Promise<SettingsResult>): Promise<SettingsFailure | null> {
      try {
        const result = await change;
        if (!result.ok) return { error: result.error, problems: result.problems ?? [] };
        set({ settings: result.settings });
        return null;
      } catch (error) {
        return { error: messageOfError(error), problems: [] };
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
          set({ settingsLoadError: messageOfError(error) });
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
          return { ok: false, error: messageOfError(error) };
        }
      },
    };
  };
}
