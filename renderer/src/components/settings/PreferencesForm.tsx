import { useState, type FormEvent } from 'react';
import type { SettingsView } from '../../../../app/contract';
import type { DesktopPreferences } from '../../../../app/preferences';
import { accelerator } from '../../../../app/preferences';
import { crmTemplateProblem, NUMBER_PLACEHOLDER } from '../../../../app/crm-link';
import { useActions, useAttendant } from '../../store/context';
import { selectLines } from '../../store/selectors';

/** Default line and country, alerts, click-to-dial, and (in the desktop app) tray, login and global shortcuts. */
export function PreferencesForm({ settings }: { settings: SettingsView }) {
  const { savePreferences } = useActions();
  const lines = useAttendant(selectLines);
  const [prefs, setPrefs] = useState<DesktopPreferences>(settings.preferences);
  const [country, setCountry] = useState(settings.defaultCountry);
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  function problem(): string | null {
    if (!/^[A-Z]{2}$/.test(country)) return 'The country is a two-letter code such as EE or FI.';
    for (const [name, value] of Object.entries(prefs.shortcuts)) {
      try {
        accelerator(value);
      } catch {
        return `The ${name === 'answer' ? 'answer' : 'hang-up'} shortcut needs a modifier and a key, such as CommandOrControl+Alt+A (or empty for none).`;
      }
    }
    if (prefs.shortcuts.answer !== '' && prefs.shortcuts.answer === prefs.shortcuts.hangup)
      return 'Answer and hang up need different shortcuts.';
    if (prefs.crmUrlTemplate !== '') return crmTemplateProblem(prefs.crmUrlTemplate);
    return null;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = problem();
    if (found) {
      setOutcome({ kind: 'error', text: found });
      return;
    }
    const error = await savePreferences({ defaultCountry: country, preferences: prefs });
    setOutcome(error ? { kind: 'error', text: `Not saved: ${error}` } : { kind: 'ok', text: 'Preferences saved.' });
  }

  const check = (label: string, value: boolean, change: (value: boolean) => void) => (
    <label className="settings-check">
      <input type="checkbox" checked={value} onChange={(e) => change(e.target.checked)} />
      {label}
    </label>
  );

  return (
    <form className="settings-section" aria-labelledby="settings-preferences" onSubmit={(e) => void onSubmit(e)}>
      <h2 id="settings-preferences">Preferences</h2>
      <label className="settings-field">
        <span>Default line</span>
        <select value={prefs.defaultLineId ?? ''} onChange={(e) => setPrefs({ ...prefs, defaultLineId: e.target.value || undefined })}>
          <option value="">The first line online</option>
          {lines.map((line) => (
            <option key={line.id} value={line.id}>
              {line.label} ({line.number})
            </option>
          ))}
        </select>
      </label>
      <label className="settings-field">
        <span>Country for numbers without a country code</span>
        <input value={country} maxLength={2} onChange={(e) => setCountry(e.target.value.toUpperCase())} />
      </label>
      {check('Show a notification for ringing calls', prefs.alerts.enabled, (enabled) =>
        setPrefs({ ...prefs, alerts: { ...prefs.alerts, enabled } }),
      )}
      <label className="settings-field">
        <span>CRM lookup address ({NUMBER_PLACEHOLDER} is replaced by the caller&apos;s number; empty for none)</span>
        <input
          value={prefs.crmUrlTemplate}
          placeholder={`https://crm.example.com/search?phone=${NUMBER_PLACEHOLDER}`}
          onChange={(e) => setPrefs({ ...prefs, crmUrlTemplate: e.target.value.trim() })}
        />
      </label>
      {check('Confirm before dialing a clicked link', prefs.confirmBeforeDial, (confirmBeforeDial) =>
        setPrefs({ ...prefs, confirmBeforeDial }),
      )}
      {settings.desktop && (
        <>
          {check('Also show ringing calls in a small window on top of other apps', prefs.alerts.alertWindow, (alertWindow) =>
            setPrefs({ ...prefs, alerts: { ...prefs.alerts, alertWindow } }),
          )}
          {check('Closing the window keeps the console running in the tray', prefs.closeToTray, (closeToTray) =>
            setPrefs({ ...prefs, closeToTray }),
          )}
          {check('Start at login', prefs.startAtLogin, (startAtLogin) => setPrefs({ ...prefs, startAtLogin }))}
          <label className="settings-field">
            <span>Answer shortcut (anywhere)</span>
            <input
              value={prefs.shortcuts.answer}
              onChange={(e) => setPrefs({ ...prefs, shortcuts: { ...prefs.shortcuts, answer: e.target.value } })}
            />
          </label>
          <label className="settings-field">
            <span>Hang-up shortcut (anywhere)</span>
            <input
              value={prefs.shortcuts.hangup}
              onChange={(e) => setPrefs({ ...prefs, shortcuts: { ...prefs.shortcuts, hangup: e.target.value } })}
            />
          </label>
        </>
      )}
      <div className="settings-actions">
        <button type="submit">Save preferences</button>
      </div>
      {outcome && <p role={outcome.kind === 'error' ? 'alert' : 'status'}>{outcome.text}</p>}
    </form>
  );
}
