import { useEffect } from 'react';
import { useT } from '../../i18n/language';
import { useActions, useAttendant } from '../../store/context';
import { ConnectionSettings } from './ConnectionSettings';
import { KeysSettings } from './KeysSettings';
import { PreferencesForm } from './PreferencesForm';
import './settings.css';

/** The settings view, in place of the console; Escape or Close returns to it. */
export function SettingsPage() {
  const { closeSettings } = useActions();
  const settings = useAttendant((s) => s.settings);
  const loadError = useAttendant((s) => s.settingsLoadError);
  const t = useT();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A native <select> open, a form (its own Cancel) and a composition in progress keep Escape for themselves.
      if (event.key === 'Escape' && !event.defaultPrevented && !event.isComposing) closeSettings();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [closeSettings]);

  return (
    <main className="settings" aria-labelledby="settings-title">
      <div className="settings-header">
        <h1 id="settings-title">{t('settings.heading')}</h1>
        <button type="button" onClick={closeSettings}>
          {t('common.close')}
        </button>
      </div>
      {loadError && <p role="alert">{t('settings.loadFailed', { reason: loadError })}</p>}
      {!settings && !loadError && <p role="status">{t('settings.loading')}</p>}
      {settings && (
        <>
          <ConnectionSettings settings={settings} />
          <PreferencesForm key={`${settings.defaultCountry}`} settings={settings} />
          <KeysSettings />
        </>
      )}
    </main>
  );
}

/** The header button that opens the settings view. */
export function SettingsButton() {
  const { openSettings } = useActions();
  const open = useAttendant((s) => s.settingsOpen);
  const t = useT();
  return (
    <button type="button" className="settings-button" aria-pressed={open} onClick={() => void openSettings()}>
      {t('settings.open')}
    </button>
  );
}
