import { lineLabel } from '../../format/labels';
import { useState, type FormEvent } from 'react';
import type { SettingsView } from '../../../../app/contract';
import { LANGUAGE_NAMES, LANGUAGES, type LanguagePreference } from '../../../../app/i18n/languages';
import { msg, type Message, type MessageKey } from '../../../../app/i18n/message';
import { JOURNAL_RETENTION_DAYS, SOUND_VOLUME, type DesktopPreferences, type ThemePreference } from '../../../../app/preferences';
import { NUMBER_PLACEHOLDER } from '../../../../app/crm-link';
import { generalSettingsSchema } from '../../../../app/contract';
import { problemsOf, v } from '../../../../app/validation/schema';
import { useMessageText, useT } from '../../i18n/language';
import { useActions, useAttendant, useAttendantStore } from '../../store/context';
import { selectLines } from '../../store/selectors';
import '../../sound/ring-sound.css';

/** An example address for the CRM field's placeholder (a URL, not words: the same in every language). */
const CRM_EXAMPLE = `https://crm.example.com/search?phone=${NUMBER_PLACEHOLDER}`;

/** Which field a problem of the preferences schema belongs to, by its path. */
const FIELD_OF_PATH: readonly [RegExp, MessageKey][] = [
  [/^defaultCountry$/, 'settings.prefs.country'],
  [/^preferences\.shortcuts\.answer$/, 'settings.prefs.answerShortcut'],
  [/^preferences\.shortcuts\.hangup$/, 'settings.prefs.hangupShortcut'],
  [/^preferences\.crmUrlTemplate$/, 'settings.prefs.crmField'],
  [/^preferences\.journalRetentionDays$/, 'journal.retention'],
  [/^preferences\.sound\.volume$/, 'sound.volume'],
];

/** The system's language first, then each language the console speaks. */
const LANGUAGE_CHOICES: readonly LanguagePreference[] = ['system', ...LANGUAGES];

const THEME_KEY: Record<ThemePreference, MessageKey> = {
  system: 'settings.prefs.themeSystem',
  light: 'settings.prefs.themeLight',
  dark: 'settings.prefs.themeDark',
};

/** Language and theme, default line and country, alerts, click-to-dial, and (in the desktop app) tray, login and global shortcuts. */
export function PreferencesForm({ settings }: { settings: SettingsView }) {
  const { savePreferences } = useActions();
  const store = useAttendantStore();
  const lines = useAttendant(selectLines);
  // As saved now (the tray may have switched it since this form opened), not as this form holds it.
  const doNotDisturb = useAttendant((state) => state.settings?.preferences.alerts.doNotDisturb ?? false);
  const t = useT();
  const messageText = useMessageText();
  const [prefs, setPrefs] = useState<DesktopPreferences>(settings.preferences);
  const [country, setCountry] = useState(settings.defaultCountry);
  // Kept as a message, so it follows the language just chosen (the UI switches as soon as the save lands).
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; text: Message } | null>(null);

  /** The first problem, by the same schema the core checks with, named with its field when it has one. */
  function problem(): Message | null {
    const result = v.safeParse(generalSettingsSchema, { defaultCountry: country, preferences: prefs });
    if (result.success) return null;
    const [first] = problemsOf(result.issues);
    if (!first) return msg('validation.invalid');
    const field = FIELD_OF_PATH.find(([pattern]) => pattern.test(first.path))?.[1];
    return field ? msg('settings.prefs.fieldProblem', { field: msg(field), problem: first.message }) : first.message;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = problem();
    if (found) {
      setOutcome({ kind: 'error', text: found });
      return;
    }
    // What this form does not edit is kept as saved now, not as the form opened with it: the keys (their own section,
    // KeysSettings, saves at once) and do-not-disturb (the tray switches it; saving the form switched it back, so a
    // receptionist who had turned it off in the tray missed every call's alert).
    const saved = store.getState().settings?.preferences ?? prefs;
    const preferences = { ...prefs, keys: saved.keys, alerts: { ...prefs.alerts, doNotDisturb: saved.alerts.doNotDisturb } };
    const error = await savePreferences({ defaultCountry: country, preferences });
    setOutcome(
      error
        ? { kind: 'error', text: msg('settings.prefs.notSaved', { reason: error.error }) }
        : { kind: 'ok', text: msg('settings.prefs.saved') },
    );
  }

  const check = (label: string, value: boolean, change: (value: boolean) => void) => (
    <label className="settings-check">
      <input type="checkbox" checked={value} onChange={(e) => change(e.target.checked)} />
      {label}
    </label>
  );

  return (
    <form className="settings-section" aria-labelledby="settings-preferences" onSubmit={(e) => void onSubmit(e)}>
      <h2 id="settings-preferences">{t('settings.prefs.heading')}</h2>
      <label className="settings-field">
        <span>{t('settings.prefs.language')}</span>
        <select value={prefs.language} onChange={(e) => setPrefs({ ...prefs, language: e.target.value as LanguagePreference })}>
          {LANGUAGE_CHOICES.map((choice) =>
            choice === 'system' ? (
              <option key={choice} value={choice}>
                {t('settings.prefs.languageSystem')}
              </option>
            ) : (
              // Each language in its own words, so a receptionist finds theirs whatever the console speaks now.
              <option key={choice} value={choice} lang={choice}>
                {LANGUAGE_NAMES[choice]}
              </option>
            ),
          )}
        </select>
      </label>
      <label className="settings-field">
        <span>{t('settings.prefs.theme')}</span>
        <select value={prefs.theme} onChange={(e) => setPrefs({ ...prefs, theme: e.target.value as ThemePreference })}>
          {(Object.keys(THEME_KEY) as ThemePreference[]).map((theme) => (
            <option key={theme} value={theme}>
              {t(THEME_KEY[theme])}
            </option>
          ))}
        </select>
      </label>
      <label className="settings-field">
        <span>{t('settings.prefs.defaultLine')}</span>
        <select value={prefs.defaultLineId ?? ''} onChange={(e) => setPrefs({ ...prefs, defaultLineId: e.target.value || undefined })}>
          <option value="">{t('settings.prefs.firstLineOnline')}</option>
          {lines.map((line) => (
            <option key={line.id} value={line.id}>
              {lineLabel(line, t)} ({line.number})
            </option>
          ))}
        </select>
      </label>
      <label className="settings-field">
        <span>{t('settings.prefs.country')}</span>
        <input value={country} maxLength={2} onChange={(e) => setCountry(e.target.value.toUpperCase())} />
      </label>
      {check(t('settings.prefs.alerts'), prefs.alerts.enabled, (enabled) => setPrefs({ ...prefs, alerts: { ...prefs.alerts, enabled } }))}
      <fieldset className="settings-sound">
        <legend>{t('sound.heading')}</legend>
        {check(t('sound.muted'), prefs.sound.muted, (muted) => setPrefs({ ...prefs, sound: { ...prefs.sound, muted } }))}
        <label className="settings-field">
          <span>{t('sound.volume')}</span>
          <span className="settings-sound__volume">
            <input
              type="range"
              min={SOUND_VOLUME.min}
              max={SOUND_VOLUME.max}
              step={1}
              value={prefs.sound.volume}
              aria-valuetext={t('sound.volumeValue', { volume: prefs.sound.volume })}
              onChange={(e) => setPrefs({ ...prefs, sound: { ...prefs.sound, volume: Number(e.target.value) } })}
            />
            <output aria-hidden="true">{t('sound.volumeValue', { volume: prefs.sound.volume })}</output>
          </span>
        </label>
        {doNotDisturb && <p className="muted">{t('sound.doNotDisturb')}</p>}
      </fieldset>
      <label className="settings-field">
        <span>{t('settings.prefs.crmAddress', { placeholder: NUMBER_PLACEHOLDER })}</span>
        <input
          value={prefs.crmUrlTemplate}
          placeholder={CRM_EXAMPLE}
          onChange={(e) => setPrefs({ ...prefs, crmUrlTemplate: e.target.value.trim() })}
        />
      </label>
      {check(t('settings.prefs.confirmBeforeDial'), prefs.confirmBeforeDial, (confirmBeforeDial) =>
        setPrefs({ ...prefs, confirmBeforeDial }),
      )}
      <label className="settings-field">
        <span>{t('journal.retention')}</span>
        <input
          type="number"
          min={JOURNAL_RETENTION_DAYS.min}
          max={JOURNAL_RETENTION_DAYS.max}
          step={1}
          value={Number.isFinite(prefs.journalRetentionDays) ? prefs.journalRetentionDays : ''}
          aria-describedby="journal-retention-hint"
          onChange={(e) => setPrefs({ ...prefs, journalRetentionDays: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
        />
        <small id="journal-retention-hint" className="muted">
          {t('journal.retentionHint')}
        </small>
      </label>
      {settings.desktop && (
        <>
          {check(t('settings.prefs.alertWindow'), prefs.alerts.alertWindow, (alertWindow) =>
            setPrefs({ ...prefs, alerts: { ...prefs.alerts, alertWindow } }),
          )}
          {check(t('settings.prefs.closeToTray'), prefs.closeToTray, (closeToTray) => setPrefs({ ...prefs, closeToTray }))}
          {check(t('settings.prefs.startAtLogin'), prefs.startAtLogin, (startAtLogin) => setPrefs({ ...prefs, startAtLogin }))}
          <label className="settings-field">
            <span>{t('settings.prefs.answerShortcut')}</span>
            <input
              value={prefs.shortcuts.answer}
              onChange={(e) => setPrefs({ ...prefs, shortcuts: { ...prefs.shortcuts, answer: e.target.value } })}
            />
          </label>
          <label className="settings-field">
            <span>{t('settings.prefs.hangupShortcut')}</span>
            <input
              value={prefs.shortcuts.hangup}
              onChange={(e) => setPrefs({ ...prefs, shortcuts: { ...prefs.shortcuts, hangup: e.target.value } })}
            />
          </label>
        </>
      )}
      <div className="settings-actions">
        <button type="submit">{t('settings.prefs.save')}</button>
      </div>
      {outcome && (
        <p role={outcome.kind === 'error' ? 'alert' : 'status'}>
          {typeof outcome.text === 'string' ? outcome.text : messageText(outcome.text)}
        </p>
      )}
    </form>
  );
}
