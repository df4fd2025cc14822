import { useEffect } from 'react';
import { useActions, useAttendant } from '../../store/context';
import { ConnectionSettings } from './ConnectionSettings';
import { PreferencesForm } from './PreferencesForm';
import './settings.css';

/** The settings view, in place of the console; Escape or Close returns to it. */
export function SettingsPage() {
  const { closeSettings } = useActions();
  const settings = useAttendant((s) => s.settings);
  const loadError = useAttendant((s) => s.settingsLoadError);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A native <select> open keeps Escape for itself.
      if (event.key === 'Escape' && !event.defaultPrevented) closeSettings();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [closeSettings]);

  return (
    <main className="settings" aria-labelledby="settings-title">
      <div className="settings-header">
        <h1 id="settings-title">Settings</h1>
        <button type="button" onClick={closeSettings}>
          Close
        </button>
      </div>
      {loadError && <p role="alert">Settings could not be loaded: {loadError}</p>}
      {!settings && !loadError && <p role="status">Loading settings…</p>}
      {settings && (
        <>
          <ConnectionSettings settings={settings} />
          <PreferencesForm key={`${settings.defaultCountry}`} settings={settings} />
        </>
      )}
    </main>
  );
}

/** The header button that opens the settings view. */
export function SettingsButton() {
  const { openSettings } = useActions();
  const open = useAttendant((s) => s.settingsOpen);
  return (
    <button type="button" className="settings-button" aria-pressed={open} onClick={() => void openSettings()}>
      Settings
    </button>
  );
}
